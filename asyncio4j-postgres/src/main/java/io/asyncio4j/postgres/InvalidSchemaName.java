package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: the schema does not exist (class 3F). asyncpg: {@code asyncpg.exceptions.InvalidSchemaNameError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (InvalidSchemaName e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class InvalidSchemaName extends PostgresError {
    private static final long serialVersionUID = 1L;

    public InvalidSchemaName(Map<Character, String> fields) {
        super(fields);
    }
}
