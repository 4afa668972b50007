package io.asyncio4j.process;

import io.asyncio4j.internal.WriteFlowControl;
import io.asyncio4j.loop.EventLoop;

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
final class WritePipe extends PipeEnd<OutputStream> implements WritePipeTransport {
    static final int SLICE = 64 * 1024;
    private static final Object EOF = new Object();
    private static final Object ABORT = new Object();

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final long pid;

    // Loop thread only.
    private long bufferSize;
    private final WriteFlowControl flow = new WriteFlowControl();
    private boolean started;
    private volatile boolean aborted;

    WritePipe(ProcessTransport owner, EventLoop loop, OutputStream out, long pid) {
        super(0, owner, loop, out);
        this.pid = pid;
    }

    private void ensureThread() {
        if (!started) {
            started = true;
            startThread(pid, "stdin", this::pump);
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
                    stream.write(data, off, n);
                    stream.flush();
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
                stream.close();
            } catch (IOException e) {
                if (error == null && !aborted) {
                    error = e;
                }
            }
        }
        IOException exc = error;
        post(() -> connectionLost(exc));
    }

    // ------------------------------------------------------------------ loop thread

    private void written(int n) {
        if (disconnected()) {
            return;
        }
        bufferSize -= n;
        maybeResumeProtocol();
    }

    @Override
    void onDisconnected() {
        bufferSize = 0;
    }

    private void maybePauseProtocol() {
        if (flow.pauseNeeded(bufferSize)) {
            owner.pauseWriting();
        }
    }

    private void maybeResumeProtocol() {
        if (flow.resumeNeeded(bufferSize)) {
            owner.resumeWriting();
        }
    }

    @Override
    public void write(ByteBuffer data) {
        int n = data.remaining();
        if (n == 0 || closing || disconnected()) {
            return;
        }
        byte[] copy = new byte[n];
        data.get(data.position(), copy);
        enqueue(copy);
    }

    @Override
    public void write(byte[] data) {
        if (data.length == 0 || closing || disconnected()) {
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
        if (disconnected()) {
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
        flow.setLimits(high, low);
        maybePauseProtocol(); // only: as asyncio's, resume_writing waits for the buffer to drain
    }

    @Override
    public int[] getWriteBufferLimits() {
        return flow.limits();
    }

    @Override
    public void close() {
        writeEof();
    }

    @Override
    public String toString() {
        return "<WritePipe fd=0 buffered=" + bufferSize + (closing ? " closing" : "") + ">";
    }
}
