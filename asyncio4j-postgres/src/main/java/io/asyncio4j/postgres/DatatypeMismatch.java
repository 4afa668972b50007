package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: datatype mismatch (42804). asyncpg: {@code asyncpg.exceptions.DatatypeMismatchError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (DatatypeMismatch e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class DatatypeMismatch extends SyntaxErrorOrAccessRuleViolation {
    private static final long serialVersionUID = 1L;

    public DatatypeMismatch(Map<Character, String> fields) {
        super(fields);
    }
}
