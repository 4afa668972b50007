package io.asyncio4j.postgres;

/**
 * Root of every exception this client throws: server errors ({@link PostgresError} and its
 * SQLSTATE subclasses) and client-side ones ({@link PgConnectionError}, {@link PgProtocolError},
 * {@link PgInterfaceError}). Unchecked, like the rest of asyncio4j's exceptions. asyncpg:
 * {@code asyncpg.exceptions.PostgresError} / {@code InterfaceError} share no root there; here they do
 * so that one {@code catch} can take both.
 *
 * <pre>{@code
 * try {
 *     conn.execute("insert into t values ($1)", 1);
 * } catch (PgException e) {
 *     log.warning("database error: " + e.getMessage());
 * }
 * }</pre>
 */
public class PgException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PgException(String message) {
        super(message);
    }

    public PgException(String message, Throwable cause) {
        super(message, cause);
    }
}
