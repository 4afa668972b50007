package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: data exception (class 22): a value the operation cannot take. asyncpg: {@code asyncpg.exceptions.DataError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (DataError e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class DataError extends PostgresError {
    private static final long serialVersionUID = 1L;

    public DataError(Map<Character, String> fields) {
        super(fields);
    }
}
