package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: invalid authorization specification (class 28): unknown user, no pg_hba.conf entry. asyncpg: {@code asyncpg.exceptions.InvalidAuthorizationSpecificationError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (InvalidAuthorizationSpecification e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class InvalidAuthorizationSpecification extends PostgresError {
    private static final long serialVersionUID = 1L;

    public InvalidAuthorizationSpecification(Map<Character, String> fields) {
        super(fields);
    }
}
