package io.asyncio4j.postgres;

/**
 * How {@link PgConnection#transaction(TransactionOptions, PgConnection.TransactionBody)} starts its
 * transaction: asyncpg's {@code conn.transaction(isolation=..., readonly=..., deferrable=...)}.
 * Options apply to the outermost scope only; a nested scope (a savepoint) must use
 * {@link #DEFAULTS}.
 *
 * <pre>{@code
 * var opts = new TransactionOptions(IsolationLevel.SERIALIZABLE, true, true);
 * long n = conn.transaction(opts, tx -> tx.fetchVal("select count(*) from big"));
 * }</pre>
 *
 * @param isolation  isolation level
 * @param readOnly   READ ONLY
 * @param deferrable DEFERRABLE (meaningful for SERIALIZABLE READ ONLY)
 */
public record TransactionOptions(IsolationLevel isolation, boolean readOnly, boolean deferrable) {
    /** The session's defaults: {@code BEGIN}. */
    public static final TransactionOptions DEFAULTS = new TransactionOptions(IsolationLevel.DEFAULT, false, false);

    /** Options with just an isolation level. */
    public static TransactionOptions of(IsolationLevel isolation) {
        return new TransactionOptions(isolation, false, false);
    }

    String beginSql() {
        StringBuilder sb = new StringBuilder("BEGIN");
        if (isolation != null && isolation.sql != null) {
            sb.append(" ISOLATION LEVEL ").append(isolation.sql);
        }
        if (readOnly) {
            sb.append(" READ ONLY");
        }
        if (deferrable) {
            sb.append(" DEFERRABLE");
        }
        return sb.toString();
    }
}
