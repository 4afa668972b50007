package io.asyncio4j.net;

/**
 * Options of {@link Net#createServer}: asyncio's {@code backlog}, {@code reuse_address},
 * {@code reuse_port}, {@code keep_alive} and {@code start_serving}. Fluent and mutable.
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

    /** Whether to accept connections at once (default) or only after {@link Server#startServing()}. */
    public ServerOptions startServing(boolean on) {
        this.startServing = on;
        return this;
    }
}
