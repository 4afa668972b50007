package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: RAISE EXCEPTION in PL/pgSQL (P0001). asyncpg: {@code asyncpg.exceptions.RaiseError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (RaiseException e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class RaiseException extends PlPgsqlError {
    private static final long serialVersionUID = 1L;

    public RaiseException(Map<Character, String> fields) {
        super(fields);
    }
}
