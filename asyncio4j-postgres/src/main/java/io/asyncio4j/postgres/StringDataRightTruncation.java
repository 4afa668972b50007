package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: value too long for the type (22001). asyncpg: {@code asyncpg.exceptions.StringDataRightTruncationError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (StringDataRightTruncation e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class StringDataRightTruncation extends DataError {
    private static final long serialVersionUID = 1L;

    public StringDataRightTruncation(Map<Character, String> fields) {
        super(fields);
    }
}
