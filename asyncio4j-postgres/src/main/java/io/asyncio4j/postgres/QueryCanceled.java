package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: the query was cancelled (57014): by a cancel request or statement_timeout. asyncpg: {@code asyncpg.exceptions.QueryCanceledError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (QueryCanceled e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class QueryCanceled extends OperatorIntervention {
    private static final long serialVersionUID = 1L;

    public QueryCanceled(Map<Character, String> fields) {
        super(fields);
    }
}
