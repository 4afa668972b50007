package io.asyncio4j.http.client;

import java.time.Duration;

/**
 * The time limits of a request: aiohttp's {@code ClientTimeout}, plus a pool-acquire limit. A null
 * field means no limit. Each limit raises its own {@link ClientTimeoutError} subclass.
 *
 * <ul>
 * <li>{@code total}: the whole request including redirects and reading the body
 *     ({@link TotalTimeoutError}). Default 5 minutes, like aiohttp.</li>
 * <li>{@code connect}: waiting for a pool slot plus opening the connection; the part spent queued for
 *     the pool raises {@link PoolTimeoutError}, the rest {@link ConnectTimeoutError}.</li>
 * <li>{@code sockConnect}: one TCP connect (DNS and the connect attempts) ({@link ConnectTimeoutError}).</li>
 * <li>{@code sockRead}: the longest wait for the next bytes of a response ({@link SocketReadTimeoutError}).</li>
 * <li>{@code poolAcquire}: waiting for a free connection when the pool is at its limit
 *     ({@link PoolTimeoutError}).</li>
 * </ul>
 *
 * <pre>{@code
 * ClientTimeout t = ClientTimeout.DEFAULT.withTotal(Duration.ofSeconds(10)).withSockRead(Duration.ofSeconds(2));
 * try (ClientSession s = new ClientSession(new ClientSession.Options().timeout(t))) { ... }
 * }</pre>
 *
 * @param total whole request
 * @param connect pool wait plus connection opening
 * @param sockConnect one connection opening
 * @param sockRead one wait for response bytes
 * @param poolAcquire one wait for a pool slot
 */
public record ClientTimeout(Duration total, Duration connect, Duration sockConnect, Duration sockRead,
                            Duration poolAcquire) {
    /** aiohttp's default: total 5 minutes, sockConnect 30 seconds, others unlimited. */
    public static final ClientTimeout DEFAULT =
            new ClientTimeout(Duration.ofMinutes(5), null, Duration.ofSeconds(30), null, null);

    /** No limits at all. */
    public static final ClientTimeout NONE = new ClientTimeout(null, null, null, null, null);

    /** A copy with {@code total}. */
    public ClientTimeout withTotal(Duration d) {
        return new ClientTimeout(d, connect, sockConnect, sockRead, poolAcquire);
    }

    /** A copy with {@code connect}. */
    public ClientTimeout withConnect(Duration d) {
        return new ClientTimeout(total, d, sockConnect, sockRead, poolAcquire);
    }

    /** A copy with {@code sockConnect}. */
    public ClientTimeout withSockConnect(Duration d) {
        return new ClientTimeout(total, connect, d, sockRead, poolAcquire);
    }

    /** A copy with {@code sockRead}. */
    public ClientTimeout withSockRead(Duration d) {
        return new ClientTimeout(total, connect, sockConnect, d, poolAcquire);
    }

    /** A copy with {@code poolAcquire}. */
    public ClientTimeout withPoolAcquire(Duration d) {
        return new ClientTimeout(total, connect, sockConnect, sockRead, d);
    }
}
