package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: exclusion constraint violation (23P01). asyncpg: {@code asyncpg.exceptions.ExclusionViolationError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (ExclusionViolation e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class ExclusionViolation extends IntegrityConstraintViolation {
    private static final long serialVersionUID = 1L;

    public ExclusionViolation(Map<Character, String> fields) {
        super(fields);
    }
}
