package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: syntax error (42601); {@link #position()} points into the query. asyncpg: {@code asyncpg.exceptions.PostgresSyntaxError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (SyntaxError e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class SyntaxError extends SyntaxErrorOrAccessRuleViolation {
    private static final long serialVersionUID = 1L;

    public SyntaxError(Map<Character, String> fields) {
        super(fields);
    }
}
