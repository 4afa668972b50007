package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: invalid input syntax for a type (22P02). asyncpg: {@code asyncpg.exceptions.InvalidTextRepresentationError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (InvalidTextRepresentation e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class InvalidTextRepresentation extends DataError {
    private static final long serialVersionUID = 1L;

    public InvalidTextRepresentation(Map<Character, String> fields) {
        super(fields);
    }
}
