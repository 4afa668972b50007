package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: program limit exceeded (class 54). asyncpg: {@code asyncpg.exceptions.ProgramLimitExceededError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (ProgramLimitExceeded e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class ProgramLimitExceeded extends PostgresError {
    private static final long serialVersionUID = 1L;

    public ProgramLimitExceeded(Map<Character, String> fields) {
        super(fields);
    }
}
