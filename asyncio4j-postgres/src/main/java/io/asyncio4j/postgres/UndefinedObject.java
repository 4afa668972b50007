package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: object does not exist (42704). asyncpg: {@code asyncpg.exceptions.UndefinedObjectError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (UndefinedObject e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class UndefinedObject extends SyntaxErrorOrAccessRuleViolation {
    private static final long serialVersionUID = 1L;

    public UndefinedObject(Map<Character, String> fields) {
        super(fields);
    }
}
