package io.asyncio4j.http.client;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The streamed body of a {@link ClientResponse}: aiohttp's {@code resp.content} ({@code StreamReader}).
 * Bytes are already de-chunked and, unless disabled, decompressed. Every method runs in a task and
 * waits for data without blocking the loop; a read that hits the end of the body returns the
 * connection to the pool. An error (connection closed mid-body, {@link SocketReadTimeoutError},
 * cancellation) closes the connection instead. EOF is an empty array, as in aiohttp.
 *
 * <pre>{@code
 * try (ClientResponse r = session.get(url)) {
 *     for (byte[] chunk : r.content().iterChunked(8192)) out.write(chunk);
 * }
 * }</pre>
 */
public final class ResponseContent {
    private static final byte[] EMPTY = new byte[0];

    private final ClientResponse response;
    private byte[] buf = EMPTY;
    private int pos;

    ResponseContent(ClientResponse response) {
        this.response = response;
    }

    private boolean fill() throws Exception {
        while (pos >= buf.length) {
            byte[] next = response.nextDecoded();
            if (next == null) return false;
            buf = next;
            pos = 0;
        }
        return true;
    }

    /** Whether the whole body has been consumed. */
    public boolean atEof() {
        return pos >= buf.length && response.bodyDone();
    }

    /** The next piece of the body as it arrived (aiohttp's {@code readany}); empty at EOF. */
    public byte[] readChunk() throws Exception {
        if (!fill()) return EMPTY;
        byte[] out = pos == 0 ? buf : Arrays.copyOfRange(buf, pos, buf.length);
        buf = EMPTY;
        pos = 0;
        return out;
    }

    /** Up to {@code n} bytes (fewer only at EOF... or when less is buffered); {@code n < 0}: the rest. Empty at EOF. */
    public byte[] read(int n) throws Exception {
        if (n < 0) return readAll();
        if (n == 0 || !fill()) return EMPTY;
        int take = Math.min(n, buf.length - pos);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + take);
        pos += take;
        return out;
    }

    /** Exactly {@code n} bytes; {@link ClientPayloadError} if the body ends first. */
    public byte[] readExactly(int n) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(n);
        while (out.size() < n) {
            byte[] b = read(n - out.size());
            if (b.length == 0) throw new ClientPayloadError("body ended after " + out.size() + " of " + n + " bytes");
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    /** The rest of the body. */
    public byte[] readAll() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (fill()) {
            out.write(buf, pos, buf.length - pos);
            pos = buf.length;
        }
        return out.toByteArray();
    }

    /** One line including its {@code \n} (the last line may lack it); empty at EOF. */
    public byte[] readLine() throws Exception {
        ByteArrayOutputStream out = null;
        while (fill()) {
            int nl = -1;
            for (int i = pos; i < buf.length; i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            int end = nl >= 0 ? nl + 1 : buf.length;
            if (out == null && nl >= 0) {
                byte[] line = Arrays.copyOfRange(buf, pos, end);
                pos = end;
                return line;
            }
            if (out == null) out = new ByteArrayOutputStream();
            out.write(buf, pos, end - pos);
            pos = end;
            if (nl >= 0) break;
        }
        return out == null ? EMPTY : out.toByteArray();
    }

    /** The body in pieces of at most {@code n} bytes (aiohttp's {@code iter_chunked}). */
    public Iterable<byte[]> iterChunked(int n) {
        if (n <= 0) throw new IllegalArgumentException("n must be > 0");
        return () -> iterator(() -> read(n));
    }

    /** The body in pieces as they arrive (aiohttp's {@code iter_any}). */
    public Iterable<byte[]> iterAny() {
        return () -> iterator(this::readChunk);
    }

    /** The body line by line, each with its {@code \n} (aiohttp's {@code async for line in resp.content}). */
    public Iterable<byte[]> lines() {
        return () -> iterator(this::readLine);
    }

    private interface Reader {
        byte[] read() throws Exception;
    }

    private static Iterator<byte[]> iterator(Reader r) {
        return new Iterator<>() {
            byte[] next;
            boolean end;

            @Override
            public boolean hasNext() {
                if (next != null) return true;
                if (end) return false;
                try {
                    byte[] b = r.read();
                    if (b.length == 0) {
                        end = true;
                        return false;
                    }
                    next = b;
                    return true;
                } catch (Exception e) {
                    throw ClientResponse.sneaky(e);
                }
            }

            @Override
            public byte[] next() {
                if (!hasNext()) throw new NoSuchElementException();
                byte[] b = next;
                next = null;
                return b;
            }
        };
    }
}
