package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: too many connections (53300). asyncpg: {@code asyncpg.exceptions.TooManyConnectionsError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (TooManyConnections e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class TooManyConnections extends InsufficientResources {
    private static final long serialVersionUID = 1L;

    public TooManyConnections(Map<Character, String> fields) {
        super(fields);
    }
}
