package io.asyncio4j.http.client;

import io.asyncio4j.Asyncio;

import java.net.InetAddress;
import java.util.List;

/**
 * Turns a host name into addresses for a {@link TCPConnector}: aiohttp's {@code AbstractResolver}.
 * It runs in the requesting task and may await; the default, {@link #SYSTEM}, calls
 * {@code InetAddress.getAllByName} off the loop (aiohttp's {@code ThreadedResolver}). Results are cached
 * by the connector for {@code ttlDnsCache}.
 *
 * <pre>{@code
 * Resolver pinned = host -> host.equals("api.test") ? List.of(InetAddress.ofLiteral("10.0.0.7")) : Resolver.SYSTEM.resolve(host);
 * new TCPConnector().resolver(pinned);
 * }</pre>
 */
@FunctionalInterface
public interface Resolver {
    /** The system resolver, run in the loop's default executor. */
    Resolver SYSTEM = host -> List.of(Asyncio.toThread(() -> InetAddress.getAllByName(host)).await());

    /** The addresses of {@code host}, in the order to try them; {@link java.net.UnknownHostException} if none. */
    List<InetAddress> resolve(String host) throws Exception;
}
