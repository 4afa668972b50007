package io.asyncio4j.net;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The TLS settings besides the {@link javax.net.ssl.SSLContext}: asyncio's keyword arguments
 * {@code server_hostname}, {@code ssl_handshake_timeout} and {@code ssl_shutdown_timeout}, plus the
 * ALPN protocol list (which Python keeps in its {@code SSLContext} and Java does not). Used by
 * {@link Net#startTls} and {@link io.asyncio4j.stream.StreamWriter#startTls}; {@link ConnectOptions}
 * and {@link ServerOptions} carry the same settings for connections made with TLS from the start.
 * Fluent and mutable.
 *
 * <pre>{@code
 * Transport tls = Net.startTls(transport, protocol, sslContext, false,
 *         new TlsOptions().serverHostname("mail.example.com").applicationProtocols("smtp"));
 * }</pre>
 */
public final class TlsOptions {
    /** asyncio's default TLS handshake timeout, 60 s. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(60);
    /** asyncio's default TLS shutdown timeout, 30 s. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    String serverHostname;
    Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
    Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
    List<String> applicationProtocols;
    ClientAuth clientAuth = ClientAuth.NONE;

    /**
     * The name the client sends as SNI and checks the server's certificate against (endpoint
     * identification "HTTPS"): asyncio's {@code server_hostname}. Required on the client side;
     * the empty string sends no SNI and skips the hostname check (the chain is still verified by
     * the context's trust manager). Ignored on the server side.
     */
    public TlsOptions serverHostname(String name) {
        this.serverHostname = name;
        return this;
    }

    /** The most the handshake may take (default 60 s); past it the connection is aborted. */
    public TlsOptions handshakeTimeout(Duration timeout) {
        this.handshakeTimeout = positive(timeout, "handshakeTimeout");
        return this;
    }

    /** The most the close_notify exchange may take (default 30 s); past it the connection is aborted. */
    public TlsOptions shutdownTimeout(Duration timeout) {
        this.shutdownTimeout = positive(timeout, "shutdownTimeout");
        return this;
    }

    /**
     * The ALPN protocols, most preferred first (client: offered; server: the first of this list the
     * client offers is chosen). The result is {@link SslTransport#applicationProtocol()}.
     */
    public TlsOptions applicationProtocols(String... protocols) {
        this.applicationProtocols = protocols == null ? null : List.of(protocols);
        return this;
    }

    /**
     * Server side: whether clients must present a certificate that the context's trust manager
     * accepts (Python's {@code verify_mode} on a server context; default {@link ClientAuth#NONE}).
     * The client's certificate is then the transport's {@code "peercert"}. Ignored on the client side.
     */
    public TlsOptions clientAuth(ClientAuth mode) {
        this.clientAuth = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /** A copy. */
    TlsOptions copy() {
        TlsOptions o = new TlsOptions();
        o.serverHostname = serverHostname;
        o.handshakeTimeout = handshakeTimeout;
        o.shutdownTimeout = shutdownTimeout;
        o.applicationProtocols = applicationProtocols;
        o.clientAuth = clientAuth;
        return o;
    }

    static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
        return d;
    }
}
