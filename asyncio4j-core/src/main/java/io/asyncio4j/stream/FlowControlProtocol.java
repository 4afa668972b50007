package io.asyncio4j.stream;

import io.asyncio4j.Future;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.net.BaseProtocol;

import java.net.SocketException;
import java.util.ArrayDeque;

/**
 * The writing half of a stream protocol, behind {@link StreamWriter#drain()}: asyncio's
 * {@code FlowControlMixin}. The transport calls {@link #pauseWriting()} when its write buffer goes
 * over the high-water mark and {@link #resumeWriting()} when it drains to the low-water mark;
 * writers waiting in {@code drain()} wait meanwhile. After {@link #connectionLost}, {@code drain()}
 * fails. Shared by every protocol that hands out a {@link StreamWriter}: the socket streams'
 * {@link StreamReaderProtocol} and the subprocess protocol behind {@code AsyncProcess.stdin()}.
 *
 * <pre>{@code
 * class MyStreams extends FlowControlProtocol implements Protocol {
 *     final Future<Void> closed;
 *     MyStreams(EventLoop loop) { super(loop); closed = loop.createFuture(); }
 *     public void dataReceived(ByteBuffer data) { ... }
 *     protected Future<Void> closeWaiter(StreamWriter writer) { return closed; }
 * }
 * }</pre>
 */
public abstract class FlowControlProtocol implements BaseProtocol {
    /** The loop of the connection. */
    protected final EventLoop loop;
    private boolean paused;
    private final ArrayDeque<Future<Void>> drainWaiters = new ArrayDeque<>();
    private boolean connectionLost;

    protected FlowControlProtocol(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public void pauseWriting() {
        paused = true;
    }

    @Override
    public void resumeWriting() {
        paused = false;
        for (Future<Void> w : drainWaiters) {
            if (!w.isDone()) {
                w.setResult(null);
            }
        }
    }

    /** Marks the connection lost: waiting and later {@code drain()} calls return or fail. */
    @Override
    public void connectionLost(Throwable exc) {
        connectionLost = true;
        if (!paused) {
            return;
        }
        for (Future<Void> w : drainWaiters) {
            if (!w.isDone()) {
                if (exc == null) {
                    w.setResult(null);
                } else {
                    w.setException(exc);
                }
            }
        }
    }

    /**
     * The future {@link StreamWriter#waitClosed()} of {@code writer} waits for: asyncio's
     * {@code _get_close_waiter}.
     */
    protected abstract Future<Void> closeWaiter(StreamWriter writer);

    /** Waits while the transport is over its high-water mark; fails if the connection is lost. */
    void drainHelper() throws Exception {
        if (connectionLost) {
            throw new SocketException("Connection lost");
        }
        if (!paused) {
            return;
        }
        Future<Void> w = loop.createFuture();
        drainWaiters.add(w);
        try {
            w.await();
        } finally {
            drainWaiters.remove(w);
        }
    }
}
