package io.asyncio4j.net;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.TimeoutError;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.loop.TimerHandle;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * asyncio's networking entry points ({@code loop.create_connection}, {@code loop.create_server},
 * {@code loop.sock_recv}, ...), for the loop running the calling task. Every method that waits
 * must be called inside a task: it suspends the task, not the loop.
 *
 * <pre>{@code
 * Asyncio.run(() -> {
 *     Server server = Net.createServer(Echo::new, "127.0.0.1", 0);
 *     Connection<Client> c = Net.createConnection(Client::new, "127.0.0.1", server.port());
 *     ...
 * });
 * }</pre>
 */
public final class Net {
    private Net() {}

    private static EventLoop loop() {
        EventLoop loop = Asyncio.getRunningLoop();
        if (loop == null) {
            throw new IllegalStateException("no running event loop: call inside a task");
        }
        return loop;
    }

    // ------------------------------------------------------------------ clients

    /** {@link #createConnection(Supplier, String, int, ConnectOptions)} with default options. */
    public static <P extends BaseProtocol> Connection<P> createConnection(Supplier<P> protocolFactory,
                                                                          String host, int port) throws Exception {
        return createConnection(protocolFactory, host, port, new ConnectOptions());
    }

    /**
     * Opens a TCP connection to {@code host:port}, trying every address the name resolves to in
     * order until one connects (asyncio's {@code create_connection}). Fails with the
     * {@link ConnectException} of the only address (or the first, if all failed alike), an
     * {@link IOException} "Multiple exceptions: ..." if they failed differently (the errors
     * attached as suppressed exceptions), or {@link TimeoutError} past {@link ConnectOptions#connectTimeout}.
     */
    public static <P extends BaseProtocol> Connection<P> createConnection(Supplier<P> protocolFactory, String host,
                                                                          int port, ConnectOptions options)
            throws Exception {
        EventLoop loop = loop();
        List<InetAddress> addresses = resolve(loop, host);
        long deadline = options.connectTimeout == null ? 0 : System.nanoTime() + options.connectTimeout.toNanos();
        List<Exception> errors = new ArrayList<>();
        for (InetAddress a : addresses) {
            SocketChannel ch = SocketChannel.open(a instanceof java.net.Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            try {
                if (options.localAddress != null) {
                    ch.bind(options.localAddress);
                }
                connectWithin(loop, ch, new InetSocketAddress(a, port), deadline);
            } catch (Exception e) {
                ch.close();
                if (e instanceof TimeoutError) {
                    throw e;
                }
                errors.add(e);
                continue;
            } catch (Throwable t) { // CancelledError
                ch.close();
                throw t;
            }
            configure(ch, options.noDelay, options.keepAlive);
            if (options.ssl != null) {
                return Tls.connect(loop, ch, protocolFactory, options.ssl, options.tlsFor(host));
            }
            return makeTransport(loop, ch, protocolFactory, null);
        }
        throw connectFailure(errors);
    }

    /**
     * What create_connection raises when every address failed: the only error, or the first if
     * all read the same, else an {@link IOException} (Python's plain {@code OSError}, not a
     * {@code ConnectionRefusedError}) "Multiple exceptions: ..." with the errors suppressed.
     */
    static Exception connectFailure(List<Exception> errors) {
        String model = String.valueOf(errors.getFirst().getMessage());
        if (errors.stream().allMatch(e -> model.equals(String.valueOf(e.getMessage())))) {
            return errors.getFirst();
        }
        IOException all = new IOException("Multiple exceptions: "
                + String.join(", ", errors.stream().map(e -> String.valueOf(e.getMessage())).toList()));
        errors.forEach(all::addSuppressed);
        return all;
    }

    /** Wraps an already connected socket (asyncio's {@code create_connection(sock=...)}). */
    public static <P extends BaseProtocol> Connection<P> createConnection(Supplier<P> protocolFactory,
                                                                          SocketChannel connected) throws Exception {
        if (!connected.isConnected()) {
            throw new IllegalArgumentException("the socket must be connected");
        }
        return makeTransport(loop(), connected, protocolFactory, null);
    }

    /**
     * Wraps an already connected socket with options; with {@link ConnectOptions#ssl} the
     * connection is TLS and {@link ConnectOptions#serverHostname} is required.
     */
    public static <P extends BaseProtocol> Connection<P> createConnection(Supplier<P> protocolFactory,
                                                                          SocketChannel connected,
                                                                          ConnectOptions options) throws Exception {
        if (options.ssl == null) {
            return createConnection(protocolFactory, connected);
        }
        if (!connected.isConnected()) {
            throw new IllegalArgumentException("the socket must be connected");
        }
        return Tls.connect(loop(), connected, protocolFactory, options.ssl, options.tlsFor(null));
    }

    /**
     * Upgrades a live connection to TLS (asyncio's {@code loop.start_tls}): {@code protocol}
     * (connected to {@code transport} already, so it gets no new {@code connectionMade}) receives
     * the decrypted data once the handshake is done, and writes through the returned
     * {@link SslTransport}; {@code transport} must not be used any more. In a task.
     *
     * <pre>{@code
     * transport.write("STARTTLS\r\n".getBytes(US_ASCII));   // ... read the peer's go-ahead, then:
     * Transport tls = Net.startTls(transport, protocol, sslContext, false,
     *         new TlsOptions().serverHostname("mail.example.com"));
     * }</pre>
     */
    public static Transport startTls(Transport transport, BaseProtocol protocol, javax.net.ssl.SSLContext sslContext,
                                     boolean serverSide, TlsOptions options) throws Exception {
        return Tls.startTls(loop(), transport, protocol, sslContext, serverSide, options);
    }

    /** Wraps a socket accepted outside the loop (asyncio's {@code connect_accepted_socket}). */
    public static <P extends BaseProtocol> Connection<P> connectAcceptedSocket(Supplier<P> protocolFactory,
                                                                               SocketChannel accepted)
            throws Exception {
        return createConnection(protocolFactory, accepted);
    }

    /** Connects to a Unix domain socket (asyncio's {@code create_unix_connection}). */
    public static <P extends BaseProtocol> Connection<P> createUnixConnection(Supplier<P> protocolFactory, Path path)
            throws Exception {
        return createUnixConnection(protocolFactory, path, new ConnectOptions());
    }

    /**
     * Connects to a Unix domain socket with options; with {@link ConnectOptions#ssl} the
     * connection is TLS and {@link ConnectOptions#serverHostname} is required.
     */
    public static <P extends BaseProtocol> Connection<P> createUnixConnection(Supplier<P> protocolFactory, Path path,
                                                                              ConnectOptions options)
            throws Exception {
        EventLoop loop = loop();
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            sockConnect(ch, UnixDomainSocketAddress.of(path));
        } catch (Throwable t) {
            ch.close();
            throw t;
        }
        if (options.ssl != null) {
            return Tls.connect(loop, ch, protocolFactory, options.ssl, options.tlsFor(null));
        }
        return makeTransport(loop, ch, protocolFactory, null);
    }

    private static void connectWithin(EventLoop loop, SocketChannel ch, SocketAddress addr, long deadline)
            throws Exception {
        if (deadline == 0) {
            sockConnect(ch, addr);
            return;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new TimeoutError("connect to " + addr + " timed out");
        }
        io.asyncio4j.Task<?> task = Asyncio.currentTask();
        boolean[] fired = {false};
        TimerHandle timer = loop.callLater(Duration.ofNanos(left), () -> {
            fired[0] = true;
            task.cancel("connect timeout");
        });
        try {
            sockConnect(ch, addr);
        } catch (io.asyncio4j.CancelledError e) {
            if (fired[0] && task.uncancel() == 0) {
                throw new TimeoutError("connect to " + addr + " timed out after " + Duration.ofNanos(left));
            }
            throw e;
        } finally {
            timer.cancel();
        }
    }

    private static List<InetAddress> resolve(EventLoop loop, String host) throws Exception {
        if (host == null) {
            return List.of(InetAddress.getLoopbackAddress());
        }
        try {
            return List.of(InetAddress.ofLiteral(host));
        } catch (IllegalArgumentException notLiteral) {
            // a name: resolve it off the loop (getaddrinfo blocks)
        }
        InetAddress[] all = loop.runInExecutor(null, () -> InetAddress.getAllByName(host)).await();
        return List.of(all);
    }

    static void configure(SocketChannel c, boolean noDelay, boolean keepAlive) throws IOException {
        if (c.getLocalAddress() instanceof InetSocketAddress) {
            if (noDelay) {
                c.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            if (keepAlive) {
                c.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            }
        }
    }

    private static <P extends BaseProtocol> Connection<P> makeTransport(EventLoop loop, SocketChannel ch,
                                                                        Supplier<P> factory, Server server)
            throws Exception {
        P protocol;
        SocketTransport t;
        Future<Void> waiter = loop.createFuture();
        try {
            protocol = factory.get();
            t = new SocketTransport(loop, ch, protocol, waiter, server);
        } catch (Throwable e) {
            ch.close();
            throw e;
        }
        try {
            waiter.await();
        } catch (Throwable e) {
            t.abort();
            throw e;
        }
        return new Connection<>(t, protocol);
    }

    // ------------------------------------------------------------------ servers

    /** {@link #createServer(Supplier, List, int, ServerOptions)} on one host with default options. */
    public static Server createServer(Supplier<? extends BaseProtocol> protocolFactory, String host, int port)
            throws Exception {
        return createServer(protocolFactory, host == null ? null : List.of(host), port, new ServerOptions());
    }

    /** {@link #createServer(Supplier, List, int, ServerOptions)} on one host. */
    public static Server createServer(Supplier<? extends BaseProtocol> protocolFactory, String host, int port,
                                      ServerOptions options) throws Exception {
        return createServer(protocolFactory, host == null ? null : List.of(host), port, options);
    }

    /**
     * Listens on {@code port} of every address of every host (null, an empty list or {@code ""}:
     * all interfaces; port 0: a free port, see {@link Server#port()}): asyncio's {@code create_server}.
     */
    public static Server createServer(Supplier<? extends BaseProtocol> protocolFactory, List<String> hosts, int port,
                                      ServerOptions options) throws Exception {
        EventLoop loop = loop();
        List<InetSocketAddress> addrs = new ArrayList<>();
        for (String h : hosts == null || hosts.isEmpty() ? java.util.Collections.<String>singletonList(null) : hosts) {
            // asyncio binds every interface for None and '' alike (the JDK would resolve "" to loopback)
            List<InetAddress> resolved = h == null || h.isEmpty() ? java.util.Collections.singletonList(null)
                    : resolve(loop, h);
            for (InetAddress a : resolved) {
                InetSocketAddress sa = a == null ? new InetSocketAddress(port) : new InetSocketAddress(a, port);
                if (!addrs.contains(sa)) {
                    addrs.add(sa);
                }
            }
        }
        List<ServerSocketChannel> socks = new ArrayList<>();
        try {
            for (InetSocketAddress a : addrs) {
                ServerSocketChannel s = ServerSocketChannel.open(a.getAddress() instanceof java.net.Inet6Address
                        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
                socks.add(s);
                s.setOption(StandardSocketOptions.SO_REUSEADDR, options.reuseAddress);
                if (options.reusePort) {
                    Server.setReusePort(s);
                }
                s.bind(a, options.backlog);
            }
        } catch (Throwable t) {
            for (ServerSocketChannel s : socks) {
                s.close();
            }
            throw t;
        }
        return startServer(loop, socks, protocolFactory, options, List.of());
    }

    /** Serves on an already bound listening socket (asyncio's {@code create_server(sock=...)}). */
    public static Server createServer(Supplier<? extends BaseProtocol> protocolFactory, ServerSocketChannel socket,
                                      ServerOptions options) {
        return startServer(loop(), List.of(socket), protocolFactory, options, List.of());
    }

    /** {@link #createUnixServer(Supplier, Path, ServerOptions)} with default options. */
    public static Server createUnixServer(Supplier<? extends BaseProtocol> protocolFactory, Path path)
            throws Exception {
        return createUnixServer(protocolFactory, path, new ServerOptions());
    }

    /**
     * Listens on a Unix domain socket at {@code path} (asyncio's {@code create_unix_server}). A
     * stale socket file at the path is replaced; the file is removed when the server closes.
     */
    public static Server createUnixServer(Supplier<? extends BaseProtocol> protocolFactory, Path path,
                                          ServerOptions options) throws Exception {
        EventLoop loop = loop();
        if (Files.exists(path) && !Files.isRegularFile(path) && !Files.isDirectory(path)) {
            Files.delete(path); // asyncio removes a stale socket file
        }
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            s.bind(UnixDomainSocketAddress.of(path), options.backlog);
        } catch (Throwable t) {
            s.close();
            throw t;
        }
        return startServer(loop, List.of(s), protocolFactory, options, List.of(path));
    }

    private static Server startServer(EventLoop loop, List<ServerSocketChannel> socks,
                                      Supplier<? extends BaseProtocol> factory, ServerOptions options,
                                      List<Path> unixPaths) {
        Server server = new Server(loop, socks, factory, options, unixPaths);
        if (options.startServing) {
            server.startServing();
        }
        return server;
    }

    // ------------------------------------------------------------------ datagrams

    /**
     * Opens a UDP endpoint bound to {@code local} (may be null) and connected to {@code remote}
     * (may be null): asyncio's {@code create_datagram_endpoint}.
     */
    public static <P extends DatagramProtocol> DatagramEndpoint<P> createDatagramEndpoint(
            Supplier<P> protocolFactory, SocketAddress local, SocketAddress remote) throws Exception {
        EventLoop loop = loop();
        InetSocketAddress any = (InetSocketAddress) (local != null ? local : remote);
        StandardProtocolFamily family = any != null && any.getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        DatagramChannel ch = DatagramChannel.open(family);
        P protocol;
        DatagramSocketTransport t;
        Future<Void> waiter = loop.createFuture();
        try {
            if (local != null) {
                ch.bind(local);
            }
            if (remote != null) {
                ch.connect(remote);
            }
            protocol = protocolFactory.get();
            t = new DatagramSocketTransport(loop, ch, protocol, remote, waiter);
        } catch (Throwable e) {
            ch.close();
            throw e;
        }
        try {
            waiter.await();
        } catch (Throwable e) {
            t.close(); // as asyncio: a cancelled or failed endpoint creation leaves nothing open
            throw e;
        }
        return new DatagramEndpoint<>(t, protocol);
    }

    // ------------------------------------------------------------------ low-level socket operations

    /** Reads into {@code buf} once data is available; returns the count, -1 at EOF (asyncio's {@code sock_recv_into}). */
    public static int sockRecv(SocketChannel channel, ByteBuffer buf) throws Exception {
        EventLoop loop = loop();
        channel.configureBlocking(false);
        while (true) {
            int n = channel.read(buf);
            if (n != 0 || !buf.hasRemaining()) {
                return n;
            }
            IoWait.awaitReady(loop, channel, SelectionKey.OP_READ);
        }
    }

    /** Reads up to {@code maxBytes}; an empty array at EOF (asyncio's {@code sock_recv}). */
    public static byte[] sockRecv(SocketChannel channel, int maxBytes) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(maxBytes);
        int n = sockRecv(channel, b);
        return n <= 0 ? new byte[0] : java.util.Arrays.copyOf(b.array(), n);
    }

    /** Writes all of {@code data} (asyncio's {@code sock_sendall}). */
    public static void sockSendall(SocketChannel channel, ByteBuffer data) throws Exception {
        EventLoop loop = loop();
        channel.configureBlocking(false);
        while (true) {
            channel.write(data);
            if (!data.hasRemaining()) {
                return;
            }
            IoWait.awaitReady(loop, channel, SelectionKey.OP_WRITE);
        }
    }

    /** Connects {@code channel} to {@code address} (asyncio's {@code sock_connect}). */
    public static void sockConnect(SocketChannel channel, SocketAddress address) throws Exception {
        EventLoop loop = loop();
        channel.configureBlocking(false);
        try {
            if (channel.connect(address)) {
                return;
            }
            while (true) {
                IoWait.awaitReady(loop, channel, SelectionKey.OP_CONNECT);
                if (channel.finishConnect()) {
                    return;
                }
            }
        } catch (ConnectException e) {
            ConnectException c = new ConnectException("Connect call failed " + address + ": " + e.getMessage());
            c.initCause(e);
            throw c;
        } catch (java.net.SocketException e) {
            if (address instanceof UnixDomainSocketAddress u && !Files.exists(u.getPath())) {
                // Python's FileNotFoundError (ENOENT); the JDK says SocketException
                java.io.FileNotFoundException f = new java.io.FileNotFoundException(
                        "No such file or directory: '" + u.getPath() + "'");
                f.initCause(e);
                throw f;
            }
            throw e;
        }
    }

    /** Accepts one connection (asyncio's {@code sock_accept}); the new channel is non-blocking. */
    public static SocketChannel sockAccept(ServerSocketChannel server) throws Exception {
        EventLoop loop = loop();
        server.configureBlocking(false);
        while (true) {
            SocketChannel c = server.accept();
            if (c != null) {
                c.configureBlocking(false);
                return c;
            }
            IoWait.awaitReady(loop, server, SelectionKey.OP_ACCEPT);
        }
    }

    /**
     * Sends {@code count} bytes of {@code file} from {@code offset} over {@code transport}, after
     * what it has buffered, with {@link FileChannel#transferTo} (zero-copy when the OS can):
     * asyncio's {@code loop.sendfile}. {@code transport.write} throws while it runs. Returns the
     * bytes sent (fewer if the file ends first). As in asyncio, the file's position is left after
     * the last byte sent, even when this fails.
     *
     * @throws IllegalArgumentException if {@code offset < 0} or {@code count <= 0} (asyncio's {@code ValueError})
     */
    public static long sendfile(Transport transport, FileChannel file, long offset, long count) throws Exception {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be a non-negative integer (got " + offset + ")");
        }
        if (count <= 0) {
            throw new IllegalArgumentException("count must be a positive integer (got " + count + ")");
        }
        if (transport instanceof SocketTransport st) {
            return st.sendfile(file, offset, count);
        }
        // fallback: read and write through the transport's public API
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(count, 256 * 1024));
        long sent = 0;
        try {
            while (sent < count) {
                buf.clear().limit((int) Math.min(buf.capacity(), count - sent));
                int n = file.read(buf, offset + sent);
                if (n <= 0) {
                    break;
                }
                buf.flip();
                transport.write(buf);
                sent += n;
            }
        } finally {
            advanceFile(file, offset, sent);
        }
        return sent;
    }

    /** {@link #sendfile(Transport, FileChannel, long, long)} from {@code offset} to the end of the file (asyncio's {@code count=None}). */
    public static long sendfile(Transport transport, FileChannel file, long offset) throws Exception {
        return sendfile(transport, file, offset, Long.MAX_VALUE);
    }

    /** After a sendfile: the file's position follows the bytes sent, as asyncio's {@code file.seek(offset + total_sent)}. */
    static void advanceFile(FileChannel file, long offset, long sent) throws IOException {
        if (sent > 0) {
            file.position(offset + sent);
        }
    }
}
