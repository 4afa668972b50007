package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: restrict violation (23001). asyncpg: {@code asyncpg.exceptions.RestrictViolationError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (RestrictViolation e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class RestrictViolation extends IntegrityConstraintViolation {
    private static final long serialVersionUID = 1L;

    public RestrictViolation(Map<Character, String> fields) {
        super(fields);
    }
}
