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
     * remote address given at creation; on a connected endpoint any other address is an
     * {@link IllegalArgumentException}, asyncio's {@code ValueError}). Datagrams the socket cannot
     * take now are queued. A send error goes to the protocol's
     * {@link DatagramProtocol#errorReceived errorReceived}, not to the caller. After the endpoint
     * is closed, datagrams are dropped (a warning is logged after 5). An empty {@code data} is a
     * zero-length datagram (asyncio 3.13), except on a connected endpoint, where the JDK cannot
     * send one and it is dropped (asyncio before 3.13 dropped it everywhere).
     */
    void sendTo(ByteBuffer data, SocketAddress addr);

    /** Closes at once, dropping queued datagrams. */
    void abort();

    /**
     * What the queue holds: the size of each queued datagram plus 8 bytes for its header, as
     * asyncio 3.13 counts; the protocol's pauseWriting/resumeWriting follow this against the
     * watermarks.
     */
    long getWriteBufferSize();

    /** Sets the watermarks, as {@link WriteTransport#setWriteBufferLimits}; defaults 64 KiB and 16 KiB. */
    void setWriteBufferLimits(Integer high, Integer low);

    /** The current {@code {low, high}} watermarks. */
    int[] getWriteBufferLimits();
}
