package io.asyncio4j.net;

import javax.net.ssl.SSLContext;
import java.net.SocketAddress;
import java.time.Duration;

/**
 * Options of {@link Net#createConnection}: asyncio's keyword arguments {@code local_addr}, and a
 * connect timeout (asyncio users wrap the call in {@code wait_for}); for TLS {@code ssl},
 * {@code server_hostname}, {@code ssl_handshake_timeout}, {@code ssl_shutdown_timeout}, and the
 * ALPN protocols. Fluent and mutable.
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
    SSLContext ssl;
    final TlsOptions tls = new TlsOptions();

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

    /**
     * Connects with TLS using engines of {@code context} (asyncio's {@code ssl}); the transport the
     * protocol gets is an {@link SslTransport} and the call returns once the handshake is done.
     * Null (the default): plain TCP.
     */
    public ConnectOptions ssl(SSLContext context) {
        this.ssl = context;
        return this;
    }

    /** The TLS context, or null. */
    public SSLContext ssl() {
        return ssl;
    }

    /**
     * The name for SNI and certificate verification (asyncio's {@code server_hostname}); by
     * default the host connected to. "" skips both (see {@link TlsOptions#serverHostname}).
     */
    public ConnectOptions serverHostname(String name) {
        tls.serverHostname(name);
        return this;
    }

    /** The TLS handshake timeout (asyncio's {@code ssl_handshake_timeout}, default 60 s). */
    public ConnectOptions sslHandshakeTimeout(Duration timeout) {
        tls.handshakeTimeout(timeout);
        return this;
    }

    /** The TLS shutdown timeout (asyncio's {@code ssl_shutdown_timeout}, default 30 s). */
    public ConnectOptions sslShutdownTimeout(Duration timeout) {
        tls.shutdownTimeout(timeout);
        return this;
    }

    /** The ALPN protocols to offer, most preferred first (e.g. {@code "h2", "http/1.1"}). */
    public ConnectOptions applicationProtocols(String... protocols) {
        tls.applicationProtocols(protocols);
        return this;
    }

    /** The TLS settings for a connection to {@code host} (its name unless one was set). */
    TlsOptions tlsFor(String host) {
        TlsOptions o = tls.copy();
        if (o.serverHostname == null) {
            o.serverHostname = host;
        }
        return o;
    }
}
