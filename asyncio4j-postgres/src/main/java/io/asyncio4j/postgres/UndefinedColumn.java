package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: column does not exist (42703). asyncpg: {@code asyncpg.exceptions.UndefinedColumnError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (UndefinedColumn e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class UndefinedColumn extends SyntaxErrorOrAccessRuleViolation {
    private static final long serialVersionUID = 1L;

    public UndefinedColumn(Map<Character, String> fields) {
        super(fields);
    }
}
