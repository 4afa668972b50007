package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: PL/pgSQL error (class P0). asyncpg: {@code asyncpg.exceptions.PLPGSQLError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (PlPgsqlError e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class PlPgsqlError extends PostgresError {
    private static final long serialVersionUID = 1L;

    public PlPgsqlError(Map<Character, String> fields) {
        super(fields);
    }
}
