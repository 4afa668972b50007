package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: NULL in a NOT NULL column (23502); {@link #columnName()} names it. asyncpg: {@code asyncpg.exceptions.NotNullViolationError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (NotNullViolation e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class NotNullViolation extends IntegrityConstraintViolation {
    private static final long serialVersionUID = 1L;

    public NotNullViolation(Map<Character, String> fields) {
        super(fields);
    }
}
