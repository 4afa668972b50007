package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: operator intervention (class 57). asyncpg: {@code asyncpg.exceptions.OperatorInterventionError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (OperatorIntervention e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class OperatorIntervention extends PostgresError {
    private static final long serialVersionUID = 1L;

    public OperatorIntervention(Map<Character, String> fields) {
        super(fields);
    }
}
