package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: function or operator does not exist (42883). asyncpg: {@code asyncpg.exceptions.UndefinedFunctionError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (UndefinedFunction e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class UndefinedFunction extends SyntaxErrorOrAccessRuleViolation {
    private static final long serialVersionUID = 1L;

    public UndefinedFunction(Map<Character, String> fields) {
        super(fields);
    }
}
