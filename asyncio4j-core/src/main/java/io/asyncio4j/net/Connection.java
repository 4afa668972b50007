package io.asyncio4j.net;

/**
 * A connected transport and its protocol: the {@code (transport, protocol)} pair asyncio's
 * {@code create_connection} returns.
 *
 * <pre>{@code
 * Connection<MyProtocol> c = Net.createConnection(MyProtocol::new, "127.0.0.1", 8888);
 * c.transport().write(bytes);
 * }</pre>
 *
 * @param transport the transport
 * @param protocol the protocol made by the factory
 * @param <P> the protocol type
 */
public record Connection<P extends BaseProtocol>(Transport transport, P protocol) {
}
