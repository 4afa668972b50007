package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: datetime field overflow (22008). asyncpg: {@code asyncpg.exceptions.DatetimeFieldOverflowError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (DatetimeFieldOverflow e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class DatetimeFieldOverflow extends DataError {
    private static final long serialVersionUID = 1L;

    public DatetimeFieldOverflow(Map<Character, String> fields) {
        super(fields);
    }
}
