package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: duplicate key value (23505); {@link #constraintName()} names the unique index or constraint. asyncpg: {@code asyncpg.exceptions.UniqueViolationError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (UniqueViolation e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class UniqueViolation extends IntegrityConstraintViolation {
    private static final long serialVersionUID = 1L;

    public UniqueViolation(Map<Character, String> fields) {
        super(fields);
    }
}
