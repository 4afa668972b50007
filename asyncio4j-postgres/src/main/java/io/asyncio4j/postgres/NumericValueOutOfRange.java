package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: numeric value out of range (22003). asyncpg: {@code asyncpg.exceptions.NumericValueOutOfRangeError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (NumericValueOutOfRange e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class NumericValueOutOfRange extends DataError {
    private static final long serialVersionUID = 1L;

    public NumericValueOutOfRange(Map<Character, String> fields) {
        super(fields);
    }
}
