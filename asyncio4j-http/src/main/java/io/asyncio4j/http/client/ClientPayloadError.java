package io.asyncio4j.http.client;

/**
 * The response body could not be read to its end: the connection was closed mid-body, the framing
 * was invalid, or the compressed data was corrupt. aiohttp's {@code ClientPayloadError}. The
 * connection is closed, never returned to the pool.
 *
 * <pre>{@code
 * try { resp.read(); } catch (ClientPayloadError e) { System.err.println("truncated: " + e.getMessage()); }
 * }</pre>
 */
public class ClientPayloadError extends ClientError {
    /** An error with a message. */
    public ClientPayloadError(String message) {
        super(message);
    }

    /** An error with a message and a cause. */
    public ClientPayloadError(String message, Throwable cause) {
        super(message, cause);
    }
}
