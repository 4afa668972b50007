package io.asyncio4j.http.server;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.http.HttpHeaders;
import io.asyncio4j.http.parser.BodyFraming;
import io.asyncio4j.http.parser.HttpMessageListener;
import io.asyncio4j.http.parser.HttpParseException;
import io.asyncio4j.http.parser.HttpParser;
import io.asyncio4j.http.parser.HttpStatus;
import io.asyncio4j.http.parser.MessageHead;
import io.asyncio4j.http.parser.RequestHead;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.loop.TimerHandle;
import io.asyncio4j.net.BaseProtocol;
import io.asyncio4j.net.Net;
import io.asyncio4j.net.Protocol;
import io.asyncio4j.net.Transport;
import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;

/**
 * One HTTP/1.1 server connection (aiohttp's {@code RequestHandler}): parses on the loop thread in
 * {@link #dataReceived}, queues whole request heads, and runs handlers in a task, one request
 * after the other so that pipelined responses leave in order. Body octets go to the request's
 * {@link BodyStream}; reading pauses while a body buffer is full, while too many requests are
 * queued, and while an upgrade request waits for its handler. Responses are accumulated and
 * written once per loop step.
 */
final class HttpServerProtocol implements Protocol, HttpMessageListener {
    private static final System.Logger LOG = System.getLogger("io.asyncio4j.http.server");
    private static final byte[] CONTINUE_100 = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int DIRECT_WRITE = 32 * 1024;
    private static final long DISCARD_LIMIT = 256 * 1024;

    private final AppRunner runner;
    private final Application app;
    private final HttpServerConfig cfg;
    private final EventLoop loop;
    private Transport transport;
    private HttpParser parser;

    private final ArrayDeque<Request> pending = new ArrayDeque<>();
    private Request receiving;
    private Task<Void> worker;
    private boolean closing;
    private boolean lost;
    private boolean upgraded;
    private boolean expectingHead = true;
    private TimerHandle headTimer;
    private TimerHandle idleTimer;
    private HttpParseException headError;
    private ByteBuffer stash;

    private boolean pausedBody;
    private boolean pausedPipeline;
    private boolean pausedUpgrade;
    private boolean readingPaused;
    private boolean lingering;

    private boolean writePaused;
    private List<Future<Void>> drainWaiters;
    private final OutBuffer out = new OutBuffer();
    private boolean flushScheduled;
    private final Runnable flushTask = () -> {
        flushScheduled = false;
        flush();
    };

    HttpServerProtocol(AppRunner runner) {
        this.runner = runner;
        this.app = runner.app();
        this.cfg = runner.config();
        this.loop = EventLoop.current();
    }

    EventLoop loop() {
        return loop;
    }

    Transport transport() {
        return transport;
    }

    // ---------------------------------------------------------------- Protocol

    @Override
    public void connectionMade(Transport t) {
        transport = t;
        parser = HttpParser.forRequests(this, cfg.limits());
        runner.register(this);
        startHeadTimer();
    }

    @Override
    public void dataReceived(ByteBuffer buf) {
        if (lost || upgraded || lingering) return;
        if (idleTimer != null) {
            idleTimer.cancel();
            idleTimer = null;
        }
        if (parser.isUpgraded()) {
            stash(buf);
            return;
        }
        try {
            parser.feed(buf);
        } catch (HttpParseException e) {
            parseError(e);
            return;
        }
        if (parser.isUpgraded()) {
            if (buf.hasRemaining()) stash(buf);
            pausedUpgrade = true;
            updateReading();
        }
        if (expectingHead && headTimer == null && !parser.isIdle() && !parser.isClosed()) startHeadTimer();
        if (pending.size() > cfg.maxPipelined() && !pausedPipeline) {
            pausedPipeline = true;
            updateReading();
        }
    }

    private void stash(ByteBuffer buf) {
        int n = buf.remaining();
        if (stash == null) {
            stash = ByteBuffer.allocate(Math.max(n, 4096));
        } else if (stash.remaining() < n) {
            ByteBuffer b = ByteBuffer.allocate(stash.position() + n);
            stash.flip();
            b.put(stash);
            stash = b;
        }
        stash.put(buf);
    }

    @Override
    public boolean eofReceived() {
        if (lingering) return false;
        // The client half-closed: finish what was asked, then close (no more requests can come).
        try {
            parser.feedEof();
        } catch (HttpParseException e) {
            if (receiving != null) {
                receiving.body.fail(new IOException("client closed the connection in the middle of the body"));
                receiving = null;
            }
        }
        closing = true;
        if (worker == null && pending.isEmpty()) return false;
        return true;
    }

    @Override
    public void connectionLost(Throwable exc) {
        if (lost) return;
        lost = true;
        cancelTimers();
        IOException gone = new SocketException("connection lost" + (exc == null ? "" : ": " + exc));
        if (receiving != null) receiving.body.fail(gone);
        for (Request r : pending) r.body.fail(gone);
        wakeDrainers(gone);
        if (!upgraded) runner.unregister(this);
    }

    @Override
    public void pauseWriting() {
        writePaused = true;
    }

    @Override
    public void resumeWriting() {
        writePaused = false;
        wakeDrainers(null);
    }

    private void wakeDrainers(Throwable error) {
        List<Future<Void>> ws = drainWaiters;
        if (ws == null) return;
        drainWaiters = null;
        for (Future<Void> f : ws) {
            if (f.isDone()) continue;
            if (error == null) f.setResult(null);
            else f.setException(error);
        }
    }

    // ---------------------------------------------------------------- parser events

    @Override
    public void onHead(MessageHead h) {
        RequestHead head = (RequestHead) h;
        if (headTimer != null) {
            headTimer.cancel();
            headTimer = null;
        }
        expectingHead = false;
        Request r = new Request(this, head, cfg.bodyBufferSize());
        if (head.framing() == BodyFraming.NONE) {
            r.body.feedEof();
        } else {
            receiving = r;
        }
        pending.addLast(r);
        if (worker == null && !lost) {
            worker = loop.createTask(this::work);
        }
    }

    @Override
    public void onBody(ByteBuffer data) {
        if (receiving != null) receiving.body.feed(data);
    }

    @Override
    public void onComplete(HttpHeaders trailers) {
        if (receiving != null) {
            receiving.body.feedEof();
            receiving = null;
        }
        expectingHead = true;
    }

    private void parseError(HttpParseException e) {
        closing = true;
        cancelTimers();
        pausedUpgrade = true; // read nothing more
        updateReading();
        if (receiving != null) {
            // The body of a request a handler already has: its read fails and it answers.
            receiving.body.fail(new HttpException(e.status(), e.getMessage()));
            receiving = null;
            return;
        }
        headError = e;
        if (worker == null) answerHeadError();
    }

    private void answerHeadError() {
        HttpParseException e = headError;
        headError = null;
        String reason = HttpStatus.reasonPhrase(e.status());
        byte[] body = (e.status() + " " + reason + ": " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
        out.ascii("HTTP/1.1 ").decimal(e.status()).ascii(" ").ascii(reason).crlf()
                .header("Content-Type", "text/plain; charset=utf-8")
                .ascii("Content-Length: ").decimal(body.length).crlf()
                .ascii("Connection: close").crlf().crlf().bytes(body);
        flush();
        lingerClose();
        LOG.log(System.Logger.Level.DEBUG, () -> "bad request from " + transport.getExtraInfo("peername") + ": " + e.getMessage());
    }

    // ---------------------------------------------------------------- flow control

    void pauseForBody(boolean on) {
        pausedBody = on;
        updateReading();
    }

    private void updateReading() {
        if (lost || upgraded || lingering) return;
        boolean want = pausedBody || pausedPipeline || pausedUpgrade;
        if (want != readingPaused) {
            readingPaused = want;
            if (want) transport.pauseReading();
            else transport.resumeReading();
        }
    }

    // ---------------------------------------------------------------- timers

    private void startHeadTimer() {
        Duration d = cfg.headerTimeout();
        if (d == null || d.isZero() || d.isNegative()) return;
        headTimer = loop.callLater(d, this::onHeadTimeout);
    }

    private void onHeadTimeout() {
        headTimer = null;
        if (lost || upgraded) return;
        closing = true;
        if (worker == null && pending.isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, () -> "request head not received within " + cfg.headerTimeout() + ", closing");
            headError = new HttpParseException(io.asyncio4j.http.parser.HttpParseError.INCOMPLETE_MESSAGE, false,
                    "request head not received within " + cfg.headerTimeout());
            answerTimeout();
        } else {
            transport.abort();
        }
    }

    private void answerTimeout() {
        headError = null;
        byte[] body = "408 Request Timeout\n".getBytes(StandardCharsets.US_ASCII);
        out.ascii("HTTP/1.1 408 Request Timeout").crlf().ascii("Content-Length: ").decimal(body.length).crlf()
                .ascii("Connection: close").crlf().crlf().bytes(body);
        flush();
        lingerClose();
    }

    /**
     * Closes after an error answer without losing it: a close with unread input makes the kernel
     * send RST, which can destroy the response in flight. So: half-close, discard input until the
     * client's EOF or a short deadline, then close.
     */
    private void lingerClose() {
        lingering = true;
        transport.writeEof();
        if (readingPaused) {
            readingPaused = false;
            transport.resumeReading();
        }
        loop.callLater(Duration.ofSeconds(2), () -> {
            if (!lost) transport.close();
        });
    }

    private void startIdleTimer() {
        Duration d = cfg.keepaliveTimeout();
        if (d == null || d.isNegative()) return;
        if (idleTimer != null) idleTimer.cancel();
        idleTimer = loop.callLater(d, () -> {
            idleTimer = null;
            if (!lost && !upgraded && worker == null && pending.isEmpty() && parser.isIdle()) transport.close();
        });
    }

    private void cancelTimers() {
        if (headTimer != null) {
            headTimer.cancel();
            headTimer = null;
        }
        if (idleTimer != null) {
            idleTimer.cancel();
            idleTimer = null;
        }
    }

    // ---------------------------------------------------------------- shutdown

    /** Graceful: no new requests; close now if idle, else after the in-flight response. */
    void shutdown() {
        closing = true;
        if (!lost && !upgraded && worker == null && pending.isEmpty()) transport.close();
    }

    /** Forced: cancel the handler and drop the connection. */
    void abort() {
        Task<Void> w = worker;
        if (w != null) w.cancel("server shutdown");
        if (!lost) transport.abort();
    }

    boolean isLost() {
        return lost;
    }

    // ---------------------------------------------------------------- the request task

    private void work() {
        try {
            while (!lost) {
                Request r = pending.peekFirst();
                if (r == null) break;
                handleOne(r);
                pending.pollFirst();
                if (upgraded) return;
                if (lost) break;
                if (!r.keepAlive || closing) {
                    closing = true;
                    break;
                }
                if (!r.body.isComplete()) r.body.discard();
                if (pausedPipeline && pending.size() <= cfg.maxPipelined() / 2) {
                    pausedPipeline = false;
                    updateReading();
                }
                if (parser.isUpgraded()) {
                    // The handler declined the upgrade: go on with HTTP.
                    parser.resumeAfterDeclinedUpgrade();
                    pausedUpgrade = false;
                    updateReading();
                    ByteBuffer s = stash;
                    stash = null;
                    if (s != null) {
                        s.flip();
                        dataReceived(s);
                    }
                }
            }
        } finally {
            worker = null;
        }
        if (lost) return;
        flush();
        if (headError != null) {
            answerHeadError();
        } else if (closing) {
            transport.close();
        } else if (expectingHead && pending.isEmpty() && parser.isIdle()) {
            startIdleTimer();
        }
    }

    private void handleOne(Request r) {
        r.startNanos = System.nanoTime();
        StreamResponse resp;
        try {
            resp = app.dispatch(r);
            if (resp == null) throw new IllegalStateException("handler returned null for " + r);
        } catch (HttpException e) {
            resp = e.toResponse();
        } catch (CancelledError e) {
            if (!lost) transport.abort();
            throw e;
        } catch (Throwable t) {
            if (lost || (t instanceof IOException && closing)) {
                LOG.log(System.Logger.Level.DEBUG, () -> "request " + r + " failed after the client went away: " + t);
            } else {
                LOG.log(System.Logger.Level.ERROR, "Error handling request " + r, t);
            }
            resp = internalError(r);
        }
        if (upgraded) {
            if (resp instanceof WebSocketResponse ws) {
                try {
                    ws.handlerDone();
                } catch (CancelledError e) {
                    throw e;
                } catch (Throwable t) {
                    // the peer is gone
                }
            }
            return;
        }
        StreamResponse sent = r.response;
        try {
            if (sent != null && sent.prepared && sent != resp) {
                // a response was started, and another returned (or an error occurred): end the started one
                r.keepAlive = false;
                if (!sent.eofWritten && !lost) transport.abort();
                resp = sent;
            } else {
                resp.finish(r);
            }
        } catch (CancelledError e) {
            if (!lost) transport.abort();
            throw e;
        } catch (Throwable t) {
            r.keepAlive = false;
            if (!lost) {
                LOG.log(System.Logger.Level.DEBUG, "Error sending the response to " + r, t);
                transport.abort();
            }
        }
        runner.accessLog(r, resp, System.nanoTime() - r.startNanos);
    }

    /**
     * aiohttp's answer to a handler's exception: 500 as HTML when the client accepts
     * {@code text/html}, else as text, and the connection is closed after it.
     */
    private static StreamResponse internalError(Request r) {
        String title = "500 Internal Server Error";
        String msg = "Server got itself in trouble";
        String accept = r.header("Accept");
        Response resp = accept != null && accept.contains("text/html")
                ? Response.html("<html><head><title>" + title + "</title></head><body>\n<h1>" + title + "</h1>\n"
                        + msg + "\n</body></html>\n")
                : Response.text(title + "\n\n" + msg);
        resp.status(500).forceClose();
        return resp;
    }

    // ---------------------------------------------------------------- writing (from the request task)

    void writeHead(Request r, StreamResponse resp, long length, boolean chunked) {
        int status = resp.status();
        boolean keepAlive = r.head.keepAlive() && (!closing || headError != null) && !resp.forceCloseRequested()
                && (length >= 0 || chunked || resp.noBody);
        if (keepAlive && !r.body.isComplete()) {
            long remaining = r.head.framing() == BodyFraming.CONTENT_LENGTH ? r.head.contentLength() - r.body.received() : Long.MAX_VALUE;
            if ((r.head.expectContinue() && !r.continueSent) || remaining > DISCARD_LIMIT) keepAlive = false;
        }
        HttpHeaders h = resp.headers();
        if (h.containsToken("Connection", "close")) keepAlive = false;
        r.keepAlive = keepAlive;
        String reason = resp.reason() != null ? resp.reason() : HttpStatus.reasonPhrase(status);
        OutBuffer o = out;
        o.ascii("HTTP/1.1 ").decimal(status).ascii(" ").ascii(reason.isEmpty() ? "Unknown" : reason).crlf();
        boolean hasDate = false;
        boolean hasServer = false;
        boolean hasContentType = false;
        for (int i = 0, n = h.size(); i < n; i++) {
            String name = h.name(i);
            // one pass decides every special header; the length test keeps it to one compare each
            switch (name.length()) {
                case 4 -> hasDate |= name.equalsIgnoreCase("Date");
                case 6 -> hasServer |= name.equalsIgnoreCase("Server");
                case 12 -> hasContentType |= name.equalsIgnoreCase("Content-Type");
                case 10, 14, 17 -> {
                    if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")
                            || name.equalsIgnoreCase("Connection")) continue; // framing is ours to write
                }
                default -> { }
            }
            String v = h.value(i);
            if (v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) throw new IllegalArgumentException("CR/LF in header " + name);
            o.header(name, v);
        }
        if (!hasDate) o.ascii("Date: ").bytes(HttpDates.now()).crlf();
        if (cfg.serverHeader() != null && !hasServer) o.header("Server", cfg.serverHeader());
        for (Cookie c : resp.cookies()) o.header("Set-Cookie", c.toHeaderValue());
        boolean bodyless = status < 200 || status == 204 || status == 304;
        // aiohttp's StreamResponse defaults every response that may carry a body (also an empty one,
        // and for HEAD) to application/octet-stream
        if (!bodyless && !hasContentType) o.ascii("Content-Type: application/octet-stream").crlf();
        if (!bodyless) {
            if (chunked) o.ascii("Transfer-Encoding: chunked").crlf();
            else if (length >= 0) o.ascii("Content-Length: ").decimal(length).crlf();
        }
        if (status == 101) {
            o.ascii("Connection: Upgrade").crlf();
        } else if (!keepAlive) {
            o.ascii("Connection: close").crlf();
        } else if (!r.version().isAtLeast11()) {
            o.ascii("Connection: keep-alive").crlf();
        }
        o.crlf();
        scheduleFlush();
    }

    void writeBody(byte[] data, int off, int len, boolean chunked) {
        if (lost) return;
        if (chunked) out.ascii(Long.toHexString(len)).crlf();
        if (len >= DIRECT_WRITE) {
            flush();
            transport.write(ByteBuffer.wrap(data, off, len));
        } else {
            out.bytes(data, off, len);
        }
        if (chunked) out.crlf();
        scheduleFlush();
    }

    void writeLastChunk() {
        out.ascii("0\r\n\r\n");
        scheduleFlush();
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            loop.callSoon(flushTask);
        }
    }

    void flush() {
        if (out.isEmpty()) return;
        if (!lost) transport.write(out.view());
        out.reset();
    }

    void drain() throws Exception {
        flush();
        if (lost) throw new SocketException("connection lost");
        if (!writePaused) return;
        Future<Void> f = loop.createFuture();
        if (drainWaiters == null) drainWaiters = new ArrayList<>(1);
        drainWaiters.add(f);
        f.await();
    }

    HttpServerConfig config() {
        return cfg;
    }

    long sendfile(FileChannel file, long offset, long count) throws Exception {
        flush();
        if (lost) throw new SocketException("connection lost");
        return Net.sendfile(transport, file, offset, count);
    }

    /** Sends 100 Continue before the handler's first wait for body data. */
    void beforeBodyWait(Request r) {
        if (r.head.expectContinue() && !r.continueSent && r.response == null && !lost) {
            r.continueSent = true;
            out.bytes(CONTINUE_100);
        }
        flush();
    }

    // ---------------------------------------------------------------- upgrade

    /**
     * Hands the connection to {@code next} (after a 101 was written): returns the octets that
     * arrived after the upgrade request (maybe empty); this protocol is done.
     */
    ByteBuffer upgrade(Request r, BaseProtocol next) {
        flush();
        upgraded = true;
        cancelTimers();
        runner.unregister(this);
        ByteBuffer s = stash;
        stash = null;
        if (s == null) s = ByteBuffer.allocate(0);
        else s.flip();
        transport.setProtocol(next);
        if (readingPaused) {
            readingPaused = false;
            transport.resumeReading();
        }
        return s;
    }

    boolean isUpgradeRequest(Request r) {
        return parser.isUpgraded() && pending.peekFirst() == r;
    }

    AppRunner runner() {
        return runner;
    }
}
