package io.asyncio4j.http.client;

/**
 * No bytes of the response arrived for {@link ClientTimeout#sockRead()}: aiohttp's {@code SocketTimeoutError}. The connection is closed.
 *
 * <pre>{@code
 * try {
 *     session.get(url, new RequestOptions().timeout(ClientTimeout.DEFAULT.withSockRead(Duration.ofSeconds(1)))).read();
 * } catch (SocketReadTimeoutError e) {
 *     System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public final class SocketReadTimeoutError extends ClientTimeoutError {
    /** A timeout with a message. */
    public SocketReadTimeoutError(String message) {
        super(message);
    }
}
