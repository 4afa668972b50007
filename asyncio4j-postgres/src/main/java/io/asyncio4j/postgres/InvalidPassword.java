package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: password authentication failed (28P01). asyncpg: {@code asyncpg.exceptions.InvalidPasswordError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (InvalidPassword e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class InvalidPassword extends InvalidAuthorizationSpecification {
    private static final long serialVersionUID = 1L;

    public InvalidPassword(Map<Character, String> fields) {
        super(fields);
    }
}
