package io.asyncio4j.net;

import java.nio.ByteBuffer;

/**
 * A streaming protocol that supplies the buffer the transport reads into: asyncio's
 * {@code BufferedProtocol}. The socket reads straight into the protocol's buffer (no copy).
 *
 * <pre>{@code
 * class Framer implements BufferedProtocol {
 *     final ByteBuffer buf = ByteBuffer.allocateDirect(1 << 16);
 *     public ByteBuffer getBuffer(int sizeHint) { return buf; }      // read at buf.position()
 *     public void bufferUpdated(int n) { parse(buf); }                // n bytes were appended
 * }
 * }</pre>
 */
public interface BufferedProtocol extends BaseProtocol {
    /** The connection is up. */
    default void connectionMade(Transport transport) {
    }

    /**
     * The buffer to read into, from its position up to its limit; it must have room.
     * {@code sizeHint} is -1 (no hint), as in asyncio's selector transports.
     */
    ByteBuffer getBuffer(int sizeHint);

    /** {@code nbytes} were written into the buffer; its position was advanced by that much. */
    void bufferUpdated(int nbytes);

    /** As {@link Protocol#eofReceived()}. */
    default boolean eofReceived() {
        return false;
    }
}
