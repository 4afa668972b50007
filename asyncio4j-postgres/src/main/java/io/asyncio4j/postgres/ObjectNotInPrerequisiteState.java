package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Server error: object not in prerequisite state (class 55). asyncpg: {@code asyncpg.exceptions.ObjectNotInPrerequisiteStateError}.
 * Every field of the ErrorResponse is available through the {@link PostgresError} getters.
 *
 * <pre>{@code
 * try {
 *     conn.execute(sql);
 * } catch (ObjectNotInPrerequisiteState e) {
 *     System.out.println(e.sqlState() + " " + e.messageText());
 * }
 * }</pre>
 */
public class ObjectNotInPrerequisiteState extends PostgresError {
    private static final long serialVersionUID = 1L;

    public ObjectNotInPrerequisiteState(Map<Character, String> fields) {
        super(fields);
    }
}
