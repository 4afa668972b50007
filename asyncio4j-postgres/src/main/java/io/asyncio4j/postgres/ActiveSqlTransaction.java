package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: a command that cannot run inside a transaction block (25001). asyncpg: {@code asyncpg.exceptions.ActiveSQLTransactionError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (ActiveSqlTransaction e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class ActiveSqlTransaction extends InvalidTransactionState {
    private static final long serialVersionUID = 1L;

    public ActiveSqlTransaction(Map<Character, String> fields) {
        super(fields);
    }
}
