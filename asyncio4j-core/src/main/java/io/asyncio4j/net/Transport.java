package io.asyncio4j.net;

/**
 * A bidirectional stream transport (TCP, Unix socket, TLS): asyncio's {@code Transport}. Created
 * by {@link Net#createConnection}, {@link Net#createServer} and friends, which hand it to the
 * protocol's {@link Protocol#connectionMade}.
 *
 * <pre>{@code
 * class Echo implements Protocol {
 *     Transport transport;
 *     public void connectionMade(Transport t) { transport = t; }
 *     public void dataReceived(ByteBuffer data) { transport.write(data); }
 * }
 * }</pre>
 */
public interface Transport extends ReadTransport, WriteTransport {
}
