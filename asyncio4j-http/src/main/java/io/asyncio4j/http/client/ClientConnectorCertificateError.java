package io.asyncio4j.http.client;

/**
 * The server's certificate did not verify (untrusted chain, expired, or not for the host name):
 * aiohttp's {@code ClientConnectorCertificateError}. Trust the right CA with
 * {@link TCPConnector#sslContext}, or turn verification off with {@link TCPConnector#ssl ssl(false)}.
 *
 * <pre>{@code
 * try { session.get("https://self-signed.example/"); } catch (ClientConnectorCertificateError e) { ... }
 * }</pre>
 */
public class ClientConnectorCertificateError extends ClientConnectorSSLError {
    /** A certificate that failed verification for {@code host:port}. */
    public ClientConnectorCertificateError(String host, int port, javax.net.ssl.SSLException cause) {
        super(host, port, cause);
    }
}
