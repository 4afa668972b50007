package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: CHECK constraint violation (23514). asyncpg: {@code asyncpg.exceptions.CheckViolationError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (CheckViolation e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class CheckViolation extends IntegrityConstraintViolation {
    private static final long serialVersionUID = 1L;

    public CheckViolation(Map<Character, String> fields) {
        super(fields);
    }
}
