package io.asyncio4j.net;

/**
 * A UDP transport and its protocol, as returned by asyncio's {@code create_datagram_endpoint}.
 *
 * <pre>{@code
 * DatagramEndpoint<Echo> e = Net.createDatagramEndpoint(Echo::new, new InetSocketAddress("127.0.0.1", 0), null);
 * }</pre>
 *
 * @param transport the transport
 * @param protocol the protocol
 * @param <P> the protocol type
 */
public record DatagramEndpoint<P extends DatagramProtocol>(DatagramTransport transport, P protocol) {
}
