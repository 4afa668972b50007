package io.asyncio4j.process;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.loop.EventLoop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An async writer to a child's stdin, with the contract of asyncio's {@code StreamWriter}:
 * {@link #write} buffers and never blocks, {@link #drain()} suspends the calling task while the
 * pipe's buffer is over its high-water mark (real backpressure: a platform thread writes the
 * buffer into the pipe as fast as the child reads it), {@link #close()} / {@link #writeEof()} end
 * the child's input after the buffered data. After the pipe broke (the child exited or closed its
 * stdin), {@code drain()} throws the {@link IOException} ("Broken pipe") or "Connection lost".
 * Several tasks may wait in {@code drain()} at once.
 *
 * <p>(This class will be aligned with {@code io.asyncio4j.stream.StreamWriter} once that exists.)
 *
 * <pre>{@code
 * AsyncProcess p = Subprocess.createSubprocessExec(SubprocessOptions.pipes(), "cat");
 * p.stdin().write("hello\n".getBytes());
 * p.stdin().drain();
 * p.stdin().close();
 * byte[] echoed = p.stdout().read();
 * }</pre>
 */
public final class ProcessStreamWriter {
    private final EventLoop loop;
    private final WritePipeTransport transport;
    private final List<Future<Void>> drainWaiters = new ArrayList<>();
    private final Future<Void> closed;
    private boolean paused;
    private boolean connectionLost;

    ProcessStreamWriter(EventLoop loop, WritePipeTransport transport) {
        this.loop = loop;
        this.transport = transport;
        this.closed = loop.createFuture();
    }

    /** The underlying pipe transport. */
    public WritePipeTransport transport() {
        return transport;
    }

    /** Buffers {@code data} for writing (a copy is taken). */
    public void write(byte[] data) {
        transport.write(data);
    }

    /** Buffers {@code text} encoded as UTF-8. */
    public void write(String text) {
        transport.write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Buffers each of {@code chunks}: asyncio's {@code writelines}. */
    public void writeLines(Iterable<byte[]> chunks) {
        for (byte[] c : chunks) {
            transport.write(c);
        }
    }

    /** Closes the child's stdin once the buffered data is written. */
    public void writeEof() {
        transport.writeEof();
    }

    /** True for pipes. */
    public boolean canWriteEof() {
        return transport.canWriteEof();
    }

    /** Closes the pipe (after the buffered data): asyncio's {@code close()}. */
    public void close() {
        transport.close();
    }

    /** Whether the pipe is closed or closing. */
    public boolean isClosing() {
        return transport.isClosing();
    }

    /** Suspends the task until the pipe is closed: asyncio's {@code wait_closed()}. */
    public void waitClosed() throws IOException {
        awaitIo(closed);
    }

    /**
     * Waits until it is appropriate to write more: returns at once below the high-water mark,
     * otherwise suspends the task until the buffer drains to the low-water mark.
     *
     * @throws IOException if the pipe was lost ("Broken pipe" and the like)
     */
    public void drain() throws IOException {
        if (transport.isClosing()) {
            // Let the loop deliver a pending connection loss first, as asyncio does.
            Asyncio.sleep(0);
        }
        if (connectionLost) {
            throw new IOException("Connection lost");
        }
        if (!paused) {
            return;
        }
        Future<Void> w = loop.createFuture();
        drainWaiters.add(w);
        try {
            awaitIo(w);
        } finally {
            drainWaiters.remove(w);
        }
    }

    // ------------------------------------------------------------------ protocol side

    void pauseWriting() {
        paused = true;
    }

    void resumeWriting() {
        paused = false;
        for (Future<Void> w : List.copyOf(drainWaiters)) {
            if (!w.isDone()) {
                w.setResult(null);
            }
        }
    }

    void connectionLost(Throwable exc) {
        connectionLost = true;
        if (!closed.isDone()) {
            closed.setResult(null);
        }
        if (!paused) {
            return;
        }
        for (Future<Void> w : List.copyOf(drainWaiters)) {
            if (!w.isDone()) {
                if (exc == null) {
                    w.setResult(null);
                } else {
                    w.setException(exc);
                }
            }
        }
    }

    private static void awaitIo(Future<Void> f) throws IOException {
        try {
            f.await();
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    @Override
    public String toString() {
        return "<ProcessStreamWriter " + transport + (paused ? " paused" : "") + ">";
    }
}
