package io.asyncio4j.http.client;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.TimeoutError;
import io.asyncio4j.http.HttpHeaders;
import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.http.parser.HttpHeadEncoder;
import io.asyncio4j.http.parser.ResponseHead;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.net.ConnectOptions;
import io.asyncio4j.net.Connection;
import io.asyncio4j.net.Net;
import io.asyncio4j.net.TlsOptions;
import io.asyncio4j.net.Transport;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The connection pool of a {@link ClientSession}: aiohttp's {@code TCPConnector}.
 *
 * <ul>
 * <li><b>Limits.</b> {@link #limit} (default 100) caps the connections in use at once, {@link #limitPerHost}
 *     (default 0 = none) those to one scheme/host/port. Like aiohttp, idle pooled connections do not count.
 *     A request over a limit waits in FIFO order ({@link ClientTimeout#poolAcquire()} → {@link PoolTimeoutError}).</li>
 * <li><b>Keep-alive.</b> A response read to its end returns its connection to the pool, where it stays
 *     idle for at most {@link #keepaliveTimeout} (default 15 s, aiohttp's). The most recently used idle
 *     connection is taken first. A connection the server closed while idle is dropped.</li>
 * <li><b>DNS.</b> Names are resolved by a {@link Resolver} (default: {@code InetAddress.getAllByName} off
 *     the loop) and cached for {@link #ttlDnsCache} (default 10 s, aiohttp's). The addresses are tried with
 *     Happy Eyeballs (RFC 8305): in order, the next one started when the previous fails or has not connected
 *     within 250 ms; the first connection wins and the other attempts are cancelled.</li>
 * <li><b>Proxies.</b> Plain http through an HTTP proxy uses absolute-form request targets on a connection
 *     to the proxy; https (or {@code proxyTunnel}) opens a {@code CONNECT} tunnel first.</li>
 * <li><b>TLS.</b> https connections (direct, or through a proxy's {@code CONNECT} tunnel) do a TLS handshake
 *     with {@link Net#startTls}: SNI and host name verification against the URL's host, the certificate chain
 *     checked by {@link #sslContext} (default: the JDK's default {@code SSLContext}, i.e. its {@code cacerts}),
 *     ALPN offering {@code http/1.1}. {@link #ssl ssl(false)} (aiohttp's {@code ssl=False}) turns verification
 *     off. A certificate that does not verify fails with {@link ClientConnectorCertificateError}, other
 *     handshake failures with {@link ClientConnectorSSLError}.</li>
 * </ul>
 *
 * <pre>{@code
 * TCPConnector pool = new TCPConnector().limit(50).limitPerHost(10).keepaliveTimeout(Duration.ofSeconds(30));
 * try (ClientSession s = new ClientSession(new ClientSession.Options().connector(pool))) { ... }
 * }</pre>
 */
public final class TCPConnector {
    private int limit = 100;
    private int limitPerHost = 0;
    private Duration keepaliveTimeout = Duration.ofSeconds(15);
    private Duration ttlDnsCache = Duration.ofSeconds(10);
    private SSLContext sslContext;
    private boolean verifySsl = true;
    private Resolver resolver = Resolver.SYSTEM;

    private EventLoop loop;
    private boolean closed;
    private int acquired;
    private final Map<ConnectionKey, Integer> acquiredPerKey = new HashMap<>();
    private final Map<ConnectionKey, ArrayDeque<ClientConnection>> idle = new HashMap<>();
    private final Set<ClientConnection> all = new LinkedHashSet<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private final Map<String, DnsEntry> dnsCache = new HashMap<>();

    private record Waiter(ConnectionKey key, Future<Void> future) {}

    private record DnsEntry(List<InetAddress> addresses, long expires) {}

    /** A connector with aiohttp's defaults. */
    public TCPConnector() {}

    /** Maximum connections in use at once (0: no limit). */
    public TCPConnector limit(int n) {
        if (n < 0) throw new IllegalArgumentException("limit < 0");
        this.limit = n;
        return this;
    }

    /** Maximum connections in use at once to one scheme/host/port (0: no limit). */
    public TCPConnector limitPerHost(int n) {
        if (n < 0) throw new IllegalArgumentException("limitPerHost < 0");
        this.limitPerHost = n;
        return this;
    }

    /** How long an idle connection stays in the pool ({@code Duration.ZERO}: never pool, close after each response). */
    public TCPConnector keepaliveTimeout(Duration d) {
        this.keepaliveTimeout = d;
        return this;
    }

    /** How long resolved addresses are cached (null or zero: no cache). */
    public TCPConnector ttlDnsCache(Duration d) {
        this.ttlDnsCache = d;
        return this;
    }

    /**
     * The TLS context for https: whose certificates to trust (and a client certificate, if any). Default
     * (null): {@code SSLContext.getDefault()}, the JDK's trust store. Host names are verified either way.
     */
    public TCPConnector sslContext(SSLContext ctx) {
        this.sslContext = ctx;
        return this;
    }

    /**
     * {@code false} turns certificate and host name verification off for https (aiohttp's {@code ssl=False}):
     * the traffic is encrypted but the server is not authenticated. Default {@code true}.
     */
    public TCPConnector ssl(boolean verify) {
        this.verifySsl = verify;
        return this;
    }

    /** How host names are resolved (default {@link Resolver#SYSTEM}). */
    public TCPConnector resolver(Resolver r) {
        this.resolver = java.util.Objects.requireNonNull(r);
        return this;
    }

    /** The total limit. */
    public int limit() {
        return limit;
    }

    /** The per-host limit. */
    public int limitPerHost() {
        return limitPerHost;
    }

    /** The idle keep-alive time. */
    public Duration keepaliveTimeout() {
        return keepaliveTimeout;
    }

    /** Connections currently in use (acquired by requests or being opened). */
    public int acquiredCount() {
        return acquired;
    }

    /** Idle connections in the pool. */
    public int idleCount() {
        int n = 0;
        for (ArrayDeque<ClientConnection> q : idle.values()) n += q.size();
        return n;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes every connection (idle and in use) and fails waiting requests; then waits until the
     * connections are closed. Must be called in a task of the connector's loop.
     */
    public void close() throws Exception {
        if (closed) return;
        closed = true;
        List<Future<Void>> closing = new ArrayList<>();
        for (ClientConnection c : List.copyOf(all)) {
            if (c.idleTimer != null) c.idleTimer.cancel();
            c.close();
            closing.add(c.closed);
        }
        idle.clear();
        for (Waiter w : waiters) {
            if (!w.future.isDone()) w.future.setException(new ClientConnectionError("Connector is closed"));
        }
        waiters.clear();
        for (Future<Void> f : closing) f.await();
    }

    // ------------------------------------------------------------------ acquire / release

    private boolean available(ConnectionKey key) {
        if (limit > 0 && acquired >= limit) return false;
        return limitPerHost <= 0 || acquiredPerKey.getOrDefault(key, 0) < limitPerHost;
    }

    private void take(ConnectionKey key) {
        acquired++;
        acquiredPerKey.merge(key, 1, Integer::sum);
    }

    private void untake(ConnectionKey key) {
        acquired--;
        acquiredPerKey.computeIfPresent(key, (k, v) -> v <= 1 ? null : v - 1);
    }

    ClientConnection acquire(ConnectionKey key, Deadlines d, Tracer tr, boolean fresh) throws Exception {
        EventLoop current = Asyncio.getRunningLoop();
        if (loop == null) loop = current;
        else if (loop != current) throw new IllegalStateException("a TCPConnector belongs to one event loop");
        long connectStart = loop.timeNanos();
        while (true) {
            if (closed) throw new ClientConnectionError("Connector is closed");
            if (available(key)) {
                take(key);
                if (!fresh) {
                    ClientConnection c = takeIdle(key);
                    if (c != null) {
                        c.inUse = true;
                        c.reused = true;
                        if (tr.active()) {
                            tr.fire(t -> t.connectionReuseconn,
                                    new TraceConfig.ConnectionReuseconn(key.host(), key.port(), (java.net.SocketAddress) c.peer()));
                        }
                        return c;
                    }
                }
                try {
                    ClientConnection c = connect(key, d, tr, connectStart);
                    c.inUse = true;
                    return c;
                } catch (Throwable t) {
                    untake(key);
                    wakeWaiter();
                    throw t;
                }
            }
            Future<Void> f = loop.createFuture();
            Waiter w = new Waiter(key, f);
            waiters.add(w);
            if (tr.active()) tr.fire(t -> t.connectionQueuedStart, new TraceConfig.ConnectionQueuedStart(key.host(), key.port()));
            Duration poolLimit = min(d.timeout.poolAcquire(), remaining(d.timeout.connect(), connectStart));
            try {
                d.await(f, poolLimit, () -> new PoolTimeoutError("no free connection in the pool for " + key.authority()
                        + " within " + poolLimit + " (limit " + limit + ", limitPerHost " + limitPerHost + ")"));
            } catch (Throwable t) {
                waiters.remove(w);
                wakeWaiter(); // pass on a wake-up we may have received
                throw t;
            }
            if (tr.active()) tr.fire(t -> t.connectionQueuedEnd, new TraceConfig.ConnectionQueuedEnd(key.host(), key.port()));
        }
    }

    private Duration remaining(Duration limit, long startNanos) {
        if (limit == null) return null;
        long left = limit.toNanos() - (loop.timeNanos() - startNanos);
        return Duration.ofNanos(Math.max(1, left));
    }

    private static Duration min(Duration a, Duration b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * The TLS handshake on {@code conn} (a TCP connection, or a CONNECT tunnel) for https: SNI and host name
     * verification for the URL's host, ALPN http/1.1, within what is left of the connect and total timeouts.
     */
    private void startTls(ClientConnection conn, ConnectionKey key, Deadlines d, long connectStart) throws Exception {
        String host = key.host().startsWith("[") && key.host().endsWith("]")
                ? key.host().substring(1, key.host().length() - 1) : key.host();
        Duration limit = remaining(d.timeout.connect(), connectStart);
        long total = d.totalLeft();
        boolean totalBinds = limit == null || total < limit.toNanos();
        Duration timeout = totalBinds ? (total == Long.MAX_VALUE ? null : Duration.ofNanos(total)) : limit;
        TlsOptions o = new TlsOptions().serverHostname(verifySsl ? host : "").applicationProtocols("http/1.1");
        if (timeout != null) o.handshakeTimeout(timeout);
        SSLContext ctx = !verifySsl ? io.asyncio4j.net.SslContextBuilder.trustingAnyCertificate() : sslContext != null ? sslContext : SSLContext.getDefault();
        Transport tls;
        try {
            tls = Net.startTls(conn.transport, conn.protocol, ctx, false, o);
        } catch (TimeoutError e) {
            if (totalBinds) throw d.totalError();
            throw new ConnectTimeoutError("TLS handshake with " + key.authority() + " timed out after " + timeout);
        } catch (javax.net.ssl.SSLException e) {
            if (isCertificateProblem(e)) throw new ClientConnectorCertificateError(host, key.port(), e);
            throw new ClientConnectorSSLError(host, key.port(), e);
        }
        conn.transport = tls;
        conn.protocol.connectionMade(tls);
    }

    private static boolean isCertificateProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateException
                    || t instanceof java.security.cert.CertPathValidatorException
                    || t instanceof java.security.cert.CertPathBuilderException
                    || (t.getMessage() != null && t.getMessage().contains("verifying the certificate"))) {
                return true;
            }
        }
        return false;
    }

    private ClientConnection takeIdle(ConnectionKey key) {
        ArrayDeque<ClientConnection> q = idle.get(key);
        if (q == null) return null;
        ClientConnection c;
        while ((c = q.pollLast()) != null) {
            if (c.idleTimer != null) c.idleTimer.cancel();
            c.protocol.onLostWhileIdle = null;
            if (c.protocol.isAlive()) {
                if (q.isEmpty()) idle.remove(key);
                return c;
            }
            c.close();
        }
        idle.remove(key);
        return null;
    }

    /** Gives back a connection: pooled if {@code reusable}, else closed. Idempotent. */
    void release(ClientConnection c, boolean reusable) {
        if (!c.inUse) return;
        c.inUse = false;
        untake(c.key);
        if (reusable && !closed && keepaliveTimeout != null && !keepaliveTimeout.isZero() && c.protocol.isAlive()) {
            idle.computeIfAbsent(c.key, k -> new ArrayDeque<>()).addLast(c);
            c.protocol.onLostWhileIdle = () -> removeIdle(c);
            c.idleTimer = loop.callLater(keepaliveTimeout, () -> {
                removeIdle(c);
                c.close();
            });
        } else {
            c.close();
        }
        wakeWaiter();
    }

    private void removeIdle(ClientConnection c) {
        c.protocol.onLostWhileIdle = null;
        if (c.idleTimer != null) c.idleTimer.cancel();
        ArrayDeque<ClientConnection> q = idle.get(c.key);
        if (q != null) {
            q.remove(c);
            if (q.isEmpty()) idle.remove(c.key);
        }
    }

    private void wakeWaiter() {
        for (Waiter w : waiters) {
            if (!w.future.isDone() && available(w.key)) {
                waiters.remove(w);
                w.future.setResult(null);
                return;
            }
        }
    }

    // ------------------------------------------------------------------ opening connections

    private ClientConnection connect(ConnectionKey key, Deadlines d, Tracer tr, long connectStart) throws Exception {
        String host = key.connectHost();
        int port = key.connectPort();
        if (tr.active()) tr.fire(t -> t.connectionCreateStart, new TraceConfig.ConnectionCreateStart(host, port));
        List<InetAddress> addresses = resolve(host, port, d, tr, connectStart);
        Connection<HttpClientProtocol> c = openSocket(addresses, host, port, d, connectStart);
        ClientConnection conn = new ClientConnection(key, c.protocol(), c.transport(), c.protocol().closedFuture);
        all.add(conn);
        ClientConnection c0 = conn;
        conn.closed.addDoneCallback(f -> all.remove(c0));
        try {
            if (key.tunnel()) openTunnel(conn, key, d, connectStart);
            if (key.secure()) startTls(conn, key, d, connectStart);
        } catch (Throwable t) {
            conn.close();
            throw t;
        }
        if (tr.active()) {
            tr.fire(t -> t.connectionCreateEnd,
                    new TraceConfig.ConnectionCreateEnd(host, port, (java.net.SocketAddress) conn.peer()));
        }
        return conn;
    }

    /** Delay before the next address is tried while the previous attempt is still pending (RFC 8305 §5). */
    static final Duration HAPPY_EYEBALLS_DELAY = Duration.ofMillis(250);

    /**
     * Connects to one of {@code addresses}: one attempt at a time, the next one started as soon as the
     * previous fails or after {@link #HAPPY_EYEBALLS_DELAY} while it is still pending (Happy Eyeballs,
     * RFC 8305, as aiohttp does since 3.10); the first connection wins, the other attempts are cancelled
     * and any late connection closed.
     */
    private Connection<HttpClientProtocol> openSocket(List<InetAddress> addresses, String host, int port, Deadlines d,
                                                      long connectStart) throws Exception {
        if (addresses.size() == 1) return attempt(addresses.getFirst(), host, port, d, connectStart);
        List<Task<Connection<HttpClientProtocol>>> running = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        int next = 0;
        try {
            while (true) {
                if (next < addresses.size()) {
                    InetAddress a = addresses.get(next++);
                    running.add(loop.createTask(() -> attempt(a, host, port, d, connectStart)));
                }
                if (running.isEmpty()) break;
                Asyncio.Done<Connection<HttpClientProtocol>> done = Asyncio.wait(running,
                        next < addresses.size() ? HAPPY_EYEBALLS_DELAY : null, Asyncio.ReturnWhen.FIRST_COMPLETED);
                Connection<HttpClientProtocol> winner = null;
                for (Task<Connection<HttpClientProtocol>> t : List.copyOf(running)) {
                    if (!t.isDone()) continue;
                    running.remove(t);
                    Throwable e = t.exception();
                    if (e != null) {
                        if (e instanceof TotalTimeoutError tte) throw tte;
                        errors.add(e);
                    } else if (winner == null) {
                        winner = t.resultNow();
                    } else {
                        t.resultNow().transport().abort();
                    }
                }
                if (winner != null) return winner;
            }
        } finally {
            for (Task<Connection<HttpClientProtocol>> t : running) {
                t.addDoneCallback(x -> {
                    if (x.cancelled()) return;
                    if (x.exception() == null) x.resultNow().transport().abort();
                });
                t.cancel();
            }
        }
        Throwable last = errors.getLast();
        if (errors.stream().allMatch(e -> e instanceof ConnectTimeoutError)) throw (ConnectTimeoutError) last;
        ClientConnectorError all = new ClientConnectorError(host, port, "all " + addresses.size() + " addresses failed: "
                + errors.stream().map(String::valueOf).toList(), last);
        errors.forEach(all::addSuppressed);
        throw all;
    }

    /** One connection attempt, its timeout the least of sockConnect, what is left of connect, and of total. */
    private Connection<HttpClientProtocol> attempt(InetAddress a, String host, int port, Deadlines d, long connectStart)
            throws Exception {
        Duration limit = min(d.timeout.sockConnect(), remaining(d.timeout.connect(), connectStart));
        long total = d.totalLeft();
        boolean totalBinds = limit == null || total < limit.toNanos();
        Duration timeout = totalBinds ? (total == Long.MAX_VALUE ? null : Duration.ofNanos(total)) : limit;
        try {
            return Net.createConnection(() -> new HttpClientProtocol(loop), a.getHostAddress(), port,
                    new ConnectOptions().connectTimeout(timeout).noDelay(true));
        } catch (TimeoutError e) {
            if (totalBinds) throw d.totalError();
            throw new ConnectTimeoutError("connect to " + host + ":" + port + " (" + a.getHostAddress()
                    + ") timed out after " + timeout);
        } catch (IOException e) {
            throw new ClientConnectorError(host, port, String.valueOf(e), e);
        }
    }

    private void openTunnel(ClientConnection conn, ConnectionKey key, Deadlines d, long connectStart) throws Exception {
        HttpHeaders h = new HttpHeaders();
        h.add("Host", key.authority());
        String auth = proxyAuthorization(key.proxy());
        if (auth != null) h.add("Proxy-Authorization", auth);
        HttpClientProtocol p = conn.protocol;
        p.startExchange("CONNECT");
        p.write(HttpHeadEncoder.request("CONNECT", key.authority(), HttpVersion.HTTP_1_1, h), d);
        ResponseHead head;
        try {
            head = p.awaitHead(d);
        } catch (SocketReadTimeoutError e) {
            throw new ConnectTimeoutError("proxy CONNECT to " + key.authority() + ": " + e.getMessage());
        }
        if (head.status() / 100 != 2) {
            throw new ClientHttpProxyError(head.status(), head.reason(), key.proxy(), head.headers());
        }
        p.resetParserAfterTunnel();
    }

    static String proxyAuthorization(java.net.URI proxy) {
        return proxy == null ? null : RequestOptions.basicFromUserInfo(proxy.getUserInfo());
    }

    private List<InetAddress> resolve(String host, int port, Deadlines d, Tracer tr, long connectStart) throws Exception {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            return List.of(InetAddress.ofLiteral(bare));
        } catch (IllegalArgumentException notLiteral) {
            // a name
        }
        long now = loop.timeNanos();
        DnsEntry e = dnsCache.get(bare);
        if (e != null && e.expires > now) return e.addresses;
        if (tr.active()) tr.fire(t -> t.dnsResolveHostStart, new TraceConfig.DnsResolveHostStart(bare));
        Duration limit = min(d.timeout.sockConnect(), remaining(d.timeout.connect(), connectStart));
        List<InetAddress> addrs;
        try {
            Task<List<InetAddress>> lookup = loop.createTask(() -> resolver.resolve(bare));
            addrs = List.copyOf(d.awaitForeign(lookup, limit,
                    () -> new ConnectTimeoutError("resolving " + bare + " timed out after " + limit)));
            if (addrs.isEmpty()) throw new java.net.UnknownHostException(bare);
        } catch (java.net.UnknownHostException ex) {
            throw new ClientConnectorError(bare, port, "unknown host", ex);
        }
        if (ttlDnsCache != null && !ttlDnsCache.isZero()) {
            dnsCache.put(bare, new DnsEntry(addrs, now + ttlDnsCache.toNanos()));
        }
        if (tr.active()) tr.fire(t -> t.dnsResolveHostEnd, new TraceConfig.DnsResolveHostEnd(bare, addrs));
        return addrs;
    }
}
