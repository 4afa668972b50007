package io.asyncio4j.net;

import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * The callbacks of a UDP endpoint: asyncio's {@code DatagramProtocol}.
 *
 * <pre>{@code
 * class EchoUdp implements DatagramProtocol {
 *     DatagramTransport t;
 *     public void connectionMade(DatagramTransport transport) { t = transport; }
 *     public void datagramReceived(ByteBuffer data, SocketAddress from) { t.sendTo(data, from); }
 * }
 * }</pre>
 */
public interface DatagramProtocol extends BaseProtocol {
    /** The endpoint is ready. */
    default void connectionMade(DatagramTransport transport) {
    }

    /** A datagram arrived; the buffer is valid only during the call. */
    void datagramReceived(ByteBuffer data, SocketAddress addr);

    /** A send or receive failed (e.g. ICMP port unreachable on a connected endpoint). */
    default void errorReceived(Exception exc) {
    }
}
