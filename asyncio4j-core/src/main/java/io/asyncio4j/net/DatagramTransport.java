package io.asyncio4j.net;

import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * A UDP endpoint: asyncio's {@code DatagramTransport}, made by {@link Net#createDatagramEndpoint}.
 *
 * <pre>{@code
 * transport.sendTo(ByteBuffer.wrap(bytes), new InetSocketAddress("127.0.0.1", 9999));
 * transport.sendTo(ByteBuffer.wrap(bytes), null); // to the connected remote address
 * }</pre>
 */
public interface DatagramTransport extends BaseTransport {
    /**
     * Sends one datagram of the remaining bytes of {@code data} to {@code addr} (null: the
     * remote address given at creation). Datagrams the socket cannot take now are queued.
     */
    void sendTo(ByteBuffer data, SocketAddress addr);

    /** Closes at once, dropping queued datagrams. */
    void abort();

    /** Bytes of the datagrams queued and not sent yet. */
    long getWriteBufferSize();
}
