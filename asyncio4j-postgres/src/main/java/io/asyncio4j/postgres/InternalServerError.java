package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: internal error (class XX). asyncpg: {@code asyncpg.exceptions.InternalServerError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (InternalServerError e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class InternalServerError extends PostgresError {
    private static final long serialVersionUID = 1L;

    public InternalServerError(Map<Character, String> fields) {
        super(fields);
    }
}
