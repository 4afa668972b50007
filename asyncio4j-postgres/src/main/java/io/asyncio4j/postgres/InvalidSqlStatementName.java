package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: invalid SQL statement name (class 26), e.g. a prepared statement that does not exist. asyncpg: {@code asyncpg.exceptions.InvalidSQLStatementNameError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (InvalidSqlStatementName e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class InvalidSqlStatementName extends PostgresError {
    private static final long serialVersionUID = 1L;

    public InvalidSqlStatementName(Map<Character, String> fields) {
        super(fields);
    }
}
