package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: deadlock detected (40P01): retry the transaction. asyncpg: {@code asyncpg.exceptions.DeadlockDetectedError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (DeadlockDetected e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class DeadlockDetected extends TransactionRollback {
    private static final long serialVersionUID = 1L;

    public DeadlockDetected(Map<Character, String> fields) {
        super(fields);
    }
}
