package io.asyncio4j.http.websocket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.TimeoutError;
import io.asyncio4j.http.JsonDumps;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.loop.TimerHandle;
import io.asyncio4j.net.Protocol;
import io.asyncio4j.net.Transport;
import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * An open WebSocket (either role): the protocol that owns the transport after the handshake,
 * decoding frames on the loop thread into a bounded queue of {@link WebSocketMessage}s that a
 * task takes with {@link #receive()} (or by iterating), and encoding what the task sends, with
 * backpressure ({@code send*} wait while the transport's write buffer is above its high-water
 * mark). Pings are answered automatically, a heartbeat can detect a dead peer, oversized or
 * invalid input closes with 1009/1002/1007, and {@link #close(int, String)} performs the close
 * handshake.
 *
 * <p>The analog of aiohttp's {@code WebSocketResponse} / {@code ClientWebSocketResponse} message
 * API ({@code receive}, {@code send_str}, {@code send_bytes}, {@code send_json}, {@code ping},
 * {@code close}, {@code async for msg in ws}). Made by the server's {@code WebSocketResponse} and
 * by {@link WebSocketClient#connect}.
 *
 * <pre>{@code
 * WebSocketConnection ws = WebSocketClient.connect("ws://127.0.0.1:8080/ws");
 * ws.sendStr("hello");
 * WebSocketMessage m = ws.receive();       // TEXT "hello" from an echo server
 * ws.close(1000, "done");
 * }</pre>
 */
public final class WebSocketConnection implements Protocol, WebSocketListener, Iterable<WebSocketMessage> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Transport transport;
    private final WebSocketRole role;
    private final WebSocketSettings settings;
    private final String protocol;
    private final PerMessageDeflate deflate;
    private final WebSocketDecoder decoder;
    private final WebSocketEncoder encoder;
    private final EventLoop loop;

    private final ArrayDeque<WebSocketMessage> inbox = new ArrayDeque<>();
    private Future<Void> receiver;
    private boolean readingPaused;
    private boolean lost;
    private boolean closeSent;
    private boolean closeReceived;
    private boolean closedDelivered;
    private int closeCode;
    private String closeReason;
    private Throwable exception;
    private Future<Void> closeWaiter;
    private final List<Runnable> onClosed = new ArrayList<>(1);

    private boolean writePaused;
    private List<Future<Void>> drainWaiters;

    private TimerHandle heartbeatTimer;
    private TimerHandle pongTimer;
    private long lastReceived;

    /**
     * Wraps a transport whose handshake is done; call {@link #start(ByteBuffer)} next.
     *
     * @param deflate the negotiated permessage-deflate codec, or null
     * @param protocol the negotiated subprotocol, or null
     */
    public WebSocketConnection(Transport transport, WebSocketRole role, PerMessageDeflate deflate, String protocol,
                               WebSocketSettings settings) {
        this.transport = transport;
        this.role = role;
        this.settings = settings;
        this.protocol = protocol;
        this.deflate = deflate;
        this.decoder = new WebSocketDecoder(role, this, settings.maxMessageSize(), deflate);
        this.encoder = new WebSocketEncoder(role, deflate);
        this.loop = EventLoop.current();
    }

    /**
     * Starts the connection: installs it as the transport's protocol, starts the heartbeat, and
     * decodes {@code leftover} (octets that came right after the handshake).
     */
    public void start(ByteBuffer leftover) {
        if (transport.getProtocol() != this) transport.setProtocol(this);
        lastReceived = System.nanoTime();
        scheduleHeartbeat(settings.heartbeat());
        if (leftover != null && leftover.hasRemaining()) dataReceived(leftover);
    }

    // ---------------------------------------------------------------- accessors

    /** The negotiated subprotocol, or null. */
    public String protocol() {
        return protocol;
    }

    /** Whether permessage-deflate was negotiated. */
    public boolean isCompressed() {
        return deflate != null;
    }

    /** This end's role. */
    public WebSocketRole role() {
        return role;
    }

    /** The transport. */
    public Transport transport() {
        return transport;
    }

    /** Whether a Close was sent or received, or the connection is gone. */
    public boolean isClosed() {
        return closeSent || closeReceived || lost;
    }

    /** The close code received (or 1006 if the connection ended without one); 0 while open. */
    public int closeCode() {
        return closeCode;
    }

    /** The close reason received, or null. */
    public String closeReason() {
        return closeReason;
    }

    /** The error that ended the connection, or null. */
    public Throwable exception() {
        return exception;
    }

    /** Runs {@code r} (on the loop) once the transport is closed. */
    public void onClosed(Runnable r) {
        if (lost) r.run();
        else onClosed.add(r);
    }

    // ---------------------------------------------------------------- Protocol (loop thread)

    @Override
    public void dataReceived(ByteBuffer data) {
        lastReceived = System.nanoTime();
        if (pongTimer != null) {
            pongTimer.cancel();
            pongTimer = null;
        }
        if (closeReceived || lost) return;
        try {
            decoder.feed(data);
        } catch (WebSocketProtocolException e) {
            failProtocol(e.closeCode(), e);
        }
    }

    @Override
    public boolean eofReceived() {
        return false;
    }

    @Override
    public void connectionLost(Throwable exc) {
        if (lost) return;
        lost = true;
        cancelHeartbeat();
        if (closeCode == 0) closeCode = WebSocketCloseCodes.ABNORMAL;
        if (exc != null && exception == null) exception = exc;
        wakeReceiver();
        if (closeWaiter != null && !closeWaiter.isDone()) closeWaiter.setResult(null);
        wakeDrainers(new SocketException("WebSocket connection lost"));
        if (deflate != null) deflate.close();
        for (Runnable r : onClosed) {
            try {
                r.run();
            } catch (RuntimeException e) {
                // a callback's failure must not stop the others
            }
        }
        onClosed.clear();
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

    // ---------------------------------------------------------------- decoder events

    @Override
    public void onText(String text) {
        enqueue(WebSocketMessage.text(text));
    }

    @Override
    public void onBinary(byte[] data) {
        enqueue(WebSocketMessage.binary(WebSocketMessage.Type.BINARY, data));
    }

    @Override
    public void onPing(byte[] payload) {
        if (settings.autoPing()) {
            if (!closeSent) transport.write(encoder.pong(payload));
        } else {
            enqueue(WebSocketMessage.binary(WebSocketMessage.Type.PING, payload));
        }
    }

    @Override
    public void onPong(byte[] payload) {
        if (!settings.autoPing()) enqueue(WebSocketMessage.binary(WebSocketMessage.Type.PONG, payload));
    }

    @Override
    public void onClose(int code, String reason) {
        closeReceived = true;
        closeCode = code;
        closeReason = reason;
        if (!closeSent) {
            closeSent = true;
            // aiohttp (both roles) answers with its default close code 1000, not the peer's code;
            // closeCode() still reports what the peer sent
            transport.write(encoder.close(WebSocketCloseCodes.NORMAL, ""));
        }
        if (closeWaiter != null && !closeWaiter.isDone()) {
            closeWaiter.setResult(null);
        } else {
            enqueue(WebSocketMessage.close(code, reason));
        }
        // the peer answered or started the close handshake: the TCP connection can go
        if (role == WebSocketRole.SERVER || closeWaiter == null) transport.close();
    }

    private void failProtocol(int code, Throwable e) {
        exception = e;
        closeCode = code;
        if (!closeSent) {
            closeSent = true;
            try {
                transport.write(encoder.close(code, truncate(e.getMessage())));
            } catch (RuntimeException ignored) {
                // nothing more to tell the peer
            }
        }
        enqueue(WebSocketMessage.error(e));
        transport.close();
    }

    private static String truncate(String s) {
        if (s == null) return "";
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return b.length <= 100 ? s : new String(b, 0, 100, java.nio.charset.StandardCharsets.US_ASCII).replaceAll("[^ -~]", "");
    }

    private void enqueue(WebSocketMessage m) {
        inbox.addLast(m);
        wakeReceiver();
        if (inbox.size() >= settings.maxQueued() && !readingPaused && !lost) {
            readingPaused = true;
            transport.pauseReading();
        }
    }

    private void wakeReceiver() {
        Future<Void> r = receiver;
        if (r != null) {
            receiver = null;
            if (!r.isDone()) r.setResult(null);
        }
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

    // ---------------------------------------------------------------- heartbeat

    private void scheduleHeartbeat(Duration d) {
        if (d == null || lost) return;
        heartbeatTimer = loop.callLater(d, this::onHeartbeat);
    }

    private void onHeartbeat() {
        heartbeatTimer = null;
        if (lost || closeSent) return;
        Duration hb = settings.heartbeat();
        long idle = System.nanoTime() - lastReceived;
        if (idle < hb.toNanos()) {
            scheduleHeartbeat(Duration.ofNanos(hb.toNanos() - idle));
            return;
        }
        transport.write(encoder.ping(new byte[0]));
        pongTimer = loop.callLater(hb.dividedBy(2), this::onPongTimeout);
        scheduleHeartbeat(hb);
    }

    private void onPongTimeout() {
        pongTimer = null;
        if (lost) return;
        exception = new TimeoutError("no PONG received within " + settings.heartbeat().dividedBy(2));
        closeCode = WebSocketCloseCodes.ABNORMAL;
        enqueue(WebSocketMessage.error(exception));
        transport.abort();
    }

    private void cancelHeartbeat() {
        if (heartbeatTimer != null) heartbeatTimer.cancel();
        if (pongTimer != null) pongTimer.cancel();
        heartbeatTimer = null;
        pongTimer = null;
    }

    // ---------------------------------------------------------------- receiving (in a task)

    /**
     * The next message, waiting for it. After the connection ended, returns CLOSED (forever); a
     * Close from the peer is returned once as CLOSE (and answered).
     */
    public WebSocketMessage receive() throws Exception {
        while (true) {
            WebSocketMessage m = inbox.pollFirst();
            if (m != null) {
                if (readingPaused && inbox.size() <= settings.maxQueued() / 2 && !lost) {
                    readingPaused = false;
                    transport.resumeReading();
                }
                return m;
            }
            if (lost || closeReceived || (closeSent && closeWaiter == null && exception != null)) {
                closedDelivered = true;
                return WebSocketMessage.closed(closeCode == 0 ? WebSocketCloseCodes.ABNORMAL : closeCode);
            }
            Future<Void> f = loop.createFuture();
            receiver = f;
            try {
                f.await();
            } finally {
                if (receiver == f) receiver = null;
            }
        }
    }

    /** {@link #receive()} within {@code timeout} ({@link TimeoutError} otherwise; the connection stays usable). */
    public WebSocketMessage receive(Duration timeout) throws Exception {
        return Asyncio.timeout(timeout, (io.asyncio4j.Coroutine<WebSocketMessage>) this::receive);
    }

    /**
     * The next message, which must be TEXT (aiohttp's {@code receive_str}); any other message, also
     * a CLOSE, throws {@link IOException} where aiohttp raises {@code TypeError}. The message is
     * consumed either way.
     */
    public String receiveStr() throws Exception {
        WebSocketMessage m = receive();
        if (m.type() != WebSocketMessage.Type.TEXT) throw new IOException("expected a TEXT message, got " + m);
        return m.text();
    }

    /** The next message, which must be BINARY ({@code receive_bytes}; else {@link IOException}, see {@link #receiveStr}). */
    public byte[] receiveBytes() throws Exception {
        WebSocketMessage m = receive();
        if (m.type() != WebSocketMessage.Type.BINARY) throw new IOException("expected a BINARY message, got " + m);
        return m.data();
    }

    /** The next TEXT message bound to {@code type} with Jackson. */
    public <T> T receiveJson(Class<T> type) throws Exception {
        return JSON.readValue(receiveStr(), type);
    }

    /**
     * Messages until the connection ends (the terminal CLOSE/CLOSED/ERROR is not returned), like
     * {@code async for msg in ws}. Call from a task.
     */
    @Override
    public Iterator<WebSocketMessage> iterator() {
        return new Iterator<>() {
            private WebSocketMessage next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next != null) return true;
                if (done) return false;
                WebSocketMessage m;
                try {
                    m = receive();
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                if (m.isTerminal()) {
                    done = true;
                    return false;
                }
                next = m;
                return true;
            }

            @Override
            public WebSocketMessage next() {
                if (!hasNext()) throw new NoSuchElementException();
                WebSocketMessage m = next;
                next = null;
                return m;
            }
        };
    }

    // ---------------------------------------------------------------- sending (in a task)

    /** Sending after the connection is lost or our Close went out fails like aiohttp's ConnectionResetError. */
    private void send(ByteBuffer frame) throws Exception {
        if (lost) throw new SocketException("WebSocket connection is closed");
        if (closeSent) throw new SocketException("Cannot write to closing transport");
        transport.write(frame);
        drain();
    }

    /**
     * Sends a TEXT message and waits while the write buffer is full; {@link SocketException} once
     * the connection is closing or closed (aiohttp's {@code ConnectionResetError}).
     */
    public void sendStr(String text) throws Exception {
        send(encoder.text(text));
    }

    /** Sends a BINARY message and waits while the write buffer is full. */
    public void sendBytes(byte[] data) throws Exception {
        send(encoder.binary(data));
    }

    /** Sends {@code value} as JSON text (Jackson), written as aiohttp's {@code send_json} writes it ({@link JsonDumps}). */
    public void sendJson(Object value) throws Exception {
        String s;
        try {
            s = JsonDumps.string(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize to JSON: " + e.getMessage(), e);
        }
        sendStr(s);
    }

    /** Sends a message in fragments of {@code fragmentSize} payload octets. */
    public void sendFragmented(boolean text, byte[] data, int fragmentSize) throws Exception {
        for (ByteBuffer b : encoder.fragmented(text, data, fragmentSize)) {
            if (lost) throw new SocketException("WebSocket connection is closed");
            transport.write(b);
        }
        drain();
    }

    /** Sends a Ping. */
    public void ping(byte[] payload) throws Exception {
        send(encoder.ping(payload));
    }

    /** Sends a Pong. */
    public void pong(byte[] payload) throws Exception {
        send(encoder.pong(payload));
    }

    /** Waits until the transport's write buffer is below its high-water mark. */
    public void drain() throws Exception {
        if (lost) throw new SocketException("WebSocket connection is closed");
        if (!writePaused) return;
        Future<Void> f = loop.createFuture();
        if (drainWaiters == null) drainWaiters = new ArrayList<>(1);
        drainWaiters.add(f);
        f.await();
    }

    /** {@code close(1000, "")}. */
    public boolean close() throws Exception {
        return close(WebSocketCloseCodes.NORMAL, "");
    }

    /**
     * The close handshake: sends Close with {@code code} and {@code reason}, waits for the peer's
     * Close (at most {@link WebSocketSettings#closeTimeout()}; messages arriving meanwhile are
     * dropped), then closes the transport. Returns false if the connection was already closing.
     */
    public boolean close(int code, String reason) throws Exception {
        if (lost) return false;
        if (closeSent) {
            if (closeReceived) transport.close();
            return false;
        }
        closeSent = true;
        transport.write(encoder.close(code, reason));
        if (closeCode == 0) closeCode = code;
        if (!closeReceived) {
            Future<Void> w = loop.createFuture();
            closeWaiter = w;
            try {
                Asyncio.waitFor(w, settings.closeTimeout());
            } catch (TimeoutError e) {
                closeCode = WebSocketCloseCodes.ABNORMAL;
                transport.abort();
                return true;
            }
        }
        transport.close();
        return true;
    }

    /** Drops the connection without a close handshake. */
    public void abort() {
        if (!lost) transport.abort();
    }

    @Override
    public String toString() {
        return "WebSocketConnection{" + role + ", " + transport.getExtraInfo("peername") + (isClosed() ? ", closed" : "") + "}";
    }
}
