package io.asyncio4j.postgres;

/**
 * Transaction isolation levels, as asyncpg's {@code isolation=} strings
 * ({@code 'read_committed'}, {@code 'repeatable_read'}, {@code 'serializable'}, ...).
 * {@link #DEFAULT} leaves the session's level in force.
 *
 * <pre>{@code
 * conn.transaction(TransactionOptions.of(IsolationLevel.SERIALIZABLE), tx -> tx.execute("..."));
 * }</pre>
 */
public enum IsolationLevel {
    DEFAULT(null), READ_UNCOMMITTED("READ UNCOMMITTED"), READ_COMMITTED("READ COMMITTED"),
    REPEATABLE_READ("REPEATABLE READ"), SERIALIZABLE("SERIALIZABLE");

    final String sql;

    IsolationLevel(String sql) {
        this.sql = sql;
    }
}
