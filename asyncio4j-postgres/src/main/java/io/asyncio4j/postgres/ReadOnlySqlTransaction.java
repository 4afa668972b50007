package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: a write in a read-only transaction (25006). asyncpg: {@code asyncpg.exceptions.ReadOnlySQLTransactionError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (ReadOnlySqlTransaction e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class ReadOnlySqlTransaction extends InvalidTransactionState {
    private static final long serialVersionUID = 1L;

    public ReadOnlySqlTransaction(Map<Character, String> fields) {
        super(fields);
    }
}
