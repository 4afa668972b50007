package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: lock not available (55P03), e.g. NOWAIT or lock_timeout. asyncpg: {@code asyncpg.exceptions.LockNotAvailableError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (LockNotAvailable e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class LockNotAvailable extends ObjectNotInPrerequisiteState {
    private static final long serialVersionUID = 1L;

    public LockNotAvailable(Map<Character, String> fields) {
        super(fields);
    }
}
