package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: invalid transaction state (class 25). asyncpg: {@code asyncpg.exceptions.InvalidTransactionStateError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (InvalidTransactionState e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class InvalidTransactionState extends PostgresError {
    private static final long serialVersionUID = 1L;

    public InvalidTransactionState(Map<Character, String> fields) {
        super(fields);
    }
}
