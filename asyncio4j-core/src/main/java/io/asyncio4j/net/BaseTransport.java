package io.asyncio4j.net;

/**
 * What every transport has: asyncio's {@code BaseTransport}. A transport owns a channel (a socket,
 * a pipe, a TLS session over a socket) and its buffers; a protocol receives its events. All
 * methods must be called on the transport's loop.
 *
 * <pre>{@code
 * transport.getExtraInfo("peername");   // the remote SocketAddress
 * transport.close();                    // flushes what is buffered, then connectionLost(null)
 * }</pre>
 */
public interface BaseTransport {
    /**
     * Optional information about the transport, by asyncio's names: {@code "peername"} and
     * {@code "sockname"} ({@link java.net.SocketAddress}), {@code "socket"} (the channel). Null
     * if unknown.
     */
    Object getExtraInfo(String name);

    /** {@link #getExtraInfo(String)} with a default. */
    default Object getExtraInfo(String name, Object defaultValue) {
        Object v = getExtraInfo(name);
        return v != null ? v : defaultValue;
    }

    /** Whether the transport is closing or closed. */
    boolean isClosing();

    /**
     * Closes the transport: buffered data is still flushed, then the protocol's
     * {@link BaseProtocol#connectionLost} is called with null. Idempotent.
     */
    void close();

    /** Replaces the protocol that receives the events (asyncio's {@code set_protocol}). */
    void setProtocol(BaseProtocol protocol);

    /** The current protocol. */
    BaseProtocol getProtocol();
}
