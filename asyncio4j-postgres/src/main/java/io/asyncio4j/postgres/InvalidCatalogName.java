package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: the database does not exist (class 3D). asyncpg: {@code asyncpg.exceptions.InvalidCatalogNameError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (InvalidCatalogName e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class InvalidCatalogName extends PostgresError {
    private static final long serialVersionUID = 1L;

    public InvalidCatalogName(Map<Character, String> fields) {
        super(fields);
    }
}
