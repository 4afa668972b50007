package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: relation already exists (42P07). asyncpg: {@code asyncpg.exceptions.DuplicateTableError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (DuplicateTable e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class DuplicateTable extends SyntaxErrorOrAccessRuleViolation {
    private static final long serialVersionUID = 1L;

    public DuplicateTable(Map<Character, String> fields) {
        super(fields);
    }
}
