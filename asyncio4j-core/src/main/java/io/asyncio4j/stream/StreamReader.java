package io.asyncio4j.stream;

import io.asyncio4j.Future;
import io.asyncio4j.internal.Sneaky;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.net.ReadTransport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A buffered byte stream read by one task: asyncio's {@code StreamReader} (CPython 3.13
 * semantics). Its protocol feeds it on the loop thread; read methods suspend the calling task
 * until enough data or EOF is there. Nothing is consumed from the buffer until a read completes,
 * so a read that is cancelled, times out or fails leaves the buffer as it was.
 *
 * <p>Flow control: above 2 × {@link #limit()} buffered bytes the transport's reading is paused;
 * it resumes once the buffer is back at or below the limit.
 *
 * <pre>{@code
 * StreamPair s = Streams.openConnection("127.0.0.1", 8888);
 * String line = new String(s.reader().readLine(), StandardCharsets.UTF_8);
 * byte[] body = s.reader().readExactly(length);
 * }</pre>
 *
 * <p>asyncio's {@code async for line in reader} is {@code for (byte[] line : reader.lines())} in a
 * task: each step is {@link #readLine()}, and the loop ends at the empty line of EOF.
 */
public class StreamReader {
    /** asyncio's {@code _DEFAULT_LIMIT}, 64 KiB. */
    public static final int DEFAULT_LIMIT = 64 * 1024;
    private static final byte[] NEWLINE = {'\n'};
    private static final byte[] EMPTY = new byte[0];

    private final EventLoop loop;
    private final int limit;
    private byte[] buf = new byte[1024];
    private int start;
    private int end;
    private boolean eof;
    private Throwable exception;
    private Future<Void> waiter;
    private ReadTransport transport;
    private boolean paused;

    /** A reader with the default limit on the running loop. */
    public StreamReader() {
        this(DEFAULT_LIMIT, EventLoop.current());
    }

    /** A reader of {@code loop} with {@code limit} (the most a line or readUntil chunk may be). */
    public StreamReader(int limit, EventLoop loop) {
        if (limit <= 0) {
            throw new IllegalArgumentException("Limit cannot be <= 0");
        }
        if (loop == null) {
            throw new IllegalStateException("no running event loop");
        }
        this.limit = limit;
        this.loop = loop;
    }

    /** The limit given at creation. */
    public int limit() {
        return limit;
    }

    /** The error set with {@link #setException}, or null. */
    public Throwable exception() {
        return exception;
    }

    /** Makes every pending and future read fail with {@code exc}. */
    public void setException(Throwable exc) {
        this.exception = exc;
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.isDone()) {
                w.setException(exc);
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

    /** Attaches the transport whose reading is paused when the buffer grows too large. */
    public void setTransport(ReadTransport transport) {
        if (this.transport != null) {
            throw new IllegalStateException("Transport already set");
        }
        this.transport = transport;
    }

    private void maybeResumeTransport() {
        if (paused && end - start <= limit) {
            paused = false;
            transport.resumeReading();
        }
    }

    /** Marks the end of the stream. */
    public void feedEof() {
        eof = true;
        wakeupWaiter();
    }

    /** True once EOF was fed and the buffer is empty. */
    public boolean atEof() {
        return eof && start == end;
    }

    /** The number of bytes buffered. */
    public int buffered() {
        return end - start;
    }

    /** Appends the remaining bytes of {@code data} (the buffer is copied; its position is unchanged). */
    public void feedData(ByteBuffer data) {
        if (eof) {
            throw new IllegalStateException("feedData after feedEof");
        }
        int n = data.remaining();
        if (n == 0) {
            return;
        }
        if (start == end && n >= 4096) {
            // Empty buffer: take an array of exactly the data's size, so that a read that
            // consumes all of it can hand the array over without another copy (see take).
            buf = new byte[n];
            start = end = 0;
        }
        ensureRoom(n);
        data.get(data.position(), buf, end, n);
        end += n;
        afterFeed();
    }

    /** Appends {@code data}. */
    public void feedData(byte[] data) {
        feedData(ByteBuffer.wrap(data));
    }

    private void afterFeed() {
        wakeupWaiter();
        if (transport != null && !paused && end - start > 2 * limit) {
            try {
                transport.pauseReading();
                paused = true;
            } catch (UnsupportedOperationException e) {
                transport = null; // the transport cannot pause: never try again
            }
        }
    }

    private void ensureRoom(int n) {
        if (buf.length - end >= n) {
            return;
        }
        int size = end - start;
        if (start > 0 && buf.length - size >= n && size < buf.length / 2) {
            System.arraycopy(buf, start, buf, 0, size);
        } else {
            byte[] nb = new byte[Math.max(buf.length * 2, size + n)];
            System.arraycopy(buf, start, nb, 0, size);
            buf = nb;
        }
        start = 0;
        end = size;
    }

    private void waitForData(String funcName) throws Exception {
        if (waiter != null) {
            throw new IllegalStateException(funcName
                    + "() called while another task is already waiting for incoming data");
        }
        if (eof) {
            throw new IllegalStateException("_wait_for_data after EOF");
        }
        if (paused) {
            paused = false;
            transport.resumeReading();
        }
        Future<Void> w = loop.createFuture();
        waiter = w;
        try {
            w.await();
        } finally {
            if (waiter == w) {
                waiter = null;
            }
        }
    }

    private void throwIfFailed() throws Exception {
        if (exception != null) {
            throw Sneaky.<Exception>rethrow(exception);
        }
    }

    private byte[] take(int n) {
        if (start == 0 && n == end && n == buf.length && n >= 4096) {
            byte[] out = buf; // the whole buffer, exactly: hand it over
            buf = EMPTY;
            start = end = 0;
            maybeResumeTransport();
            return out;
        }
        byte[] out = Arrays.copyOfRange(buf, start, start + n);
        start += n;
        if (start == end) {
            start = end = 0;
        }
        maybeResumeTransport();
        return out;
    }

    /**
     * Up to {@code n} bytes, at least one unless at EOF (then an empty array); {@code n < 0}
     * reads to EOF and returns everything. asyncio's {@code read(n)}.
     */
    public byte[] read(int n) throws Exception {
        throwIfFailed();
        if (n == 0) {
            return new byte[0];
        }
        if (n < 0) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            while (true) {
                byte[] block = read(limit);
                if (block.length == 0) {
                    return all.toByteArray();
                }
                all.writeBytes(block);
            }
        }
        if (start == end && !eof) {
            waitForData("read");
        }
        return take(Math.min(n, end - start));
    }

    /** Everything up to EOF: asyncio's {@code read()}. */
    public byte[] read() throws Exception {
        return read(-1);
    }

    /**
     * Reads into {@code dst} (at least one byte unless at EOF) and returns the count, -1 at EOF.
     * No allocation: the zero-copy variant of {@link #read(int)}.
     */
    public int readInto(ByteBuffer dst) throws Exception {
        throwIfFailed();
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (start == end && !eof) {
            waitForData("read");
        }
        int n = Math.min(dst.remaining(), end - start);
        if (n == 0) {
            return -1;
        }
        dst.put(buf, start, n);
        start += n;
        if (start == end) {
            start = end = 0;
        }
        maybeResumeTransport();
        return n;
    }

    /**
     * Exactly {@code n} bytes: asyncio's {@code readexactly}. At EOF first, throws
     * {@link IncompleteReadError} with the partial bytes (which are consumed). If the task is
     * cancelled meanwhile, nothing is consumed.
     */
    public byte[] readExactly(int n) throws Exception {
        if (n < 0) {
            throw new IllegalArgumentException("readExactly size can not be less than zero");
        }
        throwIfFailed();
        if (n == 0) {
            return new byte[0];
        }
        while (end - start < n) {
            if (eof) {
                byte[] partial = take(end - start);
                throw new IncompleteReadError(partial, n);
            }
            waitForData("readExactly");
        }
        return take(n);
    }

    /**
     * A line ending with {@code \n} (included), or the partial last line at EOF, or an empty
     * array at EOF: asyncio's {@code readline}. A line longer than the limit is discarded from the
     * buffer (up to and including its separator if found) and {@link IllegalArgumentException}
     * (asyncio's {@code ValueError}) is thrown.
     */
    public byte[] readLine() throws Exception {
        try {
            return readUntil(NEWLINE);
        } catch (IncompleteReadError e) {
            return e.partial();
        } catch (LimitOverrunError e) {
            if (startsWith(start + e.consumed(), NEWLINE)) {
                start += e.consumed() + NEWLINE.length;
            } else {
                start = end;
            }
            if (start == end) {
                start = end = 0;
            }
            maybeResumeTransport();
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * The lines up to EOF, read with {@link #readLine()} as the iteration goes (in a task):
     * asyncio's {@code __aiter__}/{@code __anext__}. Read errors are thrown unchanged from
     * {@code hasNext()}. A method rather than {@code StreamReader implements Iterable}, so that
     * code that merely inspects iterables (assertion and logging libraries) does not consume the stream.
     */
    public Iterable<byte[]> lines() {
        return () -> new Iterator<>() {
            private byte[] next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = readLine();
                    } catch (Exception e) {
                        throw Sneaky.<RuntimeException>rethrow(e);
                    }
                }
                return next.length > 0;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                byte[] line = next;
                next = null;
                return line;
            }
        };
    }

    private boolean startsWith(int at, byte[] sep) {
        if (end - at < sep.length) {
            return false;
        }
        return Arrays.equals(buf, at, at + sep.length, sep, 0, sep.length);
    }

    /** The bytes up to and including the first {@code \n}: asyncio's {@code readuntil()} with its default separator. */
    public byte[] readUntil() throws Exception {
        return readUntil(NEWLINE);
    }

    /**
     * The bytes up to and including the first {@code separator} (asyncio's {@code readuntil}).
     * With several separators, the one whose match ends first wins. At EOF without a separator,
     * {@link IncompleteReadError} with the whole buffer (consumed). When the separator is not
     * within the limit, {@link LimitOverrunError} and the data stays in the buffer.
     */
    public byte[] readUntil(byte[]... separators) throws Exception {
        if (separators.length == 0) {
            throw new IllegalArgumentException("Separator should contain at least one element");
        }
        byte[][] seps = separators.clone();
        Arrays.sort(seps, Comparator.comparingInt(s -> s.length));
        int minLen = seps[0].length;
        int maxLen = seps[seps.length - 1].length;
        if (minLen == 0) {
            throw new IllegalArgumentException("Separator should be at least one-byte string");
        }
        throwIfFailed();
        int offset = 0; // relative to start
        int matchStart;
        int matchEnd;
        while (true) {
            int buflen = end - start;
            if (buflen - offset >= minLen) {
                matchStart = -1;
                matchEnd = -1;
                for (byte[] sep : seps) {
                    int i = indexOf(sep, start + offset);
                    if (i >= 0) {
                        int e = i - start + sep.length;
                        if (matchEnd < 0 || e < matchEnd) {
                            matchEnd = e;
                            matchStart = i - start;
                        }
                    }
                }
                if (matchEnd >= 0) {
                    break;
                }
                offset = Math.max(0, buflen + 1 - maxLen);
                if (offset > limit) {
                    throw new LimitOverrunError("Separator is not found, and chunk exceed the limit", offset);
                }
            }
            if (eof) {
                byte[] chunk = take(end - start);
                throw new IncompleteReadError(chunk, null);
            }
            waitForData("readUntil");
        }
        if (matchStart > limit) {
            throw new LimitOverrunError("Separator is found, but chunk is longer than limit", matchStart);
        }
        return take(matchEnd);
    }

    private int indexOf(byte[] sep, int from) {
        int last = end - sep.length;
        byte first = sep[0];
        outer:
        for (int i = from; i <= last; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int j = 1; j < sep.length; j++) {
                if (buf[i + j] != sep[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("StreamReader{");
        sb.append(end - start).append(" bytes");
        if (eof) {
            sb.append(", eof");
        }
        if (limit != DEFAULT_LIMIT) {
            sb.append(", limit=").append(limit);
        }
        if (waiter != null) {
            sb.append(", waiter");
        }
        if (exception != null) {
            sb.append(", exception=").append(exception);
        }
        if (paused) {
            sb.append(", paused");
        }
        return sb.append('}').toString();
    }
}
