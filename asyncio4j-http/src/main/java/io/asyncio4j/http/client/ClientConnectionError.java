package io.asyncio4j.http.client;

/**
 * A connection-level failure (refused, reset, closed by the server): aiohttp's
 * {@code ClientConnectionError}.
 *
 * <pre>{@code
 * try { session.get(url).read(); } catch (ClientConnectionError e) { retryLater(); }
 * }</pre>
 */
public class ClientConnectionError extends ClientError {
    /** An error with a message. */
    public ClientConnectionError(String message) {
        super(message);
    }

    /** An error with a message and a cause. */
    public ClientConnectionError(String message, Throwable cause) {
        super(message, cause);
    }
}
