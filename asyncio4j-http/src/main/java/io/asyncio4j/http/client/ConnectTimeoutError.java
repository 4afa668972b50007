package io.asyncio4j.http.client;

/**
 * Opening a connection (DNS and TCP connect, a proxy tunnel) took longer than {@link ClientTimeout#connect()} or {@link ClientTimeout#sockConnect()}: aiohttp's {@code ConnectionTimeoutError}.
 *
 * <pre>{@code
 * try {
 *     session.get(url, new RequestOptions().timeout(ClientTimeout.DEFAULT.withConnect(Duration.ofSeconds(1)))).read();
 * } catch (ConnectTimeoutError e) {
 *     System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public final class ConnectTimeoutError extends ClientTimeoutError {
    /** A timeout with a message. */
    public ConnectTimeoutError(String message) {
        super(message);
    }
}
