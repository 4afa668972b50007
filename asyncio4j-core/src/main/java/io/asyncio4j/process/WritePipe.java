package io.asyncio4j.process;

import io.asyncio4j.internal.WriteBufferLimits;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.net.BaseProtocol;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The write end of stdin. {@link #write} queues a copy of the data (loop thread); a platform
 * thread takes it from the queue, writes it in slices of {@link #SLICE} bytes, and reports each
 * slice back to the loop, which lowers {@link #bufferSize} and resumes the protocol's writing
 * below the low-water mark. End of file is a marker in the queue, so it follows the data.
 */
final class WritePipe implements WritePipeTransport {
    static final int SLICE = 64 * 1024;
    private static final Object EOF = new Object();
    private static final Object ABORT = new Object();

    private final ProcessTransport owner;
    private final EventLoop loop;
    private final OutputStream out;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final long pid;

    // Loop thread only.
    private long bufferSize;
    private int high = DEFAULT_HIGH_WATER;
    private int low = DEFAULT_HIGH_WATER / 4;
    private boolean protocolPaused;
    private boolean closing;
    private boolean disconnected;
    private boolean started;
    private volatile boolean aborted;

    WritePipe(ProcessTransport owner, EventLoop loop, OutputStream out, long pid) {
        this.owner = owner;
        this.loop = loop;
        this.out = out;
        this.pid = pid;
    }

    private void ensureThread() {
        if (!started) {
            started = true;
            Thread.ofPlatform().daemon().name("asyncio4j-pipe-" + pid + "-stdin").start(this::pump);
        }
    }

    // ------------------------------------------------------------------ writer thread

    private void pump() {
        IOException error = null;
        try {
            while (true) {
                Object item = queue.take();
                if (item == EOF || item == ABORT) {
                    break;
                }
                byte[] data = (byte[]) item;
                for (int off = 0; off < data.length && !aborted; off += SLICE) {
                    int n = Math.min(SLICE, data.length - off);
                    out.write(data, off, n);
                    out.flush();
                    if (!post(() -> written(n))) {
                        return;
                    }
                }
                if (aborted) {
                    break;
                }
            }
        } catch (IOException e) {
            error = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            queue.clear();
            try {
                out.close();
            } catch (IOException e) {
                if (error == null && !aborted) {
                    error = e;
                }
            }
        }
        IOException exc = error;
        post(() -> connectionLost(exc));
    }

    private boolean post(Runnable r) {
        try {
            loop.callSoonThreadsafe(r);
            return true;
        } catch (IllegalStateException closedLoop) {
            return false;
        }
    }

    // ------------------------------------------------------------------ loop thread

    private void written(int n) {
        if (disconnected) {
            return;
        }
        bufferSize -= n;
        maybeResumeProtocol();
    }

    private void connectionLost(Throwable exc) {
        if (disconnected) {
            return;
        }
        disconnected = true;
        closing = true;
        bufferSize = 0;
        owner.pipeConnectionLost(0, exc);
    }

    boolean disconnected() {
        return disconnected;
    }

    private void maybePauseProtocol() {
        if (!protocolPaused && bufferSize > high) {
            protocolPaused = true;
            owner.pauseWriting();
        }
    }

    private void maybeResumeProtocol() {
        if (protocolPaused && bufferSize <= low) {
            protocolPaused = false;
            owner.resumeWriting();
        }
    }

    @Override
    public int fd() {
        return 0;
    }

    @Override
    public void write(ByteBuffer data) {
        int n = data.remaining();
        if (n == 0 || closing || disconnected) {
            return;
        }
        byte[] copy = new byte[n];
        data.get(data.position(), copy);
        enqueue(copy);
    }

    @Override
    public void write(byte[] data) {
        if (data.length == 0 || closing || disconnected) {
            return;
        }
        enqueue(data.clone());
    }

    private void enqueue(byte[] copy) {
        bufferSize += copy.length;
        queue.add(copy);
        ensureThread();
        maybePauseProtocol();
    }

    @Override
    public void writeEof() {
        if (closing) {
            return;
        }
        closing = true;
        queue.add(EOF);
        ensureThread();
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    @Override
    public void abort() {
        if (disconnected) {
            return;
        }
        closing = true;
        aborted = true;
        queue.clear();
        queue.add(ABORT);
        ensureThread();
        loop.callSoon(() -> connectionLost(null));
    }

    @Override
    public long getWriteBufferSize() {
        return bufferSize;
    }

    @Override
    public void setWriteBufferLimits(Integer high, Integer low) {
        int[] limits = WriteBufferLimits.resolve(high, low);
        this.low = limits[0];
        this.high = limits[1];
        maybePauseProtocol();
        maybeResumeProtocol();
    }

    @Override
    public int[] getWriteBufferLimits() {
        return new int[] {low, high};
    }

    @Override
    public void close() {
        writeEof();
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    @Override
    public Object getExtraInfo(String name) {
        return "pipe".equals(name) ? out : null;
    }

    /** The subprocess protocol this pipe's events go to (through its subprocess transport). */
    @Override
    public BaseProtocol getProtocol() {
        return owner.protocol();
    }

    /** Refused: a subprocess pipe always reports to its subprocess transport. */
    @Override
    public void setProtocol(BaseProtocol protocol) {
        throw new UnsupportedOperationException("the protocol of a subprocess pipe cannot be replaced");
    }

    @Override
    public String toString() {
        return "<WritePipe fd=0 buffered=" + bufferSize + (closing ? " closing" : "") + ">";
    }
}
