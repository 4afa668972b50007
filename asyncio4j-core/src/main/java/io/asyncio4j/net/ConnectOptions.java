package io.asyncio4j.net;

import java.net.SocketAddress;
import java.time.Duration;

/**
 * Options of {@link Net#createConnection}: asyncio's keyword arguments {@code local_addr}, and a
 * connect timeout (asyncio users wrap the call in {@code wait_for}). Fluent and mutable.
 *
 * <pre>{@code
 * Net.createConnection(MyProtocol::new, "example.internal", 80,
 *         new ConnectOptions().connectTimeout(Duration.ofSeconds(2)).keepAlive(true));
 * }</pre>
 */
public final class ConnectOptions {
    SocketAddress localAddress;
    Duration connectTimeout;
    boolean keepAlive;
    boolean noDelay = true;

    /** Binds the socket to this address before connecting (asyncio's {@code local_addr}). */
    public ConnectOptions localAddress(SocketAddress address) {
        this.localAddress = address;
        return this;
    }

    /**
     * The most the whole connect may take, over all resolved addresses; past it the call throws
     * {@link io.asyncio4j.TimeoutError}. Null (the default): no limit besides the OS's own.
     */
    public ConnectOptions connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    /** SO_KEEPALIVE on the socket. */
    public ConnectOptions keepAlive(boolean on) {
        this.keepAlive = on;
        return this;
    }

    /** TCP_NODELAY (true by default, as asyncio sets it on every TCP transport). */
    public ConnectOptions noDelay(boolean on) {
        this.noDelay = on;
        return this;
    }
}
