package io.asyncio4j.postgres;

/**
 * The server sent something this client cannot make sense of, or a message out of turn: the
 * connection is closed. asyncpg: {@code asyncpg.exceptions.ProtocolError}.
 *
 * <pre>{@code
 * try { conn.fetch(sql); } catch (PgProtocolError e) { // the connection is gone; reconnect }
 * }</pre>
 */
public class PgProtocolError extends PgException {
    private static final long serialVersionUID = 1L;

    public PgProtocolError(String message) {
        super(message);
    }
}
