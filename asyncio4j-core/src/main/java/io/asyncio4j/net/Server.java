package io.asyncio4j.net;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Future;
import io.asyncio4j.loop.EventLoop;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A listening server: asyncio's {@code Server}, made by {@link Net#createServer},
 * {@link Net#createUnixServer} or {@link io.asyncio4j.stream.Streams#startServer}. Each accepted
 * connection gets a new protocol from the factory and a {@link SocketTransport}.
 *
 * <p>{@link #close()} stops listening (and removes a Unix socket file) but leaves accepted
 * connections open; {@link #waitClosed()} returns once the server is closed and every connection
 * is gone (asyncio 3.12.1 semantics); {@link #closeClients()} / {@link #abortClients()} end them.
 * {@code try (server) {...}} only closes; asyncio's {@code async with server:} also awaits
 * {@code wait_closed()}, so write {@code server.waitClosed()} after the block to match it.
 *
 * <pre>{@code
 * Server server = Net.createServer(Echo::new, "127.0.0.1", 8888);
 * try (server) {
 *     server.serveForever();            // in a task; cancelling it closes the server
 * }
 * }</pre>
 */
public final class Server implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("io.asyncio4j.net");

    private final EventLoop loop;
    private final Supplier<? extends BaseProtocol> factory;
    private final ServerOptions options;
    private List<ServerSocketChannel> sockets;
    private final List<ServerSocketChannel> allSockets;
    private final List<SelectionKey> keys = new ArrayList<>();
    /** The socket files this server bound, with their file keys (device and inode) at bind time. */
    private final Map<Path, Object> unixFiles = new LinkedHashMap<>();
    private final Set<SocketTransport> clients = new LinkedHashSet<>();
    private List<Future<Void>> waiters = new ArrayList<>();
    private Future<Void> servingForever;
    private boolean serving;

    Server(EventLoop loop, List<ServerSocketChannel> sockets, Supplier<? extends BaseProtocol> factory,
           ServerOptions options, List<Path> unixPaths) {
        this.loop = loop;
        this.sockets = new ArrayList<>(sockets);
        this.allSockets = List.copyOf(sockets);
        this.factory = factory;
        this.options = options;
        for (Path p : unixPaths) {
            unixFiles.put(p, fileKey(p));
        }
    }

    /** The loop the server runs on. */
    public EventLoop getLoop() {
        return loop;
    }

    /** The listening sockets; empty once closed. */
    public List<ServerSocketChannel> sockets() {
        return sockets == null ? List.of() : Collections.unmodifiableList(sockets);
    }

    /** The bound addresses of the listening sockets (useful with port 0). */
    public List<SocketAddress> addresses() {
        List<SocketAddress> out = new ArrayList<>();
        for (ServerSocketChannel s : allSockets) {
            try {
                out.add(s.getLocalAddress());
            } catch (IOException e) {
                // closed
            }
        }
        return out;
    }

    /** The port of the first TCP listening socket. */
    public int port() {
        for (SocketAddress a : addresses()) {
            if (a instanceof InetSocketAddress i) {
                return i.getPort();
            }
        }
        throw new IllegalStateException("no TCP socket");
    }

    /** Whether the server accepts connections. */
    public boolean isServing() {
        return serving;
    }

    /** Starts accepting connections (no-op if it does already). */
    public void startServing() {
        if (serving || sockets == null) {
            return;
        }
        serving = true;
        for (ServerSocketChannel s : sockets) {
            keys.add(loop.registerIo(s, SelectionKey.OP_ACCEPT, () -> accept(s)));
        }
    }

    /**
     * Accepts connections until the calling task is cancelled, then closes the server and waits
     * for it to be closed: asyncio's {@code serve_forever}.
     */
    public void serveForever() throws Exception {
        if (servingForever != null) {
            throw new IllegalStateException("server " + this + " is already being awaited on serveForever()");
        }
        if (sockets == null) {
            throw new IllegalStateException("server " + this + " is closed");
        }
        startServing();
        servingForever = loop.createFuture();
        try {
            servingForever.await();
        } catch (CancelledError e) {
            try {
                close();
                waitClosed();
            } finally {
                throw e;
            }
        } finally {
            servingForever = null;
        }
    }

    private void accept(ServerSocketChannel s) {
        for (int i = 0; i < options.backlog; i++) {
            SocketChannel c;
            try {
                c = s.accept();
            } catch (IOException e) {
                if (!s.isOpen()) {
                    return;
                }
                Map<String, Object> ctx = new LinkedHashMap<>();
                ctx.put("message", "socket.accept() out of system resource");
                ctx.put("exception", e);
                ctx.put("socket", s);
                loop.callExceptionHandler(ctx);
                // asyncio waits a second before accepting again (EMFILE and friends)
                SelectionKey k = s.keyFor(loop.selector());
                if (k != null && k.isValid()) {
                    k.interestOps(0);
                    loop.callLater(1.0, () -> {
                        if (serving && k.isValid()) {
                            k.interestOps(SelectionKey.OP_ACCEPT);
                        }
                    });
                }
                return;
            }
            if (c == null) {
                return;
            }
            accepted(c);
        }
    }

    private void accepted(SocketChannel c) {
        try {
            Net.configure(c, options.noDelay, options.keepAlive);
            BaseProtocol p = factory.get();
            if (options.ssl != null) {
                p = new SslProtocol(loop, p, options.ssl, null, true, options.tls, true);
            }
            new SocketTransport(loop, c, p, null, this);
        } catch (Throwable t) {
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing to do
            }
            Map<String, Object> ctx = new LinkedHashMap<>();
            ctx.put("message", "Error on transport creation for incoming connection");
            ctx.put("exception", t);
            loop.callExceptionHandler(ctx);
        }
    }

    void attach(SocketTransport t) {
        clients.add(t);
    }

    void detach(SocketTransport t) {
        clients.remove(t);
        if (clients.isEmpty() && sockets == null) {
            wakeup();
        }
    }

    /** The connections accepted and not closed yet. */
    public int activeCount() {
        return clients.size();
    }

    /**
     * Stops listening: the listening sockets are closed (a Unix socket's file is removed, unless
     * another file has replaced it); the accepted connections stay open. Idempotent.
     */
    @Override
    public void close() {
        if (sockets == null) {
            return;
        }
        List<ServerSocketChannel> socks = sockets;
        sockets = null;
        serving = false;
        for (ServerSocketChannel s : socks) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "closing " + s + " failed", e);
            }
        }
        keys.clear();
        for (Map.Entry<Path, Object> f : unixFiles.entrySet()) {
            // asyncio 3.13 (cleanup_socket) removes the file only if it is still the one this server
            // bound: another server may have replaced it since.
            Path p = f.getKey();
            Object key = fileKey(p);
            if (key == null || !key.equals(f.getValue())) {
                continue;
            }
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "removing the socket file " + p + " failed", e);
            }
        }
        Future<Void> f = servingForever;
        if (f != null && !f.isDone()) {
            f.cancel();
            servingForever = null;
        }
        if (clients.isEmpty()) {
            wakeup();
        }
    }

    /** Closes every accepted connection (buffered data is flushed first). */
    public void closeClients() {
        for (SocketTransport t : new ArrayList<>(clients)) {
            t.close();
        }
    }

    /** Aborts every accepted connection (buffered data is dropped). */
    public void abortClients() {
        for (SocketTransport t : new ArrayList<>(clients)) {
            t.abort();
        }
    }

    /** In a task: waits until the server is closed and all its connections are gone. */
    public void waitClosed() throws Exception {
        if (waiters == null) {
            return;
        }
        Future<Void> f = loop.createFuture();
        waiters.add(f);
        f.await();
    }

    private void wakeup() {
        List<Future<Void>> ws = waiters;
        waiters = null;
        if (ws == null) {
            return;
        }
        for (Future<Void> f : ws) {
            if (!f.isDone()) {
                f.setResult(null);
            }
        }
    }

    @Override
    public String toString() {
        return "Server" + addresses();
    }

    private static Object fileKey(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    static boolean isUnix(SocketAddress a) {
        return a instanceof UnixDomainSocketAddress;
    }

    static void setReusePort(ServerSocketChannel s) throws IOException {
        if (!s.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
            throw new UnsupportedOperationException("reuse_port not supported by socket module");
        }
        s.setOption(StandardSocketOptions.SO_REUSEPORT, true);
    }
}
