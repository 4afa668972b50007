package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: invalid datetime format (22007). asyncpg: {@code asyncpg.exceptions.InvalidDatetimeFormatError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (InvalidDatetimeFormat e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class InvalidDatetimeFormat extends DataError {
    private static final long serialVersionUID = 1L;

    public InvalidDatetimeFormat(Map<Character, String> fields) {
        super(fields);
    }
}
