package io.asyncio4j.net;

import javax.net.ssl.SSLContext;
import java.time.Duration;

/**
 * Options of {@link Net#createServer}: asyncio's {@code backlog}, {@code reuse_address},
 * {@code reuse_port}, {@code keep_alive} and {@code start_serving}; for TLS {@code ssl},
 * {@code ssl_handshake_timeout}, {@code ssl_shutdown_timeout} and the ALPN protocols. Fluent and
 * mutable.
 *
 * <pre>{@code
 * Net.createServer(Echo::new, "127.0.0.1", 0, new ServerOptions().backlog(1024).reusePort(true));
 * }</pre>
 */
public final class ServerOptions {
    int backlog = 100;
    boolean reuseAddress = true;
    boolean reusePort;
    boolean keepAlive;
    boolean noDelay = true;
    boolean startServing = true;
    SSLContext ssl;
    final TlsOptions tls = new TlsOptions();

    /** The listen backlog (asyncio's default, 100). */
    public ServerOptions backlog(int backlog) {
        this.backlog = backlog;
        return this;
    }

    /** SO_REUSEADDR on the listening sockets (default true, as asyncio on POSIX). */
    public ServerOptions reuseAddress(boolean on) {
        this.reuseAddress = on;
        return this;
    }

    /** SO_REUSEPORT, so that several sockets (of several loops) can listen on one port. */
    public ServerOptions reusePort(boolean on) {
        this.reusePort = on;
        return this;
    }

    /** SO_KEEPALIVE on accepted connections. */
    public ServerOptions keepAlive(boolean on) {
        this.keepAlive = on;
        return this;
    }

    /** TCP_NODELAY on accepted connections (default true). */
    public ServerOptions noDelay(boolean on) {
        this.noDelay = on;
        return this;
    }

    /**
     * Whether to accept connections at once (default) or only after {@link Server#startServing()}.
     * One difference from asyncio, which binds without listening until then (so clients are
     * refused): the JDK binds and listens in one call, so clients wait in the backlog instead.
     */
    public ServerOptions startServing(boolean on) {
        this.startServing = on;
        return this;
    }

    /**
     * Serves TLS with engines of {@code context} (asyncio's {@code ssl}): each connection's protocol
     * gets an {@link SslTransport} once the handshake is done; failed handshakes are reported
     * through the loop's exception handler and the connection is closed. Null (default): plain.
     */
    public ServerOptions ssl(SSLContext context) {
        this.ssl = context;
        return this;
    }

    /** The TLS context, or null. */
    public SSLContext ssl() {
        return ssl;
    }

    /** Whether TLS clients must present a certificate (see {@link TlsOptions#clientAuth}); default none. */
    public ServerOptions sslClientAuth(ClientAuth mode) {
        tls.clientAuth(mode);
        return this;
    }

    /** The TLS handshake timeout (asyncio's {@code ssl_handshake_timeout}, default 60 s). */
    public ServerOptions sslHandshakeTimeout(Duration timeout) {
        tls.handshakeTimeout(timeout);
        return this;
    }

    /** The TLS shutdown timeout (asyncio's {@code ssl_shutdown_timeout}, default 30 s). */
    public ServerOptions sslShutdownTimeout(Duration timeout) {
        tls.shutdownTimeout(timeout);
        return this;
    }

    /** The ALPN protocols to accept, most preferred first: the first one the client offers wins. */
    public ServerOptions applicationProtocols(String... protocols) {
        tls.applicationProtocols(protocols);
        return this;
    }
}
