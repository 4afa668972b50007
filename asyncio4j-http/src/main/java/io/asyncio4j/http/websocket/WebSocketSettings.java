package io.asyncio4j.http.websocket;

import java.time.Duration;

/**
 * Per-connection WebSocket behaviour shared by both roles: message size limit, automatic pong,
 * heartbeat, close-handshake timeout, receive queue bound.
 *
 * <p>The analog of the keyword arguments of aiohttp's {@code WebSocketResponse(...)} and
 * {@code ws_connect(...)}: {@code max_msg_size}, {@code autoping}, {@code heartbeat},
 * {@code timeout}/{@code ws_close}.
 *
 * <pre>{@code
 * WebSocketSettings s = WebSocketSettings.DEFAULTS.heartbeat(Duration.ofSeconds(30)).maxMessageSize(1 << 20);
 * }</pre>
 *
 * @param maxMessageSize largest message (wire and inflated), else close 1009 (default 4 MiB)
 * @param autoPing answer Pings with Pongs and do not deliver Ping/Pong messages (default true)
 * @param heartbeat send a Ping after this much silence and close if no answer within half of it
 *     (null: off, the default)
 * @param closeTimeout how long {@code close()} waits for the peer's Close (default 10 s)
 * @param maxQueued received messages queued before reading pauses (default 64)
 */
public record WebSocketSettings(long maxMessageSize, boolean autoPing, Duration heartbeat, Duration closeTimeout,
                                int maxQueued) {
    /** The defaults above. */
    public static final WebSocketSettings DEFAULTS =
            new WebSocketSettings(4L << 20, true, null, Duration.ofSeconds(10), 64);

    /** A copy with {@code maxMessageSize}. */
    public WebSocketSettings maxMessageSize(long v) {
        return new WebSocketSettings(v, autoPing, heartbeat, closeTimeout, maxQueued);
    }

    /** A copy with {@code autoPing}. */
    public WebSocketSettings autoPing(boolean v) {
        return new WebSocketSettings(maxMessageSize, v, heartbeat, closeTimeout, maxQueued);
    }

    /** A copy with {@code heartbeat}. */
    public WebSocketSettings heartbeat(Duration v) {
        return new WebSocketSettings(maxMessageSize, autoPing, v, closeTimeout, maxQueued);
    }

    /** A copy with {@code closeTimeout}. */
    public WebSocketSettings closeTimeout(Duration v) {
        return new WebSocketSettings(maxMessageSize, autoPing, heartbeat, v, maxQueued);
    }

    /** A copy with {@code maxQueued}. */
    public WebSocketSettings maxQueued(int v) {
        return new WebSocketSettings(maxMessageSize, autoPing, heartbeat, closeTimeout, Math.max(1, v));
    }
}
