package io.asyncio4j.net;

import java.nio.ByteBuffer;

/**
 * The write side of a transport: asyncio's {@code WriteTransport}. Writes never block: what the
 * socket does not take at once is buffered and flushed when the socket is writable. Above the
 * high-water mark the protocol's {@link BaseProtocol#pauseWriting()} is called, and
 * {@link BaseProtocol#resumeWriting()} once the buffer drains below the low-water mark.
 *
 * <pre>{@code
 * transport.setWriteBufferLimits(256 * 1024, null);   // low defaults to high / 4
 * transport.write("hello\n".getBytes(StandardCharsets.US_ASCII));
 * transport.writeEof();                               // half-close: the peer reads EOF
 * }</pre>
 */
public interface WriteTransport extends BaseTransport {
    /** asyncio's default high-water mark, 64 KiB. */
    int DEFAULT_HIGH_WATER = 64 * 1024;

    /**
     * Writes the remaining bytes of {@code data} (its position is not changed; the transport
     * keeps its own copy of what it buffers, so the caller may reuse the buffer at once).
     * Data written after {@link #close()} or after the connection was lost is discarded.
     *
     * @throws IllegalStateException after {@link #writeEof()}
     */
    void write(ByteBuffer data);

    /** Writes {@code data}. */
    default void write(byte[] data) {
        write(ByteBuffer.wrap(data));
    }

    /** Writes each buffer in turn (asyncio's {@code writelines}). */
    default void writeLines(Iterable<?> chunks) {
        for (Object c : chunks) {
            if (c instanceof ByteBuffer b) {
                write(b);
            } else if (c instanceof byte[] a) {
                write(a);
            } else {
                throw new IllegalArgumentException("writeLines takes byte[] or ByteBuffer, not " + c);
            }
        }
    }

    /** Closes the write side after the buffered data is flushed (TCP half-close). */
    void writeEof();

    /** Whether {@link #writeEof()} is supported. */
    boolean canWriteEof();

    /** Closes at once, discarding buffered data; the protocol gets {@code connectionLost(null)}. */
    void abort();

    /**
     * Sets the watermarks (asyncio's {@code set_write_buffer_limits}): a null {@code high} is
     * 64 KiB (or 4 × {@code low} if {@code low} is given), a null {@code low} is {@code high / 4}.
     *
     * @throws IllegalArgumentException unless {@code high >= low >= 0}
     */
    void setWriteBufferLimits(Integer high, Integer low);

    /** The current {@code {low, high}} watermarks. */
    int[] getWriteBufferLimits();

    /** The number of bytes buffered, not yet taken by the socket. */
    long getWriteBufferSize();
}
