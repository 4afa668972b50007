package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: feature not supported (SQLSTATE class 0A). asyncpg: {@code asyncpg.exceptions.FeatureNotSupportedError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (FeatureNotSupported e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class FeatureNotSupported extends PostgresError {
    private static final long serialVersionUID = 1L;

    public FeatureNotSupported(Map<Character, String> fields) {
        super(fields);
    }
}
