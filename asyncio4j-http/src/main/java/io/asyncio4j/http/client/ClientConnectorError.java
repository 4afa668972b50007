package io.asyncio4j.http.client;

/**
 * Opening a connection failed (DNS, refused, unreachable, a failed TLS handshake): aiohttp's
 * {@code ClientConnectorError}. {@link #host()} and {@link #port()} name the peer.
 *
 * <pre>{@code
 * try { session.get("http://127.0.0.1:1/"); } catch (ClientConnectorError e) { e.port(); }   // 1
 * }</pre>
 */
public class ClientConnectorError extends ClientConnectionError {
    private final String host;
    private final int port;

    /** A failure to connect to {@code host:port}. */
    public ClientConnectorError(String host, int port, String message, Throwable cause) {
        super("Cannot connect to host " + host + ":" + port + " [" + message + "]", cause);
        this.host = host;
        this.port = port;
    }

    /** The host that could not be reached. */
    public String host() {
        return host;
    }

    /** The port that could not be reached. */
    public int port() {
        return port;
    }
}
