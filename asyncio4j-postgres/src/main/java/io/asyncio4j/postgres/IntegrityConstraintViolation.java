package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: integrity constraint violation (class 23). asyncpg: {@code asyncpg.exceptions.IntegrityConstraintViolationError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (IntegrityConstraintViolation e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class IntegrityConstraintViolation extends PostgresError {
    private static final long serialVersionUID = 1L;

    public IntegrityConstraintViolation(Map<Character, String> fields) {
        super(fields);
    }
}
