package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: object already exists (42710). asyncpg: {@code asyncpg.exceptions.DuplicateObjectError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (DuplicateObject e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class DuplicateObject extends SyntaxErrorOrAccessRuleViolation {
    private static final long serialVersionUID = 1L;

    public DuplicateObject(Map<Character, String> fields) {
        super(fields);
    }
}
