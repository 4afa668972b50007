package io.asyncio4j.net;

import io.asyncio4j.Future;
import io.asyncio4j.TimeoutError;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.loop.TimerHandle;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TLS over any stream transport, through a {@link SSLEngine}: asyncio's {@code sslproto.SSLProtocol}.
 * It is the {@link Protocol} of the raw transport (TCP, Unix socket, or a live connection being
 * upgraded by {@link Net#startTls}) and gives the application protocol an {@link SslTransport}.
 * Made by {@link Net#createConnection}, {@link Net#createServer} (with an {@code ssl} option),
 * {@link Net#startTls} and the stream functions; not constructed directly.
 *
 * <p>States follow asyncio: {@code UNWRAPPED → DO_HANDSHAKE → WRAPPED → FLUSHING → SHUTDOWN → UNWRAPPED}.
 * Data written before the handshake completes is kept and sent after it. Received records are
 * decrypted as they arrive and handed to the application protocol; while the application pauses
 * reading, the raw transport is paused too and the undecrypted bytes stay buffered. The write
 * buffer the application sees is the raw transport's plus what waits for the handshake, with the
 * raw transport's watermarks.
 *
 * <p><b>Delegated tasks.</b> The JDK's engine does the expensive parts of a handshake (certificate
 * path validation, signatures, key agreement) in {@link SSLEngine#getDelegatedTask() delegated
 * tasks}. During the handshake they run on the loop's default executor (platform threads), so that
 * a loop serving many handshakes is not held for the milliseconds each takes; after the handshake
 * (TLS 1.3 key updates, session tickets) they are cheap and run inline.
 *
 * <pre>{@code
 * // upgrading a live connection: the protocol below the application is now an SslProtocol
 * Transport tls = Net.startTls(transport, protocol, sslContext, false,
 *         new TlsOptions().serverHostname("mail.example.com"));
 * assert transport.getProtocol() instanceof SslProtocol;
 * }</pre>
 */
public final class SslProtocol implements Protocol {
    private static final System.Logger LOG = System.getLogger("io.asyncio4j.net");
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final int LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5;

    enum State { UNWRAPPED, DO_HANDSHAKE, WRAPPED, FLUSHING, SHUTDOWN }

    enum AppState { INIT, CON_MADE, EOF, CON_LOST }

    private final EventLoop loop;
    private final SSLContext context;
    private final boolean serverSide;
    private final TlsOptions options;
    private final boolean callConnectionMade;
    private final SslTransport appTransport;
    private Future<Void> waiter;

    private BaseProtocol app;
    private Transport transport;
    private SSLEngine engine;
    private State state = State.UNWRAPPED;
    private AppState appState = AppState.INIT;
    private final Map<String, Object> extra = new HashMap<>();

    private ByteBuffer netIn;   // received, not yet decrypted; write mode
    private ByteBuffer appIn;   // decrypted, not yet delivered; write mode
    private ByteBuffer netOut;  // encrypted, not yet given to the raw transport; write mode
    private final ArrayDeque<ByteBuffer> backlog = new ArrayDeque<>();
    private long backlogBytes;

    private boolean appReadingPaused;
    private boolean appWritingPaused;
    private boolean taskRunning;
    private boolean rawEof;
    private boolean closeNotifyReceived;
    private boolean reading; // re-entrancy guard for doRead
    private int connLost;
    private Throwable fatal;     // why the raw transport was aborted
    private TimerHandle handshakeTimer;
    private TimerHandle shutdownTimer;

    /**
     * @param loop the loop of the raw transport
     * @param app the application protocol ({@link Protocol} or {@link BufferedProtocol})
     * @param context where the engine comes from
     * @param waiter completed when the handshake succeeds, failed when it fails; null on a server,
     *               where handshake failures go to the loop's exception handler instead
     * @param serverSide whether this is the server end
     * @param options host name, ALPN, timeouts (copied)
     * @param callConnectionMade whether to call {@code app.connectionMade} after the handshake
     *                           (false for {@link Net#startTls}: the protocol is connected already)
     */
    SslProtocol(EventLoop loop, BaseProtocol app, SSLContext context, Future<Void> waiter, boolean serverSide,
                TlsOptions options, boolean callConnectionMade) {
        if (context == null) {
            throw new IllegalArgumentException("an SSLContext is required");
        }
        TlsOptions o = options == null ? new TlsOptions() : options.copy();
        if (!serverSide && o.serverHostname == null) {
            throw new IllegalArgumentException(
                    "serverHostname is required on the client side (\"\" to skip hostname verification)");
        }
        this.loop = loop;
        this.context = context;
        this.waiter = waiter;
        this.serverSide = serverSide;
        this.options = o;
        this.callConnectionMade = callConnectionMade;
        if (!callConnectionMade) {
            appState = AppState.CON_MADE; // startTls: the protocol is connected already
        }
        setAppProtocol(app);
        this.appTransport = new SslTransport(this);
    }

    /** The transport the application protocol uses. */
    SslTransport appTransport() {
        return appTransport;
    }

    void setAppProtocol(BaseProtocol p) {
        if (!(p instanceof Protocol) && !(p instanceof BufferedProtocol)) {
            throw new IllegalArgumentException("a TLS transport needs a Protocol or a BufferedProtocol, not " + p);
        }
        this.app = p;
    }

    BaseProtocol appProtocol() {
        return app;
    }

    EventLoop loop() {
        return loop;
    }

    Transport rawTransport() {
        return transport;
    }

    SSLEngine engine() {
        return engine;
    }

    Object extra(String name) {
        Object v = extra.get(name);
        if (v != null || extra.containsKey(name)) {
            return v;
        }
        Transport t = transport;
        return t == null ? null : t.getExtraInfo(name);
    }

    boolean isServerSide() {
        return serverSide;
    }

    // ------------------------------------------------------------------ raw transport events

    @Override
    public void connectionMade(Transport raw) {
        this.transport = raw;
        try {
            engine = createEngine(raw);
            SSLSession s = engine.getSession();
            netIn = ByteBuffer.allocate(s.getPacketBufferSize());
            appIn = ByteBuffer.allocate(s.getApplicationBufferSize());
            netOut = ByteBuffer.allocate(4 * s.getPacketBufferSize());
            engine.beginHandshake();
        } catch (Exception e) {
            handshakeFailed(e);
            return;
        }
        extra.put("sslcontext", context);
        extra.put("ssl_object", engine);
        state = State.DO_HANDSHAKE;
        handshakeTimer = loop.callLater(options.handshakeTimeout, this::checkHandshakeTimeout);
        process();
    }

    private SSLEngine createEngine(Transport raw) {
        SSLEngine e;
        String host = options.serverHostname;
        if (!serverSide && host != null && !host.isEmpty()) {
            int port = raw.getExtraInfo("peername") instanceof InetSocketAddress a ? a.getPort() : -1;
            e = context.createSSLEngine(host, port);
        } else {
            e = context.createSSLEngine();
        }
        e.setUseClientMode(!serverSide);
        SSLParameters p = e.getSSLParameters();
        if (!serverSide && host != null && !host.isEmpty()) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
            if (!isIpLiteral(host)) {
                p.setServerNames(List.of(new SNIHostName(host)));
            }
        }
        if (serverSide && options.clientAuth == ClientAuth.REQUIRED) {
            p.setNeedClientAuth(true);
        } else if (serverSide && options.clientAuth == ClientAuth.OPTIONAL) {
            p.setWantClientAuth(true);
        }
        if (options.applicationProtocols != null) {
            p.setApplicationProtocols(options.applicationProtocols.toArray(String[]::new));
        }
        e.setSSLParameters(p);
        return e;
    }

    private static boolean isIpLiteral(String host) {
        try {
            java.net.InetAddress.ofLiteral(host);
            return true;
        } catch (IllegalArgumentException notLiteral) {
            return false;
        }
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (state == State.UNWRAPPED || netIn == null) {
            return; // aborted: drop
        }
        int n = data.remaining();
        if (netIn.remaining() < n) {
            ByteBuffer b = ByteBuffer.allocate(Math.max(netIn.capacity() * 2, netIn.position() + n));
            netIn.flip();
            b.put(netIn);
            netIn = b;
        }
        netIn.put(data);
        process();
    }

    @Override
    public boolean eofReceived() {
        rawEof = true;
        switch (state) {
            case DO_HANDSHAKE -> {
                process(); // whatever arrived before the EOF
                if (state == State.DO_HANDSHAKE && !taskRunning) {
                    handshakeFailed(new SSLHandshakeException("Remote host terminated the handshake"));
                }
                return taskRunning;
            }
            case WRAPPED -> {
                if (appReadingPaused) {
                    return true; // keep what is buffered until the application reads again
                }
                process();
                checkTruncated();
                return false;
            }
            case FLUSHING, SHUTDOWN -> {
                // our close_notify is out; the peer hung up without answering it: done
                onShutdownComplete(null);
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    /** The raw stream ended without the peer's close_notify (a possible truncation attack). */
    private void checkTruncated() {
        if (rawEof && state == State.WRAPPED && !appReadingPaused && !taskRunning) {
            fatalError(new SSLException("the peer closed the connection without sending close_notify"
                    + " (the data may be truncated)"), "TLS connection truncated");
        }
    }

    @Override
    public void connectionLost(Throwable exc) {
        backlog.clear();
        backlogBytes = 0;
        connLost++;
        appTransport.markClosed();
        Throwable reason = exc != null ? exc : fatal;
        if ((state != State.DO_HANDSHAKE || !callConnectionMade)
                && (appState == AppState.CON_MADE || appState == AppState.EOF)) {
            appState = AppState.CON_LOST;
            try {
                app.connectionLost(reason);
            } catch (Throwable t) {
                report(t, "Fatal error: protocol.connectionLost() call failed.");
            }
        }
        state = State.UNWRAPPED;
        cancelTimers();
        wakeupWaiter(reason != null ? reason : new SslHandshakeError("SSL handshake failed: connection lost",
                new SSLHandshakeException("connection closed during the handshake")));
        transport = null;
    }

    @Override
    public void pauseWriting() {
        controlAppWriting();
    }

    @Override
    public void resumeWriting() {
        controlAppWriting();
    }

    // ------------------------------------------------------------------ the engine pump

    /** Drives the engine as far as the buffered input allows. */
    private void process() {
        if (taskRunning || transport == null) {
            return;
        }
        switch (state) {
            case DO_HANDSHAKE -> {
                boolean done;
                try {
                    done = handshakeLoop();
                } catch (Exception e) {
                    handshakeFailed(e);
                    return;
                }
                if (done) {
                    handshakeComplete();
                }
            }
            case WRAPPED -> doRead();
            case FLUSHING, SHUTDOWN -> doShutdownRead();
            default -> {
            }
        }
    }

    /** Returns true once the handshake is complete; false when it waits for data or a task. */
    private boolean handshakeLoop() throws Exception {
        while (true) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            switch (hs) {
                case NEED_TASK -> {
                    flushNetOut();
                    runDelegatedTasks();
                    return false;
                }
                case NEED_WRAP -> {
                    SSLEngineResult r = wrap(EMPTY);
                    if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                        flushNetOut();
                        return true;
                    }
                    if (r.getStatus() == Status.CLOSED && engine.isOutboundDone()) {
                        flushNetOut();
                        throw new SSLHandshakeException("the TLS engine closed during the handshake");
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    flushNetOut();
                    SSLEngineResult r = unwrap();
                    if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                        return true;
                    }
                    if (r.getStatus() == Status.BUFFER_UNDERFLOW) {
                        return false;
                    }
                    if (r.getStatus() == Status.CLOSED) {
                        throw new SSLHandshakeException("the peer closed the TLS session during the handshake");
                    }
                    if (r.bytesConsumed() == 0 && r.bytesProduced() == 0
                            && engine.getHandshakeStatus() == hs) {
                        return false; // nothing to work on
                    }
                }
                default -> {
                    flushNetOut();
                    return true; // NOT_HANDSHAKING, FINISHED
                }
            }
        }
    }

    private void runDelegatedTasks() {
        List<Runnable> tasks = new ArrayList<>(2);
        Runnable t;
        while ((t = engine.getDelegatedTask()) != null) {
            tasks.add(t);
        }
        if (state != State.DO_HANDSHAKE) {
            tasks.forEach(Runnable::run); // post-handshake: cheap, inline
            return;
        }
        taskRunning = true;
        Future<Void> f;
        try {
            f = loop.runInExecutor(null, () -> {
                for (Runnable r : tasks) {
                    r.run();
                }
                return null;
            });
        } catch (RuntimeException loopClosing) {
            tasks.forEach(Runnable::run);
            taskRunning = false;
            loop.callSoon(this::process);
            return;
        }
        f.addDoneCallback(done -> {
            taskRunning = false;
            Throwable exc = done.cancelled() ? null : done.exception();
            if (exc != null && state == State.DO_HANDSHAKE) {
                handshakeFailed(exc);
                return;
            }
            if (transport == null) {
                return;
            }
            process();
            if (rawEof && state == State.DO_HANDSHAKE && !taskRunning) {
                handshakeFailed(new SSLHandshakeException("Remote host terminated the handshake"));
            }
        });
    }

    private SSLEngineResult unwrap() throws SSLException {
        netIn.flip();
        try {
            while (true) {
                SSLEngineResult r = engine.unwrap(netIn, appIn);
                if (r.getStatus() == Status.BUFFER_OVERFLOW) {
                    if (appIn.position() > 0 && state == State.WRAPPED && appState == AppState.CON_MADE) {
                        return r; // the caller delivers what is there and comes back
                    }
                    appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
                    continue;
                }
                if (r.getStatus() == Status.BUFFER_UNDERFLOW
                        && netIn.limit() == netIn.capacity()
                        && netIn.capacity() < engine.getSession().getPacketBufferSize()) {
                    netIn.compact();
                    netIn = grow(netIn, engine.getSession().getPacketBufferSize());
                    netIn.flip();
                    continue;
                }
                return r;
            }
        } finally {
            netIn.compact();
        }
    }

    private static ByteBuffer grow(ByteBuffer b, int atLeast) {
        ByteBuffer n = ByteBuffer.allocate(Math.max(b.capacity() * 2, b.position() + atLeast));
        b.flip();
        n.put(b);
        return n;
    }

    /** Encrypts all of {@code src} (or one handshake/alert record for an empty one) into netOut. */
    private SSLEngineResult wrap(ByteBuffer src) throws SSLException {
        SSLEngineResult r;
        do {
            r = engine.wrap(src, netOut);
            if (r.getStatus() == Status.BUFFER_OVERFLOW) {
                if (netOut.position() > 0) {
                    flushNetOut();
                } else {
                    netOut = ByteBuffer.allocate(netOut.capacity() * 2);
                }
                continue;
            }
            if (r.getStatus() == Status.CLOSED) {
                return r;
            }
        } while (src.hasRemaining() || r.getStatus() == Status.BUFFER_OVERFLOW);
        return r;
    }

    private void flushNetOut() {
        if (netOut == null || netOut.position() == 0) {
            return;
        }
        netOut.flip();
        Transport t = transport;
        if (t != null) {
            t.write(netOut); // the transport copies what it cannot send at once
        }
        netOut.clear();
    }

    private void handshakeComplete() {
        if (handshakeTimer != null) {
            handshakeTimer.cancel();
            handshakeTimer = null;
        }
        state = State.WRAPPED;
        SSLSession s = engine.getSession();
        extra.put("sslSession", s);
        extra.put("cipher", s.getCipherSuite());
        extra.put("protocol", s.getProtocol());
        extra.put("compression", null);
        String alpn = engine.getApplicationProtocol();
        extra.put("alpn_protocol", alpn == null || alpn.isEmpty() ? null : alpn);
        Certificate[] chain = null;
        try {
            chain = s.getPeerCertificates();
        } catch (SSLPeerUnverifiedException noClientCert) {
            // a server without client authentication
        }
        extra.put("peercert", chain != null && chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null);
        extra.put("peercert_chain", chain == null ? null : List.of(chain));
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
            LOG.log(System.Logger.Level.DEBUG, this + ": TLS handshake done, " + s.getProtocol() + " "
                    + s.getCipherSuite());
        }
        if (appState == AppState.INIT) {
            appState = AppState.CON_MADE;
            {
                try {
                    if (app instanceof Protocol p) {
                        p.connectionMade(appTransport);
                    } else {
                        ((BufferedProtocol) app).connectionMade(appTransport);
                    }
                } catch (Throwable t) {
                    wakeupWaiter(t);
                    fatalError(t, "Fatal error: protocol.connectionMade() call failed.");
                    return;
                }
            }
        }
        wakeupWaiter(null);
        doWrite();
        doRead();
    }

    private void handshakeFailed(Throwable exc) {
        if (handshakeTimer != null) {
            handshakeTimer.cancel();
            handshakeTimer = null;
        }
        if (state == State.UNWRAPPED && fatal != null) {
            return; // already failed
        }
        state = State.UNWRAPPED;
        Throwable error = exc;
        if (exc instanceof SSLException && !(exc instanceof SslHandshakeError)) {
            boolean cert = hasCause(exc, CertificateException.class);
            String what = cert ? "SSL handshake failed on verifying the certificate" : "SSL handshake failed";
            error = new SslHandshakeError(what + " (" + describePeer() + "): " + exc.getMessage(), exc);
        }
        fatal = error;
        // send the alert the engine has for the peer, if any, then close
        if (engine != null) {
            try {
                engine.closeOutbound();
                for (int i = 0; i < 4 && !engine.isOutboundDone(); i++) {
                    SSLEngineResult r = engine.wrap(EMPTY, netOut);
                    if (r.bytesProduced() == 0) {
                        break;
                    }
                }
                flushNetOut();
            } catch (Exception ignored) {
                // nothing more to send
            }
        }
        if (waiter != null) {
            wakeupWaiter(error);
        } else {
            report(error, "SSL handshake failed");
        }
        Transport t = transport;
        if (t != null) {
            t.close(); // flushes the alert
        }
    }

    private static boolean hasCause(Throwable t, Class<?> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private String describePeer() {
        Transport t = transport;
        Object peer = t == null ? null : t.getExtraInfo("peername");
        StringBuilder b = new StringBuilder(serverSide ? "server side" : "client side");
        if (peer != null) {
            b.append(", peer ").append(peer);
        }
        if (!serverSide && options.serverHostname != null && !options.serverHostname.isEmpty()) {
            b.append(", server hostname ").append(options.serverHostname);
        }
        return b.toString();
    }

    private void checkHandshakeTimeout() {
        handshakeTimer = null;
        if (state == State.DO_HANDSHAKE) {
            TimeoutError e = new TimeoutError("SSL handshake is taking longer than "
                    + seconds(options.handshakeTimeout) + " seconds: aborting the connection");
            state = State.UNWRAPPED;
            fatal = e;
            if (waiter != null) {
                wakeupWaiter(e);
            } else {
                report(e, "SSL handshake timed out");
            }
            Transport t = transport;
            if (t != null) {
                t.abort();
            }
        }
    }

    private static String seconds(Duration d) {
        return String.valueOf(d.toMillis() / 1000.0);
    }

    private void wakeupWaiter(Throwable exc) {
        Future<Void> w = waiter;
        if (w == null) {
            return;
        }
        waiter = null;
        if (!w.isDone()) {
            if (exc == null) {
                w.setResult(null);
            } else {
                w.setException(exc);
            }
        }
    }

    // ------------------------------------------------------------------ reading

    private void doRead() {
        if (reading) {
            return;
        }
        reading = true;
        try {
            readLoop();
        } catch (SSLException e) {
            fatalError(e, "Fatal error on TLS read");
        } finally {
            reading = false;
        }
        checkTruncated();
    }

    private void readLoop() throws SSLException {
        while (state == State.WRAPPED && transport != null) {
            if (appIn.position() > 0) {
                if (appReadingPaused) {
                    return;
                }
                deliver();
                continue;
            }
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                runDelegatedTasks();
                continue;
            }
            if (hs == HandshakeStatus.NEED_WRAP) {
                wrap(EMPTY);
                flushNetOut();
                if (engine.isOutboundDone()) {
                    break;
                }
                continue;
            }
            if (appReadingPaused || netIn.position() == 0) {
                return;
            }
            SSLEngineResult r = unwrap();
            if (r.getStatus() == Status.CLOSED) {
                if (appIn.position() > 0 && !appReadingPaused) {
                    deliver();
                }
                onCloseNotify();
                return;
            }
            if (r.getStatus() == Status.BUFFER_UNDERFLOW && appIn.position() == 0) {
                return;
            }
            if (r.bytesConsumed() == 0 && r.bytesProduced() == 0 && r.getStatus() == Status.OK
                    && engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING) {
                return;
            }
        }
    }

    private void deliver() {
        appIn.flip();
        try {
            if (appState != AppState.CON_MADE) {
                return; // nobody to give it to (closing)
            }
            if (app instanceof Protocol p) {
                p.dataReceived(appIn);
            } else {
                BufferedProtocol bp = (BufferedProtocol) app;
                while (appIn.hasRemaining()) {
                    ByteBuffer dst = bp.getBuffer(appIn.remaining());
                    if (dst == null || !dst.hasRemaining()) {
                        throw new IllegalStateException("getBuffer() returned an empty buffer");
                    }
                    int n = Math.min(dst.remaining(), appIn.remaining());
                    ByteBuffer slice = appIn.slice(appIn.position(), n);
                    dst.put(slice);
                    appIn.position(appIn.position() + n);
                    bp.bufferUpdated(n);
                }
            }
        } catch (Throwable t) {
            fatalError(t, "Fatal error: protocol.dataReceived() call failed.");
        } finally {
            appIn.clear();
        }
    }

    /** The peer sent close_notify: EOF to the application, then our own close_notify and close. */
    private void onCloseNotify() {
        closeNotifyReceived = true;
        callAppEofReceived();
        startShutdown();
    }

    private void callAppEofReceived() {
        if (appState != AppState.CON_MADE) {
            return;
        }
        appState = AppState.EOF;
        try {
            boolean keepOpen = app instanceof Protocol p ? p.eofReceived() : ((BufferedProtocol) app).eofReceived();
            if (keepOpen) {
                LOG.log(System.Logger.Level.WARNING,
                        "returning true from eofReceived() has no effect when using ssl");
            }
        } catch (Throwable t) {
            fatalError(t, "Error calling eofReceived()");
        }
    }

    /** In FLUSHING/SHUTDOWN: reads (and drops) records until the peer's close_notify. */
    private void doShutdownRead() {
        try {
            while (netIn.position() > 0 && !engine.isInboundDone()) {
                SSLEngineResult r = unwrap();
                appIn.clear(); // application data after close() is discarded, as in asyncio
                if (r.getStatus() == Status.CLOSED) {
                    break;
                }
                if (r.getStatus() == Status.BUFFER_UNDERFLOW
                        || (r.bytesConsumed() == 0 && r.bytesProduced() == 0)) {
                    return;
                }
            }
            if (engine.isInboundDone()) {
                closeNotifyReceived = true;
                if (state == State.SHUTDOWN) {
                    onShutdownComplete(null);
                }
            }
        } catch (SSLException e) {
            onShutdownComplete(e);
        }
    }

    // ------------------------------------------------------------------ writing

    void write(ByteBuffer data) {
        if (!data.hasRemaining()) {
            return;
        }
        if (state == State.FLUSHING || state == State.SHUTDOWN || state == State.UNWRAPPED
                || appTransport.isClosing()) {
            if (connLost >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
                LOG.log(System.Logger.Level.WARNING, "SSL connection is closed");
            }
            connLost++;
            return;
        }
        if (state == State.DO_HANDSHAKE || !backlog.isEmpty()) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining());
            copy.put(data.duplicate()).flip();
            backlog.add(copy);
            backlogBytes += copy.remaining();
        } else {
            try {
                wrap(data.duplicate());
                flushNetOut();
            } catch (SSLException e) {
                fatalError(e, "Fatal error on TLS write");
                return;
            }
        }
        controlAppWriting();
    }

    /** Sends what was written during the handshake. */
    private void doWrite() {
        try {
            while (!backlog.isEmpty() && transport != null) {
                ByteBuffer b = backlog.poll();
                backlogBytes -= b.remaining();
                wrap(b);
            }
            flushNetOut();
        } catch (SSLException e) {
            fatalError(e, "Fatal error on TLS write");
            return;
        }
        controlAppWriting();
    }

    long writeBufferSize() {
        Transport t = transport;
        return backlogBytes + (t == null ? 0 : t.getWriteBufferSize());
    }

    private void controlAppWriting() {
        Transport t = transport;
        if (t == null) {
            return;
        }
        int[] limits = t.getWriteBufferLimits();
        long size = writeBufferSize();
        if (!appWritingPaused && size > limits[1]) {
            appWritingPaused = true;
            try {
                app.pauseWriting();
            } catch (Throwable e) {
                report(e, "protocol.pauseWriting() failed");
            }
        } else if (appWritingPaused && size <= limits[0]) {
            appWritingPaused = false;
            try {
                app.resumeWriting();
            } catch (Throwable e) {
                report(e, "protocol.resumeWriting() failed");
            }
        }
    }

    void setWriteBufferLimits(Integer high, Integer low) {
        Transport t = transport;
        if (t != null) {
            t.setWriteBufferLimits(high, low);
            controlAppWriting();
        }
    }

    int[] getWriteBufferLimits() {
        Transport t = transport;
        return t == null ? new int[] {WriteTransport.DEFAULT_HIGH_WATER / 4, WriteTransport.DEFAULT_HIGH_WATER}
                : t.getWriteBufferLimits();
    }

    boolean isWritingPaused() {
        return appWritingPaused;
    }

    // ------------------------------------------------------------------ reading control

    void pauseReading() {
        if (appReadingPaused) {
            return;
        }
        appReadingPaused = true;
        Transport t = transport;
        if (t != null && state != State.DO_HANDSHAKE) {
            t.pauseReading();
        }
    }

    void resumeReading() {
        if (!appReadingPaused) {
            return;
        }
        appReadingPaused = false;
        Transport t = transport;
        if (t != null) {
            t.resumeReading();
            loop.callSoon(() -> {
                if (!appReadingPaused) {
                    process();
                    if (rawEof && state == State.WRAPPED && transport != null) {
                        checkTruncated();
                    }
                }
            });
        }
    }

    boolean isAppReadingPaused() {
        return appReadingPaused;
    }

    // ------------------------------------------------------------------ closing

    /** asyncio's {@code _start_shutdown}: flush, send close_notify, wait for the peer's, close. */
    void startShutdown() {
        if (state == State.FLUSHING || state == State.SHUTDOWN || state == State.UNWRAPPED) {
            return;
        }
        appTransport.markClosed();
        if (state == State.DO_HANDSHAKE) {
            abort(null);
            return;
        }
        state = State.FLUSHING;
        shutdownTimer = loop.callLater(options.shutdownTimeout, this::checkShutdownTimeout);
        doWrite();
        state = State.SHUTDOWN;
        try {
            engine.closeOutbound();
            while (!engine.isOutboundDone()) {
                SSLEngineResult r = wrap(EMPTY);
                if (r.bytesProduced() == 0) {
                    break;
                }
            }
            flushNetOut();
        } catch (SSLException e) {
            onShutdownComplete(e);
            return;
        }
        if (closeNotifyReceived || rawEof) {
            onShutdownComplete(null);
        } else {
            doShutdownRead();
        }
    }

    private void onShutdownComplete(Throwable exc) {
        if (shutdownTimer != null) {
            shutdownTimer.cancel();
            shutdownTimer = null;
        }
        if (exc != null) {
            fatalError(exc, "Fatal error on TLS shutdown");
            return;
        }
        Transport t = transport;
        if (t != null) {
            t.close();
        }
    }

    private void checkShutdownTimeout() {
        shutdownTimer = null;
        if (state == State.FLUSHING || state == State.SHUTDOWN) {
            fatal = new TimeoutError("SSL shutdown timed out");
            Transport t = transport;
            if (t != null) {
                t.abort();
            }
        }
    }

    void abort(Throwable exc) {
        state = State.UNWRAPPED;
        appTransport.markClosed();
        if (exc != null && fatal == null) {
            fatal = exc;
        }
        Transport t = transport;
        if (t != null) {
            t.abort();
        }
    }

    private void fatalError(Throwable exc, String message) {
        if (!(exc instanceof IOException)) {
            report(exc, message);
        } else if (loop.getDebug()) {
            LOG.log(System.Logger.Level.DEBUG, this + ": " + message, exc);
        }
        abort(exc);
    }

    private void cancelTimers() {
        if (handshakeTimer != null) {
            handshakeTimer.cancel();
            handshakeTimer = null;
        }
        if (shutdownTimer != null) {
            shutdownTimer.cancel();
            shutdownTimer = null;
        }
    }

    private void report(Throwable exc, String message) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("message", message);
        ctx.put("exception", exc);
        ctx.put("transport", transport);
        ctx.put("protocol", app);
        loop.callExceptionHandler(ctx);
    }

    @Override
    public String toString() {
        return "SslProtocol{" + (serverSide ? "server" : "client") + ", " + state + ", "
                + (transport == null ? "closed" : transport.getExtraInfo("peername")) + "}";
    }
}
