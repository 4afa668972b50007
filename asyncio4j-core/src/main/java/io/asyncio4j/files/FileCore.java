package io.asyncio4j.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A buffered binary file with Python's {@code BufferedRandom} behaviour, synchronous: every method
 * blocks and is meant to run on an executor thread, never on the loop. Methods are synchronized, so
 * operations started by several tasks at once run one after the other.
 *
 * <p>One logical position {@link #pos}; reads are buffered in {@link #rbuf} (the bytes of the file
 * from {@link #rbufPos}), writes in {@link #wbuf} (bytes for the file from {@link #wbufPos}); at
 * most one of the two holds data at a time.
 */
final class FileCore implements Positioned {
    static final int BUFFER = 64 * 1024;

    final Path path;
    final Mode mode;
    private final FileChannel ch;
    private long pos;
    private byte[] rbuf = new byte[0];
    private int rstart;
    private int rend;
    private long rbufPos;
    private final byte[] wbuf;
    private int wlen;
    private long wbufPos;
    private boolean closed;
    private final boolean deleteOnClose;

    FileCore(Path path, Mode mode, Set<OpenOption> extra) throws IOException {
        this(path, mode, extra, false);
    }

    /** {@code deleteOnClose}: remove the file by name after closing it (a named temporary file). */
    FileCore(Path path, Mode mode, Set<OpenOption> extra, boolean deleteOnClose) throws IOException {
        this.path = path;
        this.mode = mode;
        this.deleteOnClose = deleteOnClose;
        Set<OpenOption> opts = mode.options();
        opts.addAll(extra);
        this.ch = FileChannel.open(path, opts);
        // Linux lets a directory be opened for reading; Python refuses it at open(), so do we.
        if (Files.isDirectory(path)) {
            ch.close();
            throw isADirectory(path);
        }
        this.wbuf = mode.writable() ? new byte[BUFFER] : null;
        if (mode.append()) {
            pos = ch.size();
        }
    }

    // ------------------------------------------------------------------ reading

    synchronized byte[] read(int n) throws IOException {
        checkReadable();
        if (n < 0) {
            return readAll();
        }
        byte[] out = new byte[n];
        int got = readInto(out, 0, n);
        return got == n ? out : Arrays.copyOf(out, got);
    }

    /** Python's {@code readinto}: fills {@code b[off, off+len)} unless the file ends first; the count. */
    synchronized int readInto(byte[] b, int off, int len) throws IOException {
        checkReadable();
        int got = 0;
        while (got < len) {
            if (rstart == rend && !fill(len - got)) {
                break;
            }
            got += take(b, off + got, len - got);
        }
        return got;
    }

    /** Moves up to {@code max} buffered bytes to {@code b[off...]}; how many. */
    private int take(byte[] b, int off, int max) {
        int k = Math.min(max, rend - rstart);
        System.arraycopy(rbuf, rstart, b, off, k);
        rstart += k;
        pos += k;
        return k;
    }

    /**
     * Python's {@code read1(n)}: the buffered bytes if there are any, else those of one read from
     * the file; at most {@code n} unless {@code n < 0}; empty at the end of the file.
     */
    synchronized byte[] read1(int n) throws IOException {
        checkReadable();
        if (n == 0 || rstart == rend && !fill(n < 0 ? BUFFER : n)) {
            return new byte[0];
        }
        byte[] out = new byte[n < 0 ? rend - rstart : Math.min(n, rend - rstart)];
        take(out, 0, out.length);
        return out;
    }

    /**
     * Python's {@code peek()}: the buffered bytes (after one read from the file if there are none),
     * without moving the position; empty only at the end of the file.
     */
    synchronized byte[] peek() throws IOException {
        checkReadable();
        if (rstart == rend && !fill(BUFFER)) {
            return new byte[0];
        }
        return Arrays.copyOfRange(rbuf, rstart, rend);
    }

    synchronized byte[] readAll() throws IOException {
        checkReadable();
        long remaining = Math.max(0, ch.size() - pos);
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, remaining + 1));
        while (true) {
            if (rstart == rend && !fill(Integer.MAX_VALUE)) {
                return out.toByteArray();
            }
            out.write(rbuf, rstart, rend - rstart);
            pos += rend - rstart;
            rstart = rend;
        }
    }

    /**
     * Python's {@code readline(limit)}: one line including its {@code \n}, but at most
     * {@code limit} bytes of it (the whole line if {@code limit < 0}); empty at the end of the file.
     */
    synchronized byte[] readLine(int limit) throws IOException {
        checkReadable();
        long left = limit < 0 ? Long.MAX_VALUE : limit;
        ByteArrayOutputStream out = null;
        while (left > 0) {
            if (rstart == rend && !fill(BUFFER)) {
                break;
            }
            int stop = left >= rend - rstart ? rend : rstart + (int) left;
            int nl = indexOfNewline(rbuf, rstart, stop);
            int end = nl >= 0 ? nl + 1 : stop;
            boolean done = nl >= 0 || end - rstart == left;
            if (out == null && done) { // the common case: the line lies in the buffer
                byte[] line = Arrays.copyOfRange(rbuf, rstart, end);
                pos += end - rstart;
                rstart = end;
                return line;
            }
            if (out == null) {
                out = new ByteArrayOutputStream();
            }
            out.write(rbuf, rstart, end - rstart);
            pos += end - rstart;
            left -= end - rstart;
            rstart = end;
            if (nl >= 0) {
                break;
            }
        }
        return out == null ? new byte[0] : out.toByteArray();
    }

    /** Python's {@code readlines(hint)}: lines until their total size exceeds {@code hint} bytes; all if {@code hint <= 0}. */
    synchronized List<byte[]> readLines(int hint) throws IOException {
        List<byte[]> lines = new ArrayList<>();
        long total = 0;
        while (hint <= 0 || total <= hint) {
            byte[] line = readLine(-1);
            if (line.length == 0) {
                break;
            }
            lines.add(line);
            total += line.length;
        }
        return lines;
    }

    private static int indexOfNewline(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Refills the empty read buffer from {@link #pos}; false at the end of the file. */
    private boolean fill(int want) throws IOException {
        flushWrites();
        int size = want > BUFFER ? Math.min(want, 1 << 20) : BUFFER;
        if (rbuf.length < size) {
            rbuf = new byte[size];
        }
        ByteBuffer bb = ByteBuffer.wrap(rbuf, 0, size);
        int n = ch.read(bb, pos);
        rstart = 0;
        rend = Math.max(0, n);
        rbufPos = pos;
        return n > 0;
    }

    private void dropReadBuffer() {
        rstart = 0;
        rend = 0;
    }

    // ------------------------------------------------------------------ writing

    synchronized int write(byte[] data) throws IOException {
        checkWritable();
        dropReadBuffer();
        if (wlen == 0) {
            // O_APPEND moves the offset to the end before each write, wherever a seek put it, so
            // the position after an appending write is the end (what Python's text files report).
            wbufPos = pos = mode.append() ? ch.size() : pos;
        }
        if (wlen + data.length > wbuf.length) {
            flushWrites();
            wbufPos = pos;
            if (data.length >= wbuf.length) {
                writeAt(ByteBuffer.wrap(data), pos);
                return data.length;
            }
        }
        System.arraycopy(data, 0, wbuf, wlen, data.length);
        wlen += data.length;
        pos += data.length;
        return data.length;
    }

    private void writeAt(ByteBuffer src, long at) throws IOException {
        int n = src.remaining();
        if (mode.osAppend()) {
            while (src.hasRemaining()) {
                ch.write(src);
            }
            pos = ch.position();
            return;
        }
        long p = mode.append() ? ch.size() : at;
        while (src.hasRemaining()) {
            p += ch.write(src, p);
        }
        pos = mode.append() ? p : at + n;
    }

    private void flushWrites() throws IOException {
        if (wlen == 0) {
            return;
        }
        int n = wlen;
        wlen = 0;
        long after = pos;
        writeAt(ByteBuffer.wrap(wbuf, 0, n), wbufPos);
        if (!mode.append()) {
            pos = after;
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        checkOpen();
        flushWrites();
    }

    // ------------------------------------------------------------------ positioning

    @Override
    public synchronized long seek(long offset, int whence) throws IOException {
        checkOpen();
        flushWrites();
        long target = switch (whence) {
            case 0 -> offset;
            case 1 -> pos + offset;
            case 2 -> ch.size() + offset;
            default -> throw new IllegalArgumentException("whence value " + whence + " unsupported");
        };
        if (target < 0) {
            // Python's buffered binary files pass this to lseek(2), which fails with EINVAL (an OSError).
            throw new IOException("[Errno 22] Invalid argument");
        }
        if (target >= rbufPos && target <= rbufPos + rend && rend > 0) {
            rstart = (int) (target - rbufPos); // still inside the read buffer
        } else {
            dropReadBuffer();
        }
        pos = target;
        return pos;
    }

    @Override
    public synchronized long tell() throws IOException {
        checkOpen();
        return pos;
    }

    @Override
    public synchronized long truncate(long size) throws IOException {
        checkWritable();
        flushWrites();
        dropReadBuffer();
        long target = size < 0 ? pos : size;
        long current = ch.size();
        if (target < current) {
            ch.truncate(target);
        } else if (target > current) {
            if (mode.osAppend()) {
                ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(BUFFER, target - current));
                for (long left = target - current; left > 0; left -= zeros.limit()) {
                    zeros.clear().limit((int) Math.min(zeros.capacity(), left));
                    ch.write(zeros);
                }
            } else {
                ch.write(ByteBuffer.wrap(new byte[1]), target - 1);
            }
        }
        return target;
    }

    // ------------------------------------------------------------------ sendfile

    /** This file's channel for {@link #sendfileFrom}, its buffered writes flushed first. */
    synchronized FileChannel channelToSendFrom() throws IOException {
        checkReadable();
        flushWrites();
        return ch;
    }

    /**
     * {@code os.sendfile(self, in, offset, count)}: up to {@code count} bytes of {@code in} from
     * {@code offset} (not touching its position) written at this file's position, which advances;
     * the kernel copies them (sendfile/copy_file_range). Returns how many, 0 at {@code in}'s end.
     */
    synchronized long sendfileFrom(FileChannel in, long offset, long count) throws IOException {
        checkWritable();
        flushWrites();
        dropReadBuffer();
        if (mode.append()) {
            pos = ch.size();
        }
        if (!mode.osAppend()) {
            ch.position(pos); // transferTo writes at the channel's own position, which positional I/O leaves alone
        }
        long n = in.transferTo(offset, count, ch);
        pos = mode.osAppend() ? ch.position() : pos + n;
        return n;
    }

    synchronized long size() throws IOException {
        checkOpen();
        flushWrites();
        return ch.size();
    }

    // ------------------------------------------------------------------ closing

    synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flushWrites();
        } finally {
            try {
                ch.close();
            } finally {
                if (deleteOnClose) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Python's {@code ValueError('I/O operation on closed file.')}, a ValueError as in docs/asyncio-to-asyncio4j.md. */
    static IllegalArgumentException closedFile() {
        return new IllegalArgumentException("I/O operation on closed file.");
    }

    /** Python's {@code IsADirectoryError}: the JDK has no own type, it reports EISDIR this way too. */
    static FileSystemException isADirectory(Path path) {
        return new FileSystemException(path.toString(), null, "Is a directory");
    }

    private void checkOpen() {
        if (closed) {
            throw closedFile();
        }
    }

    private void checkReadable() throws IOException {
        checkOpen();
        if (!mode.readable()) {
            throw new UnsupportedOperation("File not open for reading (mode '" + mode.text() + "')");
        }
    }

    private void checkWritable() throws IOException {
        checkOpen();
        if (!mode.writable()) {
            throw new UnsupportedOperation("File not open for writing (mode '" + mode.text() + "')");
        }
    }
}
