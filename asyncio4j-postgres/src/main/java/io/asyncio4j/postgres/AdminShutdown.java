package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: terminated by an administrator or shutdown (57P01), e.g. pg_terminate_backend. asyncpg: {@code asyncpg.exceptions.AdminShutdownError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (AdminShutdown e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class AdminShutdown extends OperatorIntervention {
    private static final long serialVersionUID = 1L;

    public AdminShutdown(Map<Character, String> fields) {
        super(fields);
    }
}
