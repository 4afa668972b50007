package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: division by zero (22012). asyncpg: {@code asyncpg.exceptions.DivisionByZeroError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (DivisionByZero e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class DivisionByZero extends DataError {
    private static final long serialVersionUID = 1L;

    public DivisionByZero(Map<Character, String> fields) {
        super(fields);
    }
}
