package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: invalid cursor state (class 24). asyncpg: {@code asyncpg.exceptions.InvalidCursorStateError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (InvalidCursorState e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class InvalidCursorState extends PostgresError {
    private static final long serialVersionUID = 1L;

    public InvalidCursorState(Map<Character, String> fields) {
        super(fields);
    }
}
