package io.asyncio4j.net;

import javax.net.ssl.SSLException;

/**
 * A TLS handshake failed: the certificate was not trusted, the host name did not match, no
 * protocol or cipher suite was common, or the peer closed the connection during the handshake.
 * The JDK's {@link javax.net.ssl.SSLHandshakeException} (or {@link SSLException}) is the cause.
 * asyncio raises the {@code ssl.SSLError} itself; this wrapper adds the peer and the server name
 * to the message. The connection is closed.
 *
 * <pre>{@code
 * try {
 *     Net.createConnection(MyProtocol::new, "127.0.0.1", port, new ConnectOptions().ssl(ctx));
 * } catch (SslHandshakeError e) {
 *     log.warn("TLS failed: " + e.getMessage(), e.getCause());
 * }
 * }</pre>
 */
public class SslHandshakeError extends SSLException {
    private static final long serialVersionUID = 1L;

    /** A handshake error with its message and the engine's exception as the cause. */
    public SslHandshakeError(String message, Throwable cause) {
        super(message, cause);
    }
}
