package io.asyncio4j.http.server;

import io.asyncio4j.Future;
import io.asyncio4j.loop.EventLoop;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The body of a request as a stream, filled by the connection's protocol on the loop thread and
 * read by the handler's task, with flow control: while more than the connection's body buffer
 * size is buffered the socket is not read (the client is slowed by TCP), so a large upload is
 * held in memory only up to that bound.
 *
 * <p>The analog of aiohttp's {@code request.content} ({@code StreamReader}: {@code read},
 * {@code readany}/{@code iter_any}, {@code readexactly}, {@code at_eof}).
 *
 * <pre>{@code
 * BodyStream in = request.content();
 * try (var out = FileChannel.open(path, CREATE, WRITE)) {
 *     for (byte[] chunk; (chunk = in.readChunk()) != null; ) out.write(ByteBuffer.wrap(chunk));
 * }
 * }</pre>
 */
public final class BodyStream {
    private static final byte[] EMPTY = new byte[0];

    private final HttpServerProtocol conn;
    private final Request request;
    private final EventLoop loop;
    private final int high;
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int headOff;
    private long buffered;
    private long received;
    private boolean eof;
    private boolean discarding;
    private Throwable error;
    private Future<Void> waiter;
    private boolean pausedByMe;

    BodyStream(HttpServerProtocol conn, Request request, EventLoop loop, int high) {
        this.conn = conn;
        this.request = request;
        this.loop = loop;
        this.high = high;
    }

    // ---------------------------------------------------------------- protocol side (loop thread)

    void feed(ByteBuffer slice) {
        int n = slice.remaining();
        received += n;
        if (discarding || n == 0) return;
        byte[] b = new byte[n];
        slice.get(slice.position(), b, 0, n);
        chunks.addLast(b);
        buffered += n;
        wake();
        if (buffered > high && !pausedByMe) {
            pausedByMe = true;
            conn.pauseForBody(true);
        }
    }

    void feedEof() {
        eof = true;
        wake();
    }

    void fail(Throwable t) {
        if (eof) return;
        error = t;
        wake();
    }

    /** Drops what is buffered and what still arrives (the handler did not read it). */
    void discard() {
        discarding = true;
        chunks.clear();
        headOff = 0;
        buffered = 0;
        releasePause();
    }

    private void wake() {
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.isDone()) w.setResult(null);
        }
    }

    private void releasePause() {
        if (pausedByMe) {
            pausedByMe = false;
            conn.pauseForBody(false);
        }
    }

    // ---------------------------------------------------------------- reader side (the handler's task)

    /** Whether the whole body arrived and was read. */
    public boolean atEof() {
        return eof && buffered == 0;
    }

    /** Whether the whole body has arrived (read or not). */
    public boolean isComplete() {
        return eof;
    }

    /** Body octets received so far. */
    public long received() {
        return received;
    }

    /** The declared length ({@code Content-Length}), or -1 when chunked. */
    public long contentLength() {
        return request.head.framing() == io.asyncio4j.http.parser.BodyFraming.CHUNKED ? -1 : request.head.contentLength();
    }

    private boolean waitData() throws Exception {
        while (buffered == 0) {
            if (error != null) throw error instanceof Exception e ? e : new IOException(error);
            if (eof) return false;
            conn.beforeBodyWait(request);
            Future<Void> f = loop.createFuture();
            waiter = f;
            try {
                f.await();
            } finally {
                if (waiter == f) waiter = null;
            }
        }
        return true;
    }

    private void consumed(int n) {
        buffered -= n;
        if (pausedByMe && buffered <= high / 4) releasePause();
    }

    /**
     * The next piece of the body as it arrived (aiohttp's {@code readany}), waiting for one;
     * null at the end of the body.
     */
    public byte[] readChunk() throws Exception {
        if (!waitData()) return null;
        byte[] b = chunks.pollFirst();
        if (headOff > 0) {
            b = java.util.Arrays.copyOfRange(b, headOff, b.length);
            headOff = 0;
        }
        consumed(b.length);
        return b;
    }

    /** Up to {@code n} bytes (fewer only at the end), waiting for at least one; empty at the end. */
    public byte[] read(int n) throws Exception {
        if (n <= 0) return EMPTY;
        if (!waitData()) return EMPTY;
        byte[] first = chunks.peekFirst();
        int avail = first.length - headOff;
        if (avail <= n) {
            return readChunk();
        }
        byte[] out = java.util.Arrays.copyOfRange(first, headOff, headOff + n);
        headOff += n;
        consumed(n);
        return out;
    }

    /** Exactly {@code n} bytes; fails with an {@link IOException} if the body ends first. */
    public byte[] readExactly(int n) throws Exception {
        byte[] out = new byte[n];
        int got = 0;
        while (got < n) {
            byte[] b = read(n - got);
            if (b.length == 0) throw new IOException("body ended after " + got + " of " + n + " bytes");
            System.arraycopy(b, 0, out, got, b.length);
            got += b.length;
        }
        return out;
    }

    /** The rest of the body; fails with 413 if it exceeds {@code maxSize} (0: no limit). */
    public byte[] readAll(long maxSize) throws Exception {
        long len = contentLength();
        if (maxSize > 0 && len > maxSize) throw HttpException.payloadTooLarge(maxSize, len);
        ByteArrayOutputStream out = new ByteArrayOutputStream(len > 0 ? (int) Math.min(len, 1 << 20) : 256);
        for (byte[] b; (b = readChunk()) != null; ) {
            out.write(b);
            if (maxSize > 0 && out.size() > maxSize) throw HttpException.payloadTooLarge(maxSize, out.size());
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "BodyStream{received=" + received + ", buffered=" + buffered + (eof ? ", eof" : "") + "}";
    }
}
