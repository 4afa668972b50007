package io.asyncio4j.http.client;

/**
 * The TLS handshake of an https connection failed (protocol or cipher mismatch, the peer's alert, a
 * non-TLS peer): aiohttp's {@code ClientConnectorSSLError}. Certificate problems are the subclass
 * {@link ClientConnectorCertificateError}. The cause is the JDK's {@link javax.net.ssl.SSLException}.
 *
 * <pre>{@code
 * try { session.get("https://127.0.0.1:8080/"); } catch (ClientConnectorSSLError e) { e.getCause(); }
 * }</pre>
 */
public class ClientConnectorSSLError extends ClientConnectorError {
    /** A failed handshake with {@code host:port}. */
    public ClientConnectorSSLError(String host, int port, javax.net.ssl.SSLException cause) {
        super(host, port, cause.getMessage(), cause);
    }
}
