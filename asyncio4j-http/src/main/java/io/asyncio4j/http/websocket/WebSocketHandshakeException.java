package io.asyncio4j.http.websocket;

/**
 * A WebSocket opening handshake that cannot succeed.
 *
 * <p>The analog of aiohttp's {@code HTTPBadRequest} raised by {@code WebSocketResponse.prepare}
 * (server) and {@code WSServerHandshakeError} (client). {@link #status()} is the HTTP status a
 * server answers with (400, or 426 for an unsupported version); 0 on the client side.
 *
 * <pre>{@code
 * try { key = WebSocketHandshake.validateRequest(head); }
 * catch (WebSocketHandshakeException e) { respond(e.status(), e.getMessage()); }
 * }</pre>
 */
public final class WebSocketHandshakeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    /** Creates the exception with the status to answer (0 on the client side). */
    public WebSocketHandshakeException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The HTTP status to answer with (server side), or 0. */
    public int status() {
        return status;
    }
}
