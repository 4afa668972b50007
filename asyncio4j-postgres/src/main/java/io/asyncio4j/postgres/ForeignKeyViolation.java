package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: foreign key violation (23503); {@link #constraintName()} names the key. asyncpg: {@code asyncpg.exceptions.ForeignKeyViolationError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (ForeignKeyViolation e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class ForeignKeyViolation extends IntegrityConstraintViolation {
    private static final long serialVersionUID = 1L;

    public ForeignKeyViolation(Map<Character, String> fields) {
        super(fields);
    }
}
