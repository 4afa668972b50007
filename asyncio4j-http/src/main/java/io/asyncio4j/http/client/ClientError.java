package io.asyncio4j.http.client;

/**
 * Base of the HTTP client's errors: aiohttp's {@code ClientError}.
 *
 * <p>The client's timeouts are not subclasses: they extend {@link ClientTimeoutError}, itself an
 * {@link io.asyncio4j.TimeoutError} (Java has one superclass; aiohttp's timeouts are both a
 * {@code ClientError} and an {@code asyncio.TimeoutError}). Catch both to catch everything:
 *
 * <pre>{@code
 * try {
 *     session.get("http://example.test/").read();
 * } catch (ClientError | ClientTimeoutError e) {
 *     log(e);
 * }
 * }</pre>
 */
public class ClientError extends RuntimeException {
    /** An error with a message. */
    public ClientError(String message) {
        super(message);
    }

    /** An error with a message and a cause. */
    public ClientError(String message, Throwable cause) {
        super(message, cause);
    }
}
