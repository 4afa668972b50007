package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: syntax error or access rule violation (class 42). asyncpg: {@code asyncpg.exceptions.SyntaxOrAccessError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (SyntaxErrorOrAccessRuleViolation e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class SyntaxErrorOrAccessRuleViolation extends PostgresError {
    private static final long serialVersionUID = 1L;

    public SyntaxErrorOrAccessRuleViolation(Map<Character, String> fields) {
        super(fields);
    }
}
