package io.asyncio4j.postgres;

import io.asyncio4j.Future;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.net.BufferedProtocol;
import io.asyncio4j.net.Connection;
import io.asyncio4j.net.Net;
import io.asyncio4j.net.Transport;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The protocol v3 state of one connection, driven on the loop thread: a {@link BufferedProtocol}
 * on the core's socket transport. Frontend messages are appended to {@link #out} by the tasks
 * (flushed once per loop iteration), backend messages are read straight into the decoder's buffer,
 * parsed on the loop thread as they arrive (DESIGN §3) and routed to the {@link Exchange} at the head of the FIFO of exchanges in
 * flight. Each exchange ends with the server's ReadyForQuery (every exchange ends with Sync), which
 * is what makes pipelining safe: an error aborts only up to its own Sync.
 */
final class Protocol implements MessageDecoder.Sink, BufferedProtocol {
    private static final System.Logger LOG = System.getLogger(Protocol.class.getName());

    final EventLoop loop;
    final PgWriter out = new PgWriter(8192);
    private final MessageDecoder decoder = new MessageDecoder(64 * 1024);
    private final ArrayDeque<Exchange<?>> inFlight = new ArrayDeque<>();
    private Transport transport;
    private SocketAddress address;
    /** The TLS plan of this connection (also for the cancel side connection), or null. */
    private PgSsl ssl;
    private boolean flushScheduled;
    /** While a COPY FROM STDIN streams, other tasks' messages wait in {@link #out}. */
    private boolean holdOutput;
    private boolean writingPaused;
    private Future<Void> drainWaiter;
    private PgException closedError;

    final Map<String, String> serverParameters = new HashMap<>();
    int backendPid;
    int backendSecret;
    char transactionStatus = 'I';
    Consumer<Notification> notificationSink = n -> { };
    Consumer<PostgresError> noticeSink = n -> LOG.log(System.Logger.Level.DEBUG, "notice: {0}", n.getMessage());

    Protocol(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * Opens a transport to {@code address} (TCP or Unix socket) with a new Protocol on it, through
     * TLS as {@code ssl} says (null: plain); in a task. Connection failures become
     * {@link PgConnectionError}.
     */
    static Protocol open(EventLoop loop, SocketAddress address, PgSsl ssl) throws Exception {
        Protocol p = new Protocol(loop);
        p.address = address;
        p.ssl = ssl;
        connectNegotiated(loop, address, ssl, p);
        return p;
    }

    /**
     * Connects {@code protocol} to {@code address}, first negotiating TLS when {@code ssl} is not
     * null (libpq's way: an SSLRequest on the plain connection, the server's one-byte answer, then
     * the TLS handshake on the same connection with {@link Net#startTls}). The protocol gets
     * {@code connectionMade} with the transport to use (TLS or plain) and it is returned.
     */
    static Transport connectNegotiated(EventLoop loop, SocketAddress address, PgSsl ssl,
                                       io.asyncio4j.net.BaseProtocol protocol) throws Exception {
        if (ssl == null || address instanceof UnixDomainSocketAddress) {
            return connectTo(address, () -> protocol).transport();
        }
        SslNegotiation neg = connectTo(address, () -> new SslNegotiation(loop)).protocol();
        Transport raw = neg.transport;
        boolean ok = false;
        try {
            PgWriter w = new PgWriter(16);
            Frontend.sslRequest(w);
            raw.write(w.view());
            byte answer = neg.answer.await();
            if (answer == 'N') {
                if (ssl.required()) {
                    throw new PgConnectionError("the server at " + address + " does not support SSL, but sslmode="
                            + ssl.mode().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " requires it");
                }
                raw.setProtocol(protocol);
                made(protocol, raw);
                ok = true;
                return raw;
            }
            Transport tls;
            try {
                tls = Net.startTls(raw, protocol, ssl.context(), false,
                        new io.asyncio4j.net.TlsOptions().serverHostname(ssl.serverHostname()));
            } catch (javax.net.ssl.SSLException e) {
                throw new PgConnectionError("TLS with " + address + " failed (sslmode="
                        + ssl.mode().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "): "
                        + e.getMessage(), e);
            }
            made(protocol, tls);
            ok = true;
            return tls;
        } finally {
            if (!ok) {
                raw.abort();
            }
        }
    }

    private static void made(io.asyncio4j.net.BaseProtocol protocol, Transport t) {
        if (protocol instanceof BufferedProtocol b) {
            b.connectionMade(t);
        } else {
            ((io.asyncio4j.net.Protocol) protocol).connectionMade(t);
        }
    }

    /** Reads the server's answer to an SSLRequest: one byte, {@code 'S'} or {@code 'N'}. */
    private static final class SslNegotiation implements io.asyncio4j.net.Protocol {
        final Future<Byte> answer;
        Transport transport;

        SslNegotiation(EventLoop loop) {
            answer = loop.createFuture();
        }

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            if (answer.isDone() || !data.hasRemaining()) {
                return;
            }
            byte b = data.get();
            if (b == 'E') {
                answer.setException(new PgConnectionError("the server answered the SSLRequest with an error"));
            } else if (b != 'S' && b != 'N') {
                answer.setException(new PgProtocolError("unexpected answer to the SSLRequest: " + (b & 0xff)));
            } else if (data.hasRemaining()) {
                // bytes after 'S' before the handshake would be read as TLS data (CVE-2021-23222)
                answer.setException(new PgProtocolError("unexpected data after the answer to the SSLRequest"));
            } else {
                answer.setResult(b);
            }
        }

        @Override
        public boolean eofReceived() {
            return false;
        }

        @Override
        public void connectionLost(Throwable cause) {
            if (!answer.isDone()) {
                answer.setException(new PgConnectionError("the server closed the connection during SSL negotiation",
                        cause));
            }
        }
    }

    private static <P extends io.asyncio4j.net.BaseProtocol> Connection<P> connectTo(
            SocketAddress address, java.util.function.Supplier<P> factory) throws Exception {
        try {
            if (address instanceof UnixDomainSocketAddress u) {
                return Net.createUnixConnection(factory, u.getPath());
            }
            InetSocketAddress a = (InetSocketAddress) address;
            return Net.createConnection(factory, a.getHostString(), a.getPort(),
                    new io.asyncio4j.net.ConnectOptions().keepAlive(true));
        } catch (java.io.IOException e) {
            throw new PgConnectionError("cannot connect to " + address + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void connectionMade(Transport t) {
        this.transport = t;
    }

    SocketAddress address() {
        return address;
    }

    /** True when the connection goes through TLS. */
    boolean usesTls() {
        return transport instanceof io.asyncio4j.net.SslTransport;
    }

    boolean isClosed() {
        return closedError != null;
    }

    PgException closedError() {
        return closedError;
    }

    int inFlightCount() {
        return inFlight.size();
    }

    // ------------------------------------------------------------------ sending

    /** Registers an exchange whose messages are already in {@link #out}; schedules the flush. */
    <T> Future<T> submit(Exchange<T> ex) {
        if (closedError != null) {
            throw new PgConnectionError("the connection is closed", closedError);
        }
        inFlight.add(ex);
        ex.future.addDoneCallback(f -> {
            if (f.cancelled() && !ex.finished) {
                ex.abandoned = true;
                if (inFlight.peek() == ex) {
                    requestCancel();
                } else {
                    ex.cancelWhenActive = true;
                }
            }
        });
        scheduleFlush();
        return ex.future;
    }

    void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            loop.callSoon(this::flush);
        }
    }

    void flush() {
        flushScheduled = false;
        if (holdOutput) {
            return;
        }
        if (out.position() > 0 && transport != null && !transport.isClosing()) {
            transport.write(out.view()); // the transport copies what the socket does not take at once
        }
        out.recycle();
    }

    /** Writes {@code data} now, bypassing {@link #out} (COPY data while output is held). */
    void writeDirect(ByteBuffer data) {
        if (transport != null && !transport.isClosing()) {
            transport.write(data);
        }
    }

    /** Holds back (or releases) the flushing of {@link #out}: see {@link #holdOutput}. */
    void holdOutput(boolean hold) {
        holdOutput = hold;
        if (!hold) {
            scheduleFlush();
        }
    }

    /** Waits (in a task) until the transport's write buffer is below its low-water mark. */
    void drain() throws Exception {
        if (closedError != null) {
            throw new PgConnectionError("the connection is closed", closedError);
        }
        if (writingPaused) {
            if (drainWaiter == null) {
                drainWaiter = loop.createFuture();
            }
            drainWaiter.await();
        }
    }

    @Override
    public void pauseWriting() {
        writingPaused = true;
    }

    @Override
    public void resumeWriting() {
        writingPaused = false;
        wakeDrainer(null);
    }

    private void wakeDrainer(Throwable error) {
        Future<Void> w = drainWaiter;
        drainWaiter = null;
        if (w != null && !w.isDone()) {
            if (error == null) {
                w.setResult(null);
            } else {
                w.setException(error);
            }
        }
    }

    void pauseReading() {
        if (transport != null && !transport.isClosing()) {
            transport.pauseReading();
        }
    }

    void resumeReading() {
        if (transport != null && !transport.isClosing()) {
            transport.resumeReading();
        }
    }

    /** Sends a CancelRequest on a side connection (asyncpg: {@code _cancel}). */
    void requestCancel() {
        SocketAddress addr = address;
        PgSsl sidessl = ssl;
        int pid = backendPid;
        int secret = backendSecret;
        if (addr == null || closedError != null) {
            return;
        }
        loop.createTask(() -> {
            try {
                Transport side = connectNegotiated(loop, addr, sidessl, new CancelSink()); // same sslmode
                PgWriter w = new PgWriter(16);
                Frontend.cancelRequest(w, pid, secret);
                side.write(w.view());
                side.close(); // flushes, then closes; the server closes its side too
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "cancel request to {0} failed: {1}", addr, e);
            }
            return null;
        }, "pg-cancel-" + pid);
    }

    /** The side connection of a CancelRequest: the server sends nothing back. */
    private static final class CancelSink implements io.asyncio4j.net.Protocol {
        @Override
        public void dataReceived(ByteBuffer data) {
        }
    }

    /** Sends Terminate and closes the socket after it. */
    void terminate() {
        if (closedError == null && transport != null) {
            Frontend.terminate(out);
            flush();
            closedError = new PgConnectionError("the connection was closed by close()");
            transport.close();
            failAll(closedError);
        }
    }

    /** Closes at once (no Terminate): in-flight exchanges fail with {@code cause}. */
    void abort(PgException cause) {
        if (closedError == null) {
            closedError = cause;
        }
        if (transport != null) {
            transport.abort();
        }
        failAll(closedError);
    }

    // ------------------------------------------------------------------ receiving

    @Override
    public ByteBuffer getBuffer(int sizeHint) {
        return decoder.receiveBuffer();
    }

    @Override
    public void bufferUpdated(int nbytes) {
        try {
            decoder.drain(this);
        } catch (PgException e) {
            abort(e);
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        if (closedError == null) {
            closedError = cause instanceof PgException pe ? pe
                    : new PgConnectionError(cause == null ? "the server closed the connection"
                    : "connection lost: " + cause, cause);
        }
        failAll(closedError);
    }

    /** Called once, on the loop, when the connection closes for any reason. */
    Runnable closeHook = () -> { };
    private boolean closeHookCalled;

    private void failAll(PgException error) {
        if (!closeHookCalled && !loop.isClosed()) {
            closeHookCalled = true;
            loop.callSoon(closeHook);
        }
        wakeDrainer(error);
        Exchange<?> ex;
        while ((ex = inFlight.poll()) != null) {
            ex.fail(error);
        }
    }

    @Override
    public void onMessage(byte type, ByteBuffer body) {
        switch (type) {
            case 'A' -> {
                int pid = body.getInt();
                String channel = MessageDecoder.cstring(body);
                String payload = MessageDecoder.cstring(body);
                Notification n = new Notification(pid, channel, payload);
                Consumer<Notification> sink = notificationSink;
                loop.callSoon(() -> sink.accept(n));
            }
            case 'N' -> {
                PostgresError notice = PostgresError.create(PostgresError.readFields(body));
                Consumer<PostgresError> sink = noticeSink;
                loop.callSoon(() -> sink.accept(notice));
            }
            case 'S' -> serverParameters.put(MessageDecoder.cstring(body), MessageDecoder.cstring(body));
            case 'Z' -> {
                transactionStatus = (char) body.get();
                Exchange<?> ex = inFlight.poll();
                if (ex == null) {
                    throw new PgProtocolError("ReadyForQuery with no query in flight");
                }
                ex.finish();
                Exchange<?> next = inFlight.peek();
                if (next != null && next.cancelWhenActive) {
                    next.cancelWhenActive = false;
                    requestCancel();
                }
            }
            default -> {
                Exchange<?> ex = inFlight.peek();
                if (ex == null) {
                    if (type == 'E') {
                        // e.g. FATAL admin shutdown between queries: the server closes next
                        closedError = PostgresError.create(PostgresError.readFields(body));
                        return;
                    }
                    throw new PgProtocolError("unexpected message '" + (char) type + "' with no query in flight");
                }
                ex.handle(this, type, body);
            }
        }
    }

    // ------------------------------------------------------------------ exchanges

    /** One request/response cycle ending with ReadyForQuery. */
    abstract static class Exchange<T> {
        final Future<T> future;
        PostgresError error;
        boolean finished;
        boolean abandoned;
        boolean cancelWhenActive;

        Exchange(EventLoop loop) {
            this.future = loop.createFuture();
        }

        /** A message for this exchange (not ReadyForQuery, not asynchronous ones). */
        void handle(Protocol p, byte type, ByteBuffer body) {
            if (type == 'E') {
                PostgresError e = PostgresError.create(PostgresError.readFields(body));
                if (error == null) {
                    error = e;
                }
            } else {
                onMessage(p, type, body);
            }
        }

        abstract void onMessage(Protocol p, byte type, ByteBuffer body);

        abstract T result();

        void finish() {
            finished = true;
            if (future.isDone()) {
                return;
            }
            if (error != null) {
                future.setException(error);
            } else {
                future.setResult(result());
            }
        }

        void fail(Throwable t) {
            finished = true;
            if (!future.isDone()) {
                // a server error that came first (e.g. FATAL admin shutdown) says more than the EOF after it
                future.setException(error != null ? error : t);
            }
        }
    }

    /** The result of running one statement: its rows (if collected) and its command tag. */
    record QueryResult(List<Record> rows, String status) {
    }

    /** Startup and authentication, up to the first ReadyForQuery. */
    static final class StartupExchange extends Exchange<Void> {
        private final String user;
        private final String password;
        private ScramSha256 scram;

        StartupExchange(EventLoop loop, String user, String password) {
            super(loop);
            this.user = user;
            this.password = password;
        }

        @Override
        void handle(Protocol p, byte type, ByteBuffer body) {
            if (type == 'E') {
                // authentication errors are FATAL: the server closes the connection; fail now
                fail(PostgresError.create(PostgresError.readFields(body)));
                return;
            }
            try {
                onMessage(p, type, body);
            } catch (PgException e) {
                fail(e);
                p.abort(e);
            }
        }

        @Override
        void onMessage(Protocol p, byte type, ByteBuffer body) {
            switch (type) {
                case 'R' -> auth(p, body);
                case 'K' -> {
                    p.backendPid = body.getInt();
                    p.backendSecret = body.getInt();
                }
                case 'v' -> { } // NegotiateProtocolVersion: we ask for nothing optional
                default -> throw new PgProtocolError("unexpected message '" + (char) type + "' during startup");
            }
        }

        private String requirePassword(String method) {
            if (password == null) {
                throw new PgInterfaceError("the server asks for a password (" + method + ") but none was given");
            }
            return password;
        }

        private void auth(Protocol p, ByteBuffer body) {
            int code = body.getInt();
            switch (code) {
                case 0 -> { } // AuthenticationOk
                case 3 -> {
                    Frontend.password(p.out, requirePassword("password"));
                    p.flush();
                }
                case 5 -> {
                    byte[] salt = MessageDecoder.bytes(body, 4);
                    Frontend.password(p.out, ScramSha256.md5Password(user, requirePassword("md5"), salt));
                    p.flush();
                }
                case 10 -> {
                    List<String> mechanisms = new ArrayList<>();
                    while (body.hasRemaining()) {
                        String m = MessageDecoder.cstring(body);
                        if (m.isEmpty()) {
                            break;
                        }
                        mechanisms.add(m);
                    }
                    if (!mechanisms.contains(ScramSha256.MECHANISM)) {
                        throw new PgInterfaceError("unsupported SASL mechanisms " + mechanisms);
                    }
                    scram = new ScramSha256(requirePassword("scram-sha-256"));
                    Frontend.saslInitialResponse(p.out, ScramSha256.MECHANISM, scram.clientFirst());
                    p.flush();
                }
                case 11 -> {
                    Frontend.saslResponse(p.out, scram.clientFinal(MessageDecoder.rest(body)));
                    p.flush();
                }
                case 12 -> scram.verifyServerFinal(MessageDecoder.rest(body));
                default -> throw new PgInterfaceError("unsupported authentication method (code " + code + ")");
            }
        }

        @Override
        Void result() {
            return null;
        }
    }

    /** Parse + Describe statement + Sync: learns the parameter and column types. */
    static final class PrepareExchange extends Exchange<Statement> {
        private final Statement stmt;

        PrepareExchange(EventLoop loop, Statement stmt) {
            super(loop);
            this.stmt = stmt;
        }

        @Override
        void onMessage(Protocol p, byte type, ByteBuffer body) {
            switch (type) {
                case 't' -> {
                    int n = body.getShort() & 0xFFFF;
                    int[] oids = new int[n];
                    for (int i = 0; i < n; i++) {
                        oids[i] = body.getInt();
                    }
                    stmt.paramOids = oids;
                }
                case 'T' -> {
                    int n = body.getShort() & 0xFFFF;
                    String[] names = new String[n];
                    int[] oids = new int[n];
                    for (int i = 0; i < n; i++) {
                        names[i] = MessageDecoder.cstring(body);
                        body.position(body.position() + 6); // table OID, column number
                        oids[i] = body.getInt();
                        body.position(body.position() + 8); // type size, type modifier, format
                    }
                    stmt.columnNames = names;
                    stmt.columnOids = oids;
                }
                case '1', 'n' -> { }
                default -> throw new PgProtocolError("unexpected message '" + (char) type + "' after Parse");
            }
        }

        @Override
        Statement result() {
            return stmt;
        }
    }

    /**
     * Bind + Execute (+ more Bind/Execute pairs for executeMany) + Sync, or a simple Query: decodes
     * DataRows with the statement's codecs as they arrive (when {@code collect}), keeps the last
     * command tag.
     */
    static final class QueryExchange extends Exchange<QueryResult> {
        private final Statement stmt;
        private final boolean collect;
        private final int maxRows;
        private List<Record> rows;
        private String status;
        private RowShape textShape;
        private Consumer<Protocol> onCopyIn;

        QueryExchange(EventLoop loop, Statement stmt, boolean collect, int maxRows) {
            super(loop);
            this.stmt = stmt;
            this.collect = collect;
            this.maxRows = maxRows;
            this.rows = collect ? new ArrayList<>() : null;
        }

        /** What to do if the server asks for COPY data (default: CopyFail). */
        QueryExchange onCopyIn(Consumer<Protocol> handler) {
            this.onCopyIn = handler;
            return this;
        }

        @Override
        void onMessage(Protocol p, byte type, ByteBuffer body) {
            switch (type) {
                case 'D' -> {
                    if (collect && !abandoned && (maxRows <= 0 || rows.size() < maxRows)) {
                        rows.add(decodeRow(body));
                    }
                }
                case 'C' -> status = MessageDecoder.cstring(body);
                case 'T' -> {
                    // simple-query result: text format
                    int n = body.getShort() & 0xFFFF;
                    List<String> names = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        names.add(MessageDecoder.cstring(body));
                        body.position(body.position() + 18);
                    }
                    textShape = new RowShape(names);
                }
                case 'G' -> {
                    if (onCopyIn != null) {
                        onCopyIn.accept(p);
                    } else {
                        Frontend.copyFail(p.out, "COPY FROM STDIN is not supported by execute(); use copyIn");
                        p.scheduleFlush();
                    }
                }
                case 'H', 'd', 'c' -> { } // COPY TO STDOUT through execute(): data dropped
                case '1', '2', '3', 'n', 's', 'I' -> { }
                default -> throw new PgProtocolError("unexpected message '" + (char) type + "' in a query");
            }
        }

        private Record decodeRow(ByteBuffer body) {
            int n = body.getShort() & 0xFFFF;
            Object[] values = new Object[n];
            boolean text = stmt == null;
            for (int i = 0; i < n; i++) {
                int len = body.getInt();
                if (len < 0) {
                    continue;
                }
                PgCodec c = text || stmt.resultFormats[i] == 0 ? null : stmt.resultCodecs[i];
                values[i] = TypeRegistry.decodeValue(c, body, len, 0);
            }
            return new Record(text ? textShape : stmt.shape, values);
        }

        @Override
        QueryResult result() {
            return new QueryResult(rows, status);
        }
    }

    /**
     * A simple-query {@code COPY ... FROM STDIN}: {@link #ready} completes when the server asks for
     * the data (CopyInResponse), or fails with the exchange; the task then streams CopyData.
     */
    static final class CopyInExchange extends Exchange<String> {
        final Future<Void> ready;
        private String status;

        CopyInExchange(EventLoop loop) {
            super(loop);
            ready = loop.createFuture();
        }

        @Override
        void onMessage(Protocol p, byte type, ByteBuffer body) {
            switch (type) {
                case 'G' -> {
                    if (!ready.isDone()) {
                        ready.setResult(null);
                    }
                }
                case 'C' -> status = MessageDecoder.cstring(body);
                case 'I', 'T', 'D' -> { }
                default -> throw new PgProtocolError("unexpected message '" + (char) type + "' in COPY FROM STDIN");
            }
        }

        @Override
        void finish() {
            super.finish();
            if (!ready.isDone()) {
                ready.setException(error != null ? error : new PgInterfaceError("the statement is not COPY FROM STDIN"));
            }
        }

        @Override
        void fail(Throwable t) {
            super.fail(t);
            if (!ready.isDone()) {
                ready.setException(error != null ? error : t);
            }
        }

        @Override
        String result() {
            return status;
        }
    }

    /**
     * A simple-query {@code COPY ... TO STDOUT}: CopyData payloads are queued for the task that
     * writes them to the sink; reading pauses while more than {@link #HIGH} bytes wait.
     */
    static final class CopyOutExchange extends Exchange<String> {
        static final int HIGH = 1 << 20;
        static final int LOW = 1 << 18;
        final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
        private final EventLoop loop;
        private Future<Void> waiter;
        private long queued;
        private boolean paused;
        private boolean discarding;
        private String status;

        CopyOutExchange(EventLoop loop) {
            super(loop);
            this.loop = loop;
        }

        @Override
        void onMessage(Protocol p, byte type, ByteBuffer body) {
            switch (type) {
                case 'd' -> {
                    if (discarding) {
                        return;
                    }
                    byte[] b = new byte[body.remaining()];
                    body.get(b);
                    chunks.add(b);
                    queued += b.length;
                    if (queued > HIGH && !paused) {
                        paused = true;
                        p.pauseReading();
                    }
                    wake();
                }
                case 'C' -> status = MessageDecoder.cstring(body);
                case 'H', 'c', 'I', 'T', 'D' -> { }
                default -> throw new PgProtocolError("unexpected message '" + (char) type + "' in COPY TO STDOUT");
            }
        }

        /** The next chunk, waiting for one; null at the end. In the task. */
        byte[] next(Protocol p) throws Exception {
            while (true) {
                byte[] b = chunks.poll();
                if (b != null) {
                    queued -= b.length;
                    if (paused && queued < LOW) {
                        paused = false;
                        p.resumeReading();
                    }
                    return b;
                }
                if (finished) {
                    if (paused) {
                        paused = false;
                        p.resumeReading();
                    }
                    return null;
                }
                waiter = loop.createFuture();
                waiter.await();
            }
        }

        /** The sink failed or the task was cancelled: drop the rest of the data as it comes. */
        void discard(Protocol p) {
            discarding = true;
            chunks.clear();
            queued = 0;
            if (paused) {
                paused = false;
                p.resumeReading();
            }
        }

        private void wake() {
            Future<Void> w = waiter;
            waiter = null;
            if (w != null && !w.isDone()) {
                w.setResult(null);
            }
        }

        @Override
        void finish() {
            super.finish();
            wake();
        }

        @Override
        void fail(Throwable t) {
            super.fail(t);
            wake();
        }

        @Override
        String result() {
            return status;
        }
    }

    /** An exchange whose outcome nobody awaits (Close of an evicted statement). */
    static final class QuietExchange extends Exchange<Void> {
        QuietExchange(EventLoop loop) {
            super(loop);
        }

        @Override
        void onMessage(Protocol p, byte type, ByteBuffer body) {
        }

        @Override
        void finish() {
            finished = true;
            if (!future.isDone()) {
                future.setResult(null);
            }
        }

        @Override
        void fail(Throwable t) {
            finished = true;
            if (!future.isDone()) {
                future.setResult(null);
            }
        }

        @Override
        Void result() {
            return null;
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
