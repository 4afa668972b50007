package io.asyncio4j.http.parser;

import io.asyncio4j.http.HttpHeaders;
import java.nio.ByteBuffer;

/**
 * Frames body data with the chunked transfer coding (RFC 9112 §7.1).
 *
 * <p>The analog of aiohttp's {@code StreamWriter.enable_chunking()} behaviour. Each call returns
 * buffers to write in order (gathering write): the data itself is not copied. An empty data buffer
 * produces nothing (a zero-size chunk would end the body).
 *
 * <pre>{@code
 * for (ByteBuffer b : ChunkedEncoder.chunk(data)) transport.write(b);
 * transport.write(ChunkedEncoder.last(null));   // "0\r\n\r\n"
 * }</pre>
 */
public final class ChunkedEncoder {
    private ChunkedEncoder() {}

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** {@code size-in-hex CRLF}, data, {@code CRLF}; an empty array when {@code data} is empty. */
    public static ByteBuffer[] chunk(ByteBuffer data) {
        int n = data.remaining();
        if (n == 0) return new ByteBuffer[0];
        return new ByteBuffer[] {sizeLine(n), data, ByteBuffer.wrap(new byte[] {'\r', '\n'})};
    }

    /** The chunk as one new buffer (copies {@code data}). */
    public static ByteBuffer chunkCopy(ByteBuffer data) {
        int n = data.remaining();
        if (n == 0) return ByteBuffer.allocate(0);
        ByteBuffer size = sizeLine(n);
        ByteBuffer out = ByteBuffer.allocate(size.remaining() + n + 2);
        out.put(size).put(data.duplicate()).put((byte) '\r').put((byte) '\n');
        return out.flip();
    }

    /** The chunk-size line for {@code n} octets. */
    public static ByteBuffer sizeLine(long n) {
        if (n <= 0) throw new IllegalArgumentException("chunk size must be positive");
        byte[] tmp = new byte[18];
        int p = 16;
        tmp[16] = '\r';
        tmp[17] = '\n';
        do {
            tmp[--p] = HEX[(int) (n & 0xf)];
            n >>>= 4;
        } while (n != 0);
        return ByteBuffer.wrap(tmp, p, 18 - p).slice();
    }

    /** The last chunk {@code 0 CRLF}, then the trailer fields (may be null) and the final CRLF. */
    public static ByteBuffer last(HttpHeaders trailers) {
        ByteBuffer fields = HttpHeadEncoder.fields(trailers == null ? new HttpHeaders(1) : trailers);
        ByteBuffer out = ByteBuffer.allocate(3 + fields.remaining());
        out.put((byte) '0').put((byte) '\r').put((byte) '\n').put(fields);
        return out.flip();
    }
}
