package io.asyncio4j.postgres;

/**
 * The connection could not be made or was lost (closed by the server, reset, terminated by
 * {@code pg_terminate_backend}, or closed by this side while queries were in flight). Every query in
 * flight on a lost connection fails with it. asyncpg: {@code ConnectionDoesNotExistError} and
 * connect-time {@code OSError}s.
 *
 * <pre>{@code
 * try { conn.fetchVal("select 1"); }
 * catch (PgConnectionError e) { conn = PgConnection.connect(dsn); }
 * }</pre>
 */
public class PgConnectionError extends PgException {
    private static final long serialVersionUID = 1L;

    public PgConnectionError(String message) {
        super(message);
    }

    public PgConnectionError(String message, Throwable cause) {
        super(message, cause);
    }
}
