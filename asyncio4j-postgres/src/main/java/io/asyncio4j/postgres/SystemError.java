package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: system error (class 58): an error external to PostgreSQL. asyncpg: {@code asyncpg.exceptions.PostgresSystemError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (SystemError e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class SystemError extends PostgresError {
    private static final long serialVersionUID = 1L;

    public SystemError(Map<Character, String> fields) {
        super(fields);
    }
}
