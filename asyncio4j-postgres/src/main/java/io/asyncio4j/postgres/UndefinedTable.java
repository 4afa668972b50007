package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: relation does not exist (42P01). asyncpg: {@code asyncpg.exceptions.UndefinedTableError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (UndefinedTable e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class UndefinedTable extends SyntaxErrorOrAccessRuleViolation {
    private static final long serialVersionUID = 1L;

    public UndefinedTable(Map<Character, String> fields) {
        super(fields);
    }
}
