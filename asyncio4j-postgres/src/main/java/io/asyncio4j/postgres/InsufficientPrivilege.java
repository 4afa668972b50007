package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: permission denied (42501). asyncpg: {@code asyncpg.exceptions.InsufficientPrivilegeError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (InsufficientPrivilege e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class InsufficientPrivilege extends SyntaxErrorOrAccessRuleViolation {
    private static final long serialVersionUID = 1L;

    public InsufficientPrivilege(Map<Character, String> fields) {
        super(fields);
    }
}
