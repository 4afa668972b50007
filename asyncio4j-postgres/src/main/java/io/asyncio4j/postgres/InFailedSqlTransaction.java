package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: current transaction is aborted, commands ignored until end of transaction block (25P02). asyncpg: {@code asyncpg.exceptions.InFailedSQLTransactionError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (InFailedSqlTransaction e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class InFailedSqlTransaction extends InvalidTransactionState {
    private static final long serialVersionUID = 1L;

    public InFailedSqlTransaction(Map<Character, String> fields) {
        super(fields);
    }
}
