package io.asyncio4j.process;

import io.asyncio4j.loop.EventLoop;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The read end of stdout or stderr. A platform thread blocks in {@link InputStream#read} and hands
 * each chunk to the loop; the loop delivers it to the owner. Bounded buffering: the thread waits
 * (on {@link #gate}) while reading is paused or while a chunk is on its way to the loop, and the
 * loop releases it once it has delivered that chunk (or resumes reading). So a reader's buffer
 * holds at most its pause threshold plus one chunk, and the OS pipe holds the rest.
 *
 * <p>The stream is only ever closed by the pump thread itself (closing a pipe under a thread
 * blocked in its read is unsafe in the JDK), so {@link #close()} takes effect when the thread next
 * wakes: at once if it waits on the gate, after its current read otherwise.
 */
final class ReadPipe extends PipeEnd<InputStream> implements ReadPipeTransport {
    static final int CHUNK = 64 * 1024;
    /** One chunk at a time: the next read starts once the loop has taken the previous chunk. */
    static final int MAX_IN_FLIGHT = 1;

    private final Object gate = new Object();

    // Guarded by gate (shared with the pump thread).
    private boolean paused;
    private boolean closeRequested;
    private int inFlight;

    ReadPipe(int fd, ProcessTransport owner, EventLoop loop, InputStream in) {
        super(fd, owner, loop, in);
    }

    void start(long pid) {
        startThread(pid, fd == 1 ? "stdout" : "stderr", this::pump);
    }

    // ------------------------------------------------------------------ pump thread

    private void pump() {
        byte[] buf = new byte[CHUNK];
        IOException error = null;
        try {
            while (awaitPermit()) {
                int n = stream.read(buf, 0, buf.length);
                if (n < 0) {
                    break;
                }
                if (n == 0) {
                    continue;
                }
                byte[] chunk = Arrays.copyOf(buf, n);
                synchronized (gate) {
                    inFlight += n;
                }
                if (!post(() -> deliver(chunk))) {
                    return;
                }
            }
        } catch (IOException e) {
            error = e;
        } finally {
            try {
                stream.close();
            } catch (IOException ignored) {
                // nothing to do: the pipe is gone either way
            }
        }
        IOException exc = error;
        post(() -> connectionLost(exc));
    }

    /** Waits until reading may go on; false if the pipe was closed meanwhile. */
    private boolean awaitPermit() {
        synchronized (gate) {
            while (!closeRequested && (paused || inFlight >= MAX_IN_FLIGHT)) {
                try {
                    gate.wait();
                } catch (InterruptedException e) {
                    return false;
                }
            }
            return !closeRequested;
        }
    }

    // ------------------------------------------------------------------ loop thread

    private void deliver(byte[] chunk) {
        try {
            if (!closing) {
                owner.pipeDataReceived(fd, chunk);
            }
        } finally {
            // Release the pump only now, so a pauseReading() made by this delivery is seen first.
            synchronized (gate) {
                inFlight -= chunk.length;
                if (inFlight < MAX_IN_FLIGHT) {
                    gate.notifyAll();
                }
            }
        }
    }

    @Override
    public void pauseReading() {
        if (closing) {
            return;
        }
        synchronized (gate) {
            paused = true;
        }
    }

    @Override
    public void resumeReading() {
        if (closing) {
            return;
        }
        synchronized (gate) {
            if (paused) {
                paused = false;
                gate.notifyAll();
            }
        }
    }

    @Override
    public boolean isReading() {
        if (closing) {
            return false;
        }
        synchronized (gate) {
            return !paused;
        }
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        synchronized (gate) {
            closeRequested = true;
            gate.notifyAll();
        }
        loop.callSoon(() -> connectionLost(null));
    }

    @Override
    public String toString() {
        return "<ReadPipe fd=" + fd + (closing ? " closing" : "") + ">";
    }
}
