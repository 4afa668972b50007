package io.asyncio4j.http.websocket;

/**
 * The peer broke RFC 6455/7692 or a limit; carries the close code to fail the connection with.
 *
 * <p>The analog of aiohttp's {@code WebSocketError(code, message)}.
 *
 * <pre>{@code
 * try { decoder.feed(buf); }
 * catch (WebSocketProtocolException e) { send(encoder.close(e.closeCode(), "")); transport.close(); }
 * }</pre>
 */
public final class WebSocketProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int closeCode;

    /** Creates the exception; {@code closeCode} is 1002, 1007 or 1009 (see {@link WebSocketCloseCodes}). */
    public WebSocketProtocolException(int closeCode, String message) {
        super(message, null, false, false);
        this.closeCode = closeCode;
    }

    /** The close code to send before closing. */
    public int closeCode() {
        return closeCode;
    }
}
