package io.asyncio4j.postgres;

import java.net.InetAddress;

/**
 * An {@code inet} with a netmask, or a {@code cidr} network. An {@code inet} whose mask covers the
 * whole address (/32, /128) decodes to a plain {@link InetAddress} instead, as asyncpg decodes to
 * {@code IPv4Address} versus {@code IPv4Interface}/{@code IPv4Network}. Both are accepted as
 * parameters.
 *
 * <pre>{@code
 * PgInet net = (PgInet) conn.fetchVal("select '10.0.0.0/8'::cidr");
 * net.address();  // /10.0.0.0
 * net.prefixLength(); // 8
 * }</pre>
 *
 * @param address      the address
 * @param prefixLength the netmask length in bits
 * @param cidr         true for a {@code cidr} value (host bits zero), false for {@code inet}
 */
public record PgInet(InetAddress address, int prefixLength, boolean cidr) {
    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength;
    }
}
