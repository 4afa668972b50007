package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: insufficient resources (class 53): disk full, out of memory, too many connections. asyncpg: {@code asyncpg.exceptions.InsufficientResourcesError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (InsufficientResources e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class InsufficientResources extends PostgresError {
    private static final long serialVersionUID = 1L;

    public InsufficientResources(Map<Character, String> fields) {
        super(fields);
    }
}
