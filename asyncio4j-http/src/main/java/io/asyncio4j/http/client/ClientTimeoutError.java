package io.asyncio4j.http.client;

import io.asyncio4j.TimeoutError;

/**
 * Base of the client's timeouts; an {@link io.asyncio4j.TimeoutError}, so code catching asyncio's
 * timeout catches these too (aiohttp's {@code ServerTimeoutError} is likewise an
 * {@code asyncio.TimeoutError}). Each limit of {@link ClientTimeout} raises its own subclass:
 *
 * <table>
 * <caption>which limit raises what</caption>
 * <tr><th>limit</th><th>error</th></tr>
 * <tr><td>{@code total}</td><td>{@link TotalTimeoutError}</td></tr>
 * <tr><td>{@code connect}, {@code sockConnect}</td><td>{@link ConnectTimeoutError}</td></tr>
 * <tr><td>{@code sockRead}</td><td>{@link SocketReadTimeoutError}</td></tr>
 * <tr><td>{@code poolAcquire} (and {@code connect} while queued for the pool)</td><td>{@link PoolTimeoutError}</td></tr>
 * </table>
 *
 * <pre>{@code
 * try { session.get(url).read(); }
 * catch (SocketReadTimeoutError e) { slowServer(); }
 * catch (ClientTimeoutError e) { otherTimeout(); }
 * }</pre>
 */
public abstract sealed class ClientTimeoutError extends TimeoutError
        permits TotalTimeoutError, ConnectTimeoutError, SocketReadTimeoutError, PoolTimeoutError {
    /** A timeout with a message. */
    protected ClientTimeoutError(String message) {
        super(message);
    }
}
