package io.asyncio4j.http.client;

import io.asyncio4j.Future;
import io.asyncio4j.http.HttpHeaders;
import io.asyncio4j.http.parser.HttpMessageListener;
import io.asyncio4j.http.parser.HttpParseException;
import io.asyncio4j.http.parser.HttpParser;
import io.asyncio4j.http.parser.MessageHead;
import io.asyncio4j.http.parser.ResponseHead;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.net.Protocol;
import io.asyncio4j.net.Transport;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * One client connection's protocol: parses responses on the loop thread with the shared
 * {@link HttpParser} and hands whole heads and copied body chunks to the task that waits in
 * {@link #awaitHead} / {@link #nextChunk}. Body chunks are flow-controlled: above
 * {@link #HIGH_WATER} buffered octets reading pauses until the task consumes below {@link #LOW_WATER}.
 */
final class HttpClientProtocol implements Protocol, HttpMessageListener {
    static final int HIGH_WATER = 256 * 1024;
    static final int LOW_WATER = 64 * 1024;

    private final EventLoop loop;
    Transport transport;
    private HttpParser parser = HttpParser.forResponses(this);

    // the current exchange
    private ResponseHead head;
    private boolean interim;
    private boolean continued; // a 100 Continue arrived for this exchange
    private boolean bodySkipped; // the request body was not sent (final answer before 100 Continue)
    private boolean complete;
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private long buffered;
    private boolean receivedAny;
    private boolean pausedByUs;

    // connection state
    private Throwable error;
    private boolean lost;
    private Throwable lostCause;
    private Future<Void> waiter;
    private boolean writePaused;
    private Future<Void> drainWaiter;
    Runnable onLostWhileIdle;
    final Future<Void> closedFuture;

    HttpClientProtocol(EventLoop loop) {
        this.loop = loop;
        this.closedFuture = loop.createFuture();
    }

    // ------------------------------------------------------------------ loop-thread callbacks

    @Override
    public void connectionMade(Transport t) {
        this.transport = t;
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        receivedAny = true;
        if (error != null) return;
        try {
            parser.feed(data);
        } catch (HttpParseException e) {
            error = e;
            transport.abort();
        }
        wake();
    }

    @Override
    public boolean eofReceived() {
        if (error == null) {
            try {
                parser.feedEof();
            } catch (HttpParseException e) {
                error = e;
            }
        }
        wake();
        return false;
    }

    @Override
    public void connectionLost(Throwable exc) {
        lost = true;
        lostCause = exc;
        wake();
        Future<Void> d = drainWaiter;
        if (d != null && !d.isDone()) d.setResult(null);
        Runnable r = onLostWhileIdle;
        if (r != null) r.run();
        if (!closedFuture.isDone()) closedFuture.setResult(null);
    }

    @Override
    public void pauseWriting() {
        writePaused = true;
    }

    @Override
    public void resumeWriting() {
        writePaused = false;
        Future<Void> d = drainWaiter;
        drainWaiter = null;
        if (d != null && !d.isDone()) d.setResult(null);
    }

    @Override
    public void onHead(MessageHead h) {
        ResponseHead r = (ResponseHead) h;
        if (r.isInterim()) {
            interim = true;
            if (r.status() == 100) continued = true;
            return;
        }
        head = r;
    }

    @Override
    public void onBody(ByteBuffer data) {
        byte[] copy = new byte[data.remaining()];
        data.get(copy);
        chunks.add(copy);
        buffered += copy.length;
        if (buffered > HIGH_WATER && !pausedByUs && transport != null) {
            pausedByUs = true;
            transport.pauseReading();
        }
    }

    @Override
    public void onComplete(HttpHeaders trailers) {
        if (interim) {
            interim = false;
            return;
        }
        complete = true;
    }

    private void wake() {
        Future<Void> w = waiter;
        waiter = null;
        if (w != null && !w.isDone()) w.setResult(null);
    }

    // ------------------------------------------------------------------ task side

    /** Starts a new request/response exchange on this connection. */
    void startExchange(String method) {
        head = null;
        complete = false;
        interim = false;
        continued = false;
        bodySkipped = false;
        chunks.clear();
        buffered = 0;
        receivedAny = false;
        parser.expectResponseTo(method);
    }

    /** After a successful CONNECT: the tunnel carries a fresh HTTP conversation. */
    void resetParserAfterTunnel() {
        parser = HttpParser.forResponses(this);
    }

    boolean receivedAny() {
        return receivedAny;
    }

    boolean isAlive() {
        return !lost && error == null && transport != null && !transport.isClosing();
    }

    /** Whether the exchange finished cleanly and the connection may carry another request. */
    boolean reusable() {
        return complete && !bodySkipped && chunks.isEmpty() && isAlive() && head != null && head.keepAlive()
                && !parser.isClosed() && !parser.isUpgraded();
    }

    long bufferedBytes() {
        return buffered;
    }

    boolean noBufferedBody() {
        return chunks.isEmpty();
    }

    boolean messageComplete() {
        return complete;
    }

    /** Whether the whole body has arrived (nothing left on the wire). */
    boolean bodyFullyReceived() {
        return complete;
    }

    /**
     * After a head with {@code Expect: 100-continue}: waits for {@code 100 Continue} (true: send the body)
     * or a final response (false: the body is not sent and the connection is not reused).
     */
    boolean awaitContinue(Deadlines d) throws Exception {
        while (true) {
            if (continued) return true;
            if (head != null) {
                bodySkipped = true;
                return false;
            }
            if (error != null) throw headError(error);
            if (lost) throw new ServerDisconnectedError("Server disconnected", lostCause);
            await(d);
        }
    }

    ResponseHead awaitHead(Deadlines d) throws Exception {
        while (true) {
            if (head != null) return head;
            if (error != null) throw headError(error);
            if (lost) {
                throw new ServerDisconnectedError("Server disconnected", lostCause);
            }
            await(d);
        }
    }

    private RuntimeException headError(Throwable e) {
        if (e instanceof HttpParseException p) {
            if (p.error() == io.asyncio4j.http.parser.HttpParseError.INCOMPLETE_MESSAGE) {
                return new ServerDisconnectedError("Server disconnected", p);
            }
            return new ClientResponseError(0, p.getMessage(), null, new HttpHeaders(), null);
        }
        return new ClientConnectionError(String.valueOf(e), e);
    }

    /** The next body chunk, or null at the end of the body. */
    byte[] nextChunk(Deadlines d) throws Exception {
        while (true) {
            byte[] c = chunks.poll();
            if (c != null) {
                buffered -= c.length;
                if (pausedByUs && buffered <= LOW_WATER) {
                    pausedByUs = false;
                    transport.resumeReading();
                }
                return c;
            }
            if (complete) return null;
            if (error != null) {
                throw new ClientPayloadError("Response payload is not completed: " + error.getMessage(), error);
            }
            if (lost) {
                throw new ClientPayloadError("Response payload is not completed: connection closed by the server"
                        + (lostCause != null ? " (" + lostCause + ")" : ""), lostCause);
            }
            await(d);
        }
    }

    private void await(Deadlines d) throws Exception {
        Future<Void> w = loop.createFuture();
        waiter = w;
        Duration sockRead = d.timeout.sockRead();
        try {
            d.await(w, sockRead, () -> new SocketReadTimeoutError("no response bytes for " + sockRead));
        } finally {
            if (waiter == w) waiter = null;
        }
    }

    /** Writes {@code data}, then waits while the transport's buffer is above its high-water mark. */
    void write(ByteBuffer data, Deadlines d) throws Exception {
        if (lost) throw new ClientConnectionError("Connection lost while sending the request", lostCause);
        transport.write(data);
        while (writePaused && !lost) {
            Future<Void> f = loop.createFuture();
            drainWaiter = f;
            d.await(f, null, null);
        }
        if (lost) throw new ClientConnectionError("Connection lost while sending the request", lostCause);
    }

    void writeNoDrain(ByteBuffer data) {
        transport.write(data);
    }

    void abort() {
        if (transport != null) transport.abort();
    }
}
