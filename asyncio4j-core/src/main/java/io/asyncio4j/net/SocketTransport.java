package io.asyncio4j.net;

import io.asyncio4j.Future;
import io.asyncio4j.internal.WriteFlowControl;
import io.asyncio4j.loop.EventLoop;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The transport of a connected {@link SocketChannel} (TCP or Unix domain): asyncio's
 * {@code _SelectorSocketTransport}. Made by {@link Net#createConnection}, {@link Net#createServer}
 * and friends; not constructed directly.
 *
 * <p>Reads: one read per readiness event into the loop thread's reused 256 KiB direct buffer
 * (or, for a {@link BufferedProtocol}, straight into the protocol's buffer). Writes: a write with
 * an empty buffer goes to the socket at once (as asyncio does); what the socket does not take is
 * copied into the transport's queue and flushed with gathering writes when the socket is
 * writable. A TLS transport is meant to sit on top of this one as its protocol
 * ({@link #setProtocol}), as asyncio's {@code SSLProtocol} does.
 *
 * <pre>{@code
 * Connection<MyProtocol> c = Net.createConnection(MyProtocol::new, "127.0.0.1", 8888);
 * SocketTransport t = (SocketTransport) c.transport();
 * t.write(ByteBuffer.wrap(bytes));
 * }</pre>
 */
public final class SocketTransport implements Transport {
    private static final System.Logger LOG = System.getLogger("io.asyncio4j.net");
    private static final int READ_BUFFER_SIZE = 256 * 1024;
    private static final int MAX_GATHER = 64;
    private static final int LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5;
    /** Writes at least this big, with nothing queued, skip the per-iteration coalescing. */
    private static final int DIRECT_WRITE_MIN = 16 * 1024;
    /** One read buffer per loop thread: readiness callbacks run on the loop's platform thread. */
    private static final ThreadLocal<ByteBuffer> READ_BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(READ_BUFFER_SIZE));

    private final EventLoop loop;
    private final SocketChannel channel;
    private final SelectionKey key;
    private final Server server;
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private BaseProtocol protocol;
    private Protocol streamProtocol;
    private BufferedProtocol bufferedProtocol;

    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private final WriteBuffers writeBuffers;
    private final ByteBuffer[] gather = new ByteBuffer[MAX_GATHER];
    private boolean tailOwned;
    private boolean flushScheduled;
    private final Runnable flushAtIterationEnd = this::flushAtIterationEnd;
    private long buffered;
    private final WriteFlowControl flow = new WriteFlowControl();

    private boolean started;       // reading enabled after connectionMade
    private boolean connected;     // connectionMade was called (connectionLost is then due)
    private boolean closing;
    private boolean eof;           // writeEof called
    private boolean eofRead;       // the peer's EOF was read and the protocol kept the connection open
    private boolean readingPaused;
    private int connLost;
    private int ops;
    private Future<Void> writableWaiter; // sendfile
    private boolean sendfileInProgress;

    SocketTransport(EventLoop loop, SocketChannel channel, BaseProtocol protocol, Future<Void> waiter, Server server)
            throws IOException {
        this.loop = loop;
        this.channel = channel;
        this.server = server;
        this.writeBuffers = WriteBuffers.of(loop);
        channel.configureBlocking(false);
        this.key = loop.registerIo(channel, 0, this::onReady);
        extra.put("socket", channel);
        putAddress("sockname", channel.getLocalAddress());
        try {
            putAddress("peername", channel.getRemoteAddress());
        } catch (IOException ignored) {
            // not connected: peername stays unknown
        }
        setProtocol(protocol);
        if (server != null) {
            server.attach(this);
        }
        // asyncio's three queued callbacks: connection_made (its exception is the loop's to report,
        // as for any callback: the connection stays), then reading, then the creator's waiter.
        loop.callSoon(this::connectionMade);
        loop.callSoon(() -> startReading(waiter));
    }

    private void putAddress(String name, SocketAddress a) {
        if (a != null) {
            extra.put(name, a);
        }
    }

    /**
     * asyncio's queued {@code connection_made}: called even when the transport was closed or
     * aborted before this ran (its {@code connection_lost}, queued later, then follows), so a
     * protocol always sees the pair.
     */
    private void connectionMade() {
        connected = true;
        if (streamProtocol != null) {
            streamProtocol.connectionMade(this);
        } else {
            bufferedProtocol.connectionMade(this);
        }
    }

    /** Reading starts after connectionMade, unless the transport is closing by then. */
    private void startReading(Future<Void> waiter) {
        started = true;
        updateOps();
        if (waiter != null && !waiter.isDone()) {
            waiter.setResult(null);
        }
    }

    /** The loop this transport belongs to. */
    public EventLoop getLoop() {
        return loop;
    }

    @Override
    public Object getExtraInfo(String name) {
        return extra.get(name);
    }

    @Override
    public void setProtocol(BaseProtocol protocol) {
        this.protocol = protocol;
        this.streamProtocol = protocol instanceof Protocol p ? p : null;
        this.bufferedProtocol = protocol instanceof BufferedProtocol b ? b : null;
        if (streamProtocol == null && bufferedProtocol == null) {
            throw new IllegalArgumentException("a stream transport needs a Protocol or a BufferedProtocol, not " + protocol);
        }
    }

    @Override
    public BaseProtocol getProtocol() {
        return protocol;
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    // ------------------------------------------------------------------ readiness

    private void onReady() {
        int ready;
        try {
            ready = key.readyOps();
        } catch (CancelledKeyException e) {
            return;
        }
        if ((ready & SelectionKey.OP_WRITE) != 0) {
            onWritable();
        }
        if ((ready & SelectionKey.OP_READ) != 0 && (ops & SelectionKey.OP_READ) != 0) {
            onReadable();
        }
    }

    private void updateOps() {
        int want = 0;
        if (started && !closing && !readingPaused && !eofRead) {
            want |= SelectionKey.OP_READ;
        }
        if (!queue.isEmpty() || writableWaiter != null) {
            want |= SelectionKey.OP_WRITE;
        }
        if (want != ops) {
            ops = want;
            try {
                key.interestOps(want);
            } catch (CancelledKeyException e) {
                // the channel was closed
            }
        }
    }

    private void onReadable() {
        if (connLost > 0 || closing || readingPaused) {
            return;
        }
        if (bufferedProtocol != null) {
            readIntoProtocol();
            return;
        }
        ByteBuffer buf = READ_BUFFER.get();
        buf.clear();
        if (readChannel(buf) == 0) {
            return;
        }
        buf.flip();
        try {
            streamProtocol.dataReceived(buf);
        } catch (Throwable t) {
            fatalError(t, "Fatal error: protocol.dataReceived() call failed.");
        }
    }

    private void readIntoProtocol() {
        ByteBuffer buf;
        try {
            buf = bufferedProtocol.getBuffer(-1);
            if (buf == null || !buf.hasRemaining()) {
                throw new IllegalStateException("getBuffer() returned an empty buffer");
            }
        } catch (Throwable t) {
            fatalError(t, "Fatal error: protocol.getBuffer() call failed.");
            return;
        }
        int n = readChannel(buf);
        if (n == 0) {
            return;
        }
        try {
            bufferedProtocol.bufferUpdated(n);
        } catch (Throwable t) {
            fatalError(t, "Fatal error: protocol.bufferUpdated() call failed.");
        }
    }

    /**
     * One read from the socket into {@code buf}: the number of bytes read, or 0 when there is
     * nothing to deliver (nothing was read, or the peer's EOF or a read error, both handled here).
     */
    private int readChannel(ByteBuffer buf) {
        int n;
        try {
            n = channel.read(buf);
        } catch (IOException e) {
            fatalError(e, "Fatal read error on socket transport");
            return 0;
        }
        if (n < 0) {
            readEof();
            return 0;
        }
        return n;
    }

    private void readEof() {
        boolean keepOpen;
        try {
            keepOpen = streamProtocol != null ? streamProtocol.eofReceived() : bufferedProtocol.eofReceived();
        } catch (Throwable t) {
            fatalError(t, "Fatal error: protocol.eofReceived() call failed.");
            return;
        }
        if (keepOpen) {
            eofRead = true;
            updateOps();
        } else {
            close();
        }
    }

    // ------------------------------------------------------------------ reading control

    @Override
    public boolean isReading() {
        return !readingPaused && !closing;
    }

    @Override
    public void pauseReading() {
        if (closing || readingPaused) {
            return;
        }
        readingPaused = true;
        updateOps();
    }

    @Override
    public void resumeReading() {
        if (closing || !readingPaused) {
            return;
        }
        readingPaused = false;
        updateOps();
    }

    // ------------------------------------------------------------------ writing

    @Override
    public void write(ByteBuffer data) {
        if (eof) {
            throw new IllegalStateException("Cannot call write() after writeEof()");
        }
        if (sendfileInProgress) {
            throw new IllegalStateException("unable to write; sendfile is in progress");
        }
        if (!data.hasRemaining()) {
            return;
        }
        if (connLost > 0) {
            if (connLost >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
                LOG.log(System.Logger.Level.WARNING, "socket.send() raised exception.");
            }
            connLost++;
            return;
        }
        int pos = data.position();
        try {
            if (queue.isEmpty() && data.remaining() >= DIRECT_WRITE_MIN) {
                // A large write with nothing queued goes straight to the socket (no copy), as asyncio does.
                try {
                    channel.write(data);
                } catch (IOException e) {
                    fatalError(e, "Fatal write error on socket transport");
                    return;
                }
                if (!data.hasRemaining()) {
                    return;
                }
                enqueue(data);
                updateOps();
            } else {
                // Small writes are coalesced and leave together when this loop iteration ends.
                enqueue(data);
                if ((ops & SelectionKey.OP_WRITE) == 0) {
                    if (flow.wouldPause(buffered) && !closing) {
                        // Over the high-water mark only because of the coalescing: asyncio would have
                        // sent these writes already, so try the socket before telling the protocol to pause.
                        onWritable();
                        updateOps();
                    } else if (!flushScheduled) {
                        flushScheduled = true;
                        loop.runAtIterationEnd(flushAtIterationEnd);
                    }
                }
            }
        } finally {
            data.position(pos);
        }
        maybePauseProtocol();
    }

    /** The once-per-iteration flush of coalesced writes; waits for OP_WRITE if the socket is full. */
    private void flushAtIterationEnd() {
        flushScheduled = false;
        if (connLost > 0 || queue.isEmpty()) {
            return;
        }
        onWritable();
        updateOps();
    }

    private void enqueue(ByteBuffer src) {
        int n = src.remaining();
        ByteBuffer last = queue.peekLast();
        if (tailOwned && last != null && last.capacity() - last.limit() >= n) {
            int p = last.position();
            int lim = last.limit();
            last.limit(lim + n).position(lim);
            last.put(src);
            last.position(p);
        } else {
            ByteBuffer b = writeBuffers.take(n);
            b.put(src).flip();
            queue.addLast(b);
            tailOwned = true;
        }
        buffered += n;
    }

    private void onWritable() {
        if (connLost > 0) {
            return;
        }
        if (queue.isEmpty()) {
            releaseWritableWaiter();
            return;
        }
        int cnt = 0;
        for (ByteBuffer b : queue) {
            gather[cnt++] = b;
            if (cnt == MAX_GATHER) {
                break;
            }
        }
        long written;
        try {
            written = cnt == 1 ? channel.write(gather[0]) : channel.write(gather, 0, cnt);
        } catch (IOException e) {
            fatalError(e, "Fatal write error on socket transport");
            return;
        } finally {
            Arrays.fill(gather, 0, cnt, null);
        }
        buffered -= written;
        while (!queue.isEmpty() && !queue.peekFirst().hasRemaining()) {
            writeBuffers.give(queue.pollFirst());
        }
        maybeResumeProtocol();
        if (queue.isEmpty()) {
            tailOwned = false;
            updateOps();
            releaseWritableWaiter();
            if (closing) {
                callConnectionLost(null);
            } else if (eof) {
                shutdownOutput();
            }
        }
    }

    private void shutdownOutput() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            fatalError(e, "Fatal error on shutdown of the write side");
        }
    }

    private void maybePauseProtocol() {
        if (!flow.pauseNeeded(buffered)) {
            return;
        }
        try {
            protocol.pauseWriting();
        } catch (Throwable t) {
            report(t, "protocol.pauseWriting() failed");
        }
    }

    private void maybeResumeProtocol() {
        if (flow.resumeNeeded(buffered)) {
            try {
                protocol.resumeWriting();
            } catch (Throwable t) {
                report(t, "protocol.resumeWriting() failed");
            }
        }
    }

    @Override
    public void writeEof() {
        if (closing || eof) {
            return;
        }
        eof = true;
        if (queue.isEmpty()) {
            shutdownOutput();
        }
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    @Override
    public void setWriteBufferLimits(Integer high, Integer low) {
        flow.setLimits(high, low);
        maybePauseProtocol();
    }

    @Override
    public int[] getWriteBufferLimits() {
        return flow.limits();
    }

    @Override
    public long getWriteBufferSize() {
        return buffered;
    }

    /** Whether the protocol was told to pause writing and has not been told to resume yet. */
    public boolean isWritingPaused() {
        return flow.isPaused();
    }

    // ------------------------------------------------------------------ sendfile

    /**
     * Sends {@code count} bytes of {@code file} from {@code offset} with
     * {@link FileChannel#transferTo} (zero-copy), after the buffered data; in a task.
     * Returns the number of bytes sent.
     */
    long sendfile(FileChannel file, long offset, long count) throws Exception {
        if (closing) {
            throw new IllegalStateException("Transport is closing");
        }
        awaitWritable(); // flush what is buffered first
        sendfileInProgress = true;
        long sent = 0;
        try {
            while (sent < count) {
                long n = file.transferTo(offset + sent, count - sent, channel);
                if (n < 0) {
                    break;
                }
                if (n == 0) {
                    if (offset + sent >= file.size()) {
                        break;
                    }
                    awaitWritable();
                    if (connLost > 0) {
                        throw new java.net.SocketException("Connection lost during sendfile");
                    }
                }
                sent += n;
            }
        } catch (IOException e) {
            fatalError(e, "Fatal error in sendfile");
            throw e;
        } finally {
            sendfileInProgress = false;
            Net.advanceFile(file, offset, sent);
        }
        return sent;
    }

    private void awaitWritable() throws Exception {
        if (connLost > 0) {
            throw new java.net.SocketException("Connection lost");
        }
        Future<Void> w = loop.createFuture();
        writableWaiter = w;
        updateOps();
        try {
            w.await();
        } finally {
            if (writableWaiter == w) {
                writableWaiter = null;
                updateOps();
            }
        }
    }

    // ------------------------------------------------------------------ closing

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        updateOps();
        if (queue.isEmpty()) {
            connLost++;
            loop.callSoon(() -> callConnectionLost(null));
        }
    }

    @Override
    public void abort() {
        forceClose(null);
    }

    /** Closes at once with {@code exc} as the reason given to {@code connectionLost}. */
    void forceClose(Throwable exc) {
        if (connLost > 0) {
            return;
        }
        if (!queue.isEmpty()) {
            queue.clear();
            buffered = 0;
            tailOwned = false;
        }
        closing = true;
        updateOps();
        connLost++;
        Future<Void> w = writableWaiter;
        if (w != null && !w.isDone()) {
            w.setResult(null);
        }
        loop.callSoon(() -> callConnectionLost(exc));
    }

    /** Wakes the task waiting for the queue to empty (sendfile, writeEof), if any. */
    private void releaseWritableWaiter() {
        Future<Void> w = writableWaiter;
        if (w != null) {
            writableWaiter = null;
            updateOps();
            if (!w.isDone()) {
                w.setResult(null);
            }
        }
    }

        private void fatalError(Throwable exc, String message) {
        if (!(exc instanceof IOException)) {
            report(exc, message);
        } else if (loop.getDebug()) {
            LOG.log(System.Logger.Level.DEBUG, this + ": " + message, exc);
        }
        forceClose(exc);
    }

    private void report(Throwable exc, String message) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("message", message);
        ctx.put("exception", exc);
        ctx.put("transport", this);
        ctx.put("protocol", protocol);
        loop.callExceptionHandler(ctx);
    }

    private boolean lostCalled;

    private void callConnectionLost(Throwable exc) {
        if (lostCalled) {
            return;
        }
        lostCalled = true;
        if (connLost == 0) {
            connLost++;
        }
        try {
            if (connected) {
                protocol.connectionLost(exc);
            }
        } catch (Throwable t) {
            report(t, "Fatal error: protocol.connectionLost() call failed.");
        } finally {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to do
            }
            if (server != null) {
                server.detach(this);
            }
        }
    }

    @Override
    public String toString() {
        return "SocketTransport{" + extra.get("peername") + (closing ? ", closing" : "")
                + ", buffered=" + buffered + "}";
    }
}
