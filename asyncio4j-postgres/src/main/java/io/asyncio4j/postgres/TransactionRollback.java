package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: the transaction was rolled back by the server (class 40); usually worth retrying. asyncpg: {@code asyncpg.exceptions.TransactionRollbackError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (TransactionRollback e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class TransactionRollback extends PostgresError {
    private static final long serialVersionUID = 1L;

    public TransactionRollback(Map<Character, String> fields) {
        super(fields);
    }
}
