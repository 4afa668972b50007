package io.asyncio4j.process;

import io.asyncio4j.Future;
import io.asyncio4j.loop.EventLoop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * An async reader of a child's stdout or stderr, with the contract of asyncio's
 * {@code StreamReader}: {@link #read(int)}, {@link #read()}, {@link #readLine()},
 * {@link #readExactly(int)}, {@link #readUntil(byte[])}, {@link #atEof()}. The read methods suspend
 * the calling task (never the loop) until data arrives and must be called inside a task of the
 * reader's loop; only one task may wait for data at a time.
 *
 * <p><b>Flow control</b>, as asyncio's: when more than {@code 2 × limit} bytes are buffered the
 * pipe's reading is paused (the child then blocks when the OS pipe is full); it resumes when a
 * read brings the buffer down to {@code limit}. <b>Cancellation</b>: a read cancelled while waiting
 * consumes nothing, so the stream stays usable.
 *
 * <p>(This class will be aligned with {@code io.asyncio4j.stream.StreamReader} once that exists;
 * the methods and their exceptions are the same.)
 *
 * <pre>{@code
 * AsyncProcess p = Subprocess.createSubprocessExec(
 *         SubprocessOptions.defaults().stdout(Redirect.PIPE), "ls", "-1");
 * byte[] line;
 * while ((line = p.stdout().readLine()).length > 0) {
 *     System.out.print(new String(line, StandardCharsets.UTF_8));
 * }
 * p.waitFor();
 * }</pre>
 */
public final class ProcessStreamReader {
    private static final byte[] EMPTY = new byte[0];

    private final EventLoop loop;
    private final int limit;
    private byte[] buf = EMPTY;
    private int start;
    private int end;
    private boolean eof;
    private Throwable exception;
    private Future<Void> waiter;
    private ReadPipeTransport transport;
    private boolean paused;

    /** A reader with {@code limit} as its buffer limit, fed by the loop {@code loop}. */
    public ProcessStreamReader(EventLoop loop, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive");
        }
        this.loop = loop;
        this.limit = limit;
    }

    // ------------------------------------------------------------------ feeding (protocol side)

    /** The transport to pause and resume for flow control. */
    public void setTransport(ReadPipeTransport transport) {
        this.transport = transport;
    }

    /** Appends {@code data} to the buffer and wakes the waiting reader: asyncio's {@code feed_data}. */
    public void feedData(byte[] data) {
        if (data.length == 0) {
            return;
        }
        append(data);
        wakeupWaiter();
        if (transport != null && !paused && size() > 2L * limit) {
            transport.pauseReading();
            paused = true;
        }
    }

    /** Marks the end of the stream: asyncio's {@code feed_eof}. */
    public void feedEof() {
        eof = true;
        wakeupWaiter();
    }

    /** Makes the next read throw {@code exc}: asyncio's {@code set_exception}. */
    public void setException(Throwable exc) {
        exception = exc;
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.isDone()) {
                w.setException(exc);
            }
        }
    }

    /** The exception set by {@link #setException}, or null. */
    public Throwable exception() {
        return exception;
    }

    /** True when the end of the stream was reached and the buffer is empty. */
    public boolean atEof() {
        return eof && size() == 0;
    }

    /** The number of bytes buffered. */
    public int bufferedSize() {
        return size();
    }

    /** The buffer limit given at creation. */
    public int limit() {
        return limit;
    }

    // ------------------------------------------------------------------ reading (task side)

    /**
     * Up to {@code n} bytes: waits until at least one byte or the end of the stream is there; an
     * empty array means end of stream. {@code n < 0} reads to the end, as {@link #read()}.
     */
    public byte[] read(int n) throws IOException {
        throwIfFailed();
        if (n == 0) {
            return EMPTY;
        }
        if (n < 0) {
            return read();
        }
        if (size() == 0 && !eof) {
            waitForData("read");
        }
        return take(Math.min(n, size()));
    }

    /** Everything until the end of the stream. */
    public byte[] read() throws IOException {
        throwIfFailed();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while (true) {
            byte[] block = read(limit);
            if (block.length == 0) {
                return all.toByteArray();
            }
            all.writeBytes(block);
        }
    }

    /**
     * One line, ending with {@code \n}; at the end of the stream the last partial line, then an
     * empty array. A line longer than the limit is discarded and {@link LimitOverrunError} thrown
     * (asyncio raises {@code ValueError}).
     */
    public byte[] readLine() throws IOException {
        try {
            return readUntil(new byte[] {'\n'});
        } catch (IncompleteReadError e) {
            return e.partial();
        } catch (LimitOverrunError e) {
            if (size() > e.consumed() && buf[start + e.consumed()] == '\n') {
                start += e.consumed() + 1;
            } else {
                start = end;
            }
            maybeResumeTransport();
            throw new LimitOverrunError(e.getMessage(), e.consumed());
        }
    }

    /** Exactly {@code n} bytes; {@link IncompleteReadError} (with the partial data) at an early end. */
    public byte[] readExactly(int n) throws IOException {
        if (n < 0) {
            throw new IllegalArgumentException("readExactly size can not be less than zero");
        }
        throwIfFailed();
        if (n == 0) {
            return EMPTY;
        }
        while (size() < n) {
            if (eof) {
                byte[] partial = take(size());
                throw new IncompleteReadError(partial, n);
            }
            waitForData("readExactly");
        }
        return take(n);
    }

    /**
     * The data up to and including {@code separator}. At the end of the stream without it:
     * {@link IncompleteReadError} with everything that was left. If the separator is not within
     * the limit: {@link LimitOverrunError}, with the data left in the buffer.
     */
    public byte[] readUntil(byte[] separator) throws IOException {
        int seplen = separator.length;
        if (seplen == 0) {
            throw new IllegalArgumentException("Separator should be at least one-byte string");
        }
        throwIfFailed();
        int offset = 0;
        int found;
        while (true) {
            found = indexOf(separator, offset);
            if (found >= 0) {
                break;
            }
            offset = Math.max(0, size() + 1 - seplen);
            if (offset > limit) {
                throw new LimitOverrunError("Separator is not found, and chunk exceed the limit", offset);
            }
            if (eof) {
                byte[] chunk = take(size());
                throw new IncompleteReadError(chunk, -1);
            }
            waitForData("readUntil");
        }
        if (found > limit) {
            throw new LimitOverrunError("Separator is found, but chunk is longer than limit", found);
        }
        return take(found + seplen);
    }

    // ------------------------------------------------------------------ internals

    private void waitForData(String func) throws IOException {
        if (waiter != null) {
            throw new IllegalStateException(func + "() called while another task is already waiting for incoming data");
        }
        if (paused) {
            paused = false;
            transport.resumeReading();
        }
        Future<Void> w = loop.createFuture();
        waiter = w;
        try {
            w.await();
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        } finally {
            if (waiter == w) {
                waiter = null;
            }
        }
    }

    private void wakeupWaiter() {
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.isDone()) {
                w.setResult(null);
            }
        }
    }

    private void throwIfFailed() throws IOException {
        Throwable e = exception;
        if (e == null) {
            return;
        }
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error err) {
            throw err;
        }
        throw new IOException(e);
    }

    private int size() {
        return end - start;
    }

    private void append(byte[] data) {
        if (buf.length - end < data.length) {
            int live = size();
            if (live + data.length <= buf.length && start > 0) {
                System.arraycopy(buf, start, buf, 0, live);
            } else {
                byte[] bigger = new byte[Math.max(live + data.length, Math.max(4096, buf.length * 2))];
                System.arraycopy(buf, start, bigger, 0, live);
                buf = bigger;
            }
            start = 0;
            end = live;
        }
        System.arraycopy(data, 0, buf, end, data.length);
        end += data.length;
    }

    private byte[] take(int n) {
        byte[] out = Arrays.copyOfRange(buf, start, start + n);
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
            if (buf.length > 4L * limit) {
                buf = EMPTY; // do not keep a huge buffer around once it is drained
            }
        }
        maybeResumeTransport();
        return out;
    }

    private void maybeResumeTransport() {
        if (paused && size() <= limit) {
            paused = false;
            transport.resumeReading();
        }
    }

    private int indexOf(byte[] sep, int from) {
        int last = end - sep.length;
        byte first = sep[0];
        outer:
        for (int i = start + from; i <= last; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int j = 1; j < sep.length; j++) {
                if (buf[i + j] != sep[j]) {
                    continue outer;
                }
            }
            return i - start;
        }
        return -1;
    }

    @Override
    public String toString() {
        return "<ProcessStreamReader " + size() + " bytes" + (eof ? " eof" : "") + (paused ? " paused" : "")
                + (waiter != null ? " waiter" : "") + ">";
    }
}
