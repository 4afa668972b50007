package io.asyncio4j.net;

import java.nio.ByteBuffer;

/**
 * A streaming protocol: asyncio's {@code Protocol}. Calls come in the order
 * {@code connectionMade → dataReceived* → eofReceived? → connectionLost}.
 *
 * <p><b>Buffer ownership:</b> the buffer given to {@link #dataReceived} is the loop's reused read
 * buffer; it is valid only during the call. Parse it, write it, or copy what must be kept.
 *
 * <pre>{@code
 * Net.createServer(() -> new Protocol() {
 *     Transport t;
 *     public void connectionMade(Transport transport) { t = transport; }
 *     public void dataReceived(ByteBuffer data) { t.write(data); }   // echo
 * }, "127.0.0.1", 0);
 * }</pre>
 */
public interface Protocol extends BaseProtocol {
    /** The connection is up. */
    default void connectionMade(Transport transport) {
    }

    /** Bytes arrived, between the buffer's position and limit. Valid only during the call. */
    void dataReceived(ByteBuffer data);

    /**
     * The peer closed its write side. Return true to keep the connection open for writing
     * (half-close); false (the default) closes the transport.
     */
    default boolean eofReceived() {
        return false;
    }
}
