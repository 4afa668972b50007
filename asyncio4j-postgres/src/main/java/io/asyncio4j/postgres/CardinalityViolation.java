package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: cardinality violation (class 21), e.g. a scalar subquery returning more than one row. asyncpg: {@code asyncpg.exceptions.CardinalityViolationError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (CardinalityViolation e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class CardinalityViolation extends PostgresError {
    private static final long serialVersionUID = 1L;

    public CardinalityViolation(Map<Character, String> fields) {
        super(fields);
    }
}
