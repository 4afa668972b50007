package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: could not serialize access (40001): retry the transaction. asyncpg: {@code asyncpg.exceptions.SerializationError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (SerializationFailure e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class SerializationFailure extends TransactionRollback {
    private static final long serialVersionUID = 1L;

    public SerializationFailure(Map<Character, String> fields) {
        super(fields);
    }
}
