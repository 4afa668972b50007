package io.asyncio4j.http.client;

/**
 * No connection of the pool became free within {@link ClientTimeout#poolAcquire()} (all {@code limit} or {@code limitPerHost} connections busy). aiohttp has no separate type (it raises {@code ConnectionTimeoutError}); this one says which wait expired.
 *
 * <pre>{@code
 * try {
 *     session.get(url, new RequestOptions().timeout(ClientTimeout.DEFAULT.withPoolAcquire(Duration.ofSeconds(1)))).read();
 * } catch (PoolTimeoutError e) {
 *     System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public final class PoolTimeoutError extends ClientTimeoutError {
    /** A timeout with a message. */
    public PoolTimeoutError(String message) {
        super(message);
    }
}
