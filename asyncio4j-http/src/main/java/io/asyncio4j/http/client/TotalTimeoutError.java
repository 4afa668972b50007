package io.asyncio4j.http.client;

/**
 * The whole request (connection, sending, the head and reading the body) took longer than {@link ClientTimeout#total()}: aiohttp's {@code asyncio.TimeoutError} from {@code ClientTimeout(total=...)}.
 *
 * <pre>{@code
 * try {
 *     session.get(url, new RequestOptions().timeout(ClientTimeout.DEFAULT.withTotal(Duration.ofSeconds(1)))).read();
 * } catch (TotalTimeoutError e) {
 *     System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public final class TotalTimeoutError extends ClientTimeoutError {
    /** A timeout with a message. */
    public TotalTimeoutError(String message) {
        super(message);
    }
}
