package io.asyncio4j.process;

import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.net.BaseProtocol;

import java.io.Closeable;

/**
 * What the two kinds of subprocess pipe ({@link ReadPipe}, {@link WritePipe}) share: the
 * {@link ProcessTransport} that owns the pipe and hears of its events, the JDK stream its platform
 * thread works on, handing that thread's results to the loop, and telling the owner, once, that
 * the pipe is gone.
 *
 * @param <S> the JDK stream: the child's stdout/stderr or its stdin
 */
abstract sealed class PipeEnd<S extends Closeable> permits ReadPipe, WritePipe {
    final int fd;
    final ProcessTransport owner;
    final EventLoop loop;
    final S stream;

    // Loop thread only.
    boolean closing;
    private boolean disconnected;

    PipeEnd(int fd, ProcessTransport owner, EventLoop loop, S stream) {
        this.fd = fd;
        this.owner = owner;
        this.loop = loop;
        this.stream = stream;
    }

    /** Starts the pipe's platform thread, named after the child's pid and {@code name}. */
    static void startThread(long pid, String name, Runnable body) {
        Thread.ofPlatform().daemon().name("asyncio4j-pipe-" + pid + "-" + name).start(body);
    }

    /** From the pipe's thread: runs {@code r} on the loop; false if the loop is closed. */
    final boolean post(Runnable r) {
        try {
            loop.callSoonThreadsafe(r);
            return true;
        } catch (IllegalStateException closedLoop) {
            return false;
        }
    }

    /** Loop thread: the pipe is gone ({@code exc} null for a clean end); tells the owner once. */
    final void connectionLost(Throwable exc) {
        if (disconnected) {
            return;
        }
        disconnected = true;
        closing = true;
        onDisconnected();
        owner.pipeConnectionLost(fd, exc);
    }

    /** Runs once when the pipe is gone, before the owner hears of it; nothing by default. */
    void onDisconnected() {
    }

    /** Whether the owner has been told that the pipe is gone. */
    final boolean disconnected() {
        return disconnected;
    }

    public int fd() {
        return fd;
    }

    public boolean isClosing() {
        return closing;
    }

    public Object getExtraInfo(String name) {
        return "pipe".equals(name) ? stream : null;
    }

    /** The subprocess protocol this pipe's events go to (through its subprocess transport). */
    public BaseProtocol getProtocol() {
        return owner.protocol();
    }

    /** Refused: a subprocess pipe always reports to its subprocess transport. */
    public void setProtocol(BaseProtocol protocol) {
        throw new UnsupportedOperationException("the protocol of a subprocess pipe cannot be replaced");
    }
}
