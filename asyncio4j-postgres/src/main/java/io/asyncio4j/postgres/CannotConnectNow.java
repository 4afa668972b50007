package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: the server is starting up or shutting down (57P03). asyncpg: {@code asyncpg.exceptions.CannotConnectNowError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (CannotConnectNow e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class CannotConnectNow extends OperatorIntervention {
    private static final long serialVersionUID = 1L;

    public CannotConnectNow(Map<Character, String> fields) {
        super(fields);
    }
}
