package io.asyncio4j.net;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The transport a protocol sees on a TLS connection: asyncio's {@code _SSLProtocolTransport}.
 * Writes are encrypted and passed to the raw transport; received records are decrypted and
 * passed to the protocol. {@link #close()} sends close_notify after the buffered data and closes
 * the raw transport once the peer answers (or after the shutdown timeout); {@link #abort()} closes
 * at once. TLS has no half-close here, as in asyncio: {@link #canWriteEof()} is false.
 *
 * <p>{@link #getExtraInfo} answers asyncio's TLS names besides the raw transport's
 * ({@code "peername"}, {@code "socket"}, ...): {@code "sslcontext"} (the {@link javax.net.ssl.SSLContext}),
 * {@code "ssl_object"} (the {@link SSLEngine}), {@code "sslSession"} ({@link SSLSession}),
 * {@code "peercert"} (the peer's {@link X509Certificate}, null if it sent none),
 * {@code "peercert_chain"} ({@code List<Certificate>}), {@code "cipher"} (the cipher suite name),
 * {@code "protocol"} (e.g. {@code "TLSv1.3"}), {@code "alpn_protocol"} (the negotiated ALPN
 * protocol or null). The typed accessors below return the same.
 *
 * <pre>{@code
 * Connection<MyProtocol> c = Net.createConnection(MyProtocol::new, "example.com", 443,
 *         new ConnectOptions().ssl(SSLContext.getDefault()).applicationProtocols("h2", "http/1.1"));
 * SslTransport tls = (SslTransport) c.transport();
 * String alpn = tls.applicationProtocol();            // "h2", "http/1.1" or null
 * X509Certificate cert = tls.peerCertificate();
 * }</pre>
 */
public final class SslTransport implements Transport {
    private final SslProtocol ssl;
    private boolean closed;

    SslTransport(SslProtocol ssl) {
        this.ssl = ssl;
    }

    void markClosed() {
        closed = true;
    }

    /** The engine of the connection (asyncio's {@code ssl_object}). */
    public SSLEngine sslEngine() {
        return ssl.engine();
    }

    /** The negotiated session (protocol version, cipher suite, peer certificates). */
    public SSLSession sslSession() {
        SSLEngine e = ssl.engine();
        return e == null ? null : e.getSession();
    }

    /** The ALPN protocol agreed on, or null if none was (asyncio's {@code selected_alpn_protocol()}). */
    public String applicationProtocol() {
        return (String) ssl.extra("alpn_protocol");
    }

    /** The peer's certificate, or null if it sent none (a client without client authentication). */
    public X509Certificate peerCertificate() {
        return (X509Certificate) ssl.extra("peercert");
    }

    /** The peer's certificate chain, leaf first; empty if it sent none. */
    @SuppressWarnings("unchecked")
    public List<Certificate> peerCertificates() {
        Object v = ssl.extra("peercert_chain");
        return v == null ? List.of() : (List<Certificate>) v;
    }

    /** The cipher suite in use (asyncio's {@code cipher()}). */
    public String cipherSuite() {
        return (String) ssl.extra("cipher");
    }

    /** The raw transport below (TCP, Unix socket, ...), or null once the connection is lost. */
    public Transport rawTransport() {
        return ssl.rawTransport();
    }

    @Override
    public Object getExtraInfo(String name) {
        return ssl.extra(name);
    }

    @Override
    public boolean isClosing() {
        return closed;
    }

    /** Sends close_notify after the buffered data, then closes (asyncio's {@code close}). Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            ssl.startShutdown();
        }
    }

    @Override
    public void setProtocol(BaseProtocol protocol) {
        ssl.setAppProtocol(protocol);
    }

    @Override
    public BaseProtocol getProtocol() {
        return ssl.appProtocol();
    }

    @Override
    public boolean isReading() {
        Transport raw = ssl.rawTransport();
        return raw != null && !closed && !ssl.isAppReadingPaused();
    }

    @Override
    public void pauseReading() {
        ssl.pauseReading();
    }

    @Override
    public void resumeReading() {
        ssl.resumeReading();
    }

    @Override
    public void write(ByteBuffer data) {
        ssl.write(data);
    }

    /** TLS half-close is not supported (as in asyncio). */
    @Override
    public void writeEof() {
        throw new UnsupportedOperationException("SSL doesn't support half-closes");
    }

    @Override
    public boolean canWriteEof() {
        return false;
    }

    @Override
    public void abort() {
        closed = true;
        ssl.abort(null);
    }

    @Override
    public void setWriteBufferLimits(Integer high, Integer low) {
        ssl.setWriteBufferLimits(high, low);
    }

    @Override
    public int[] getWriteBufferLimits() {
        return ssl.getWriteBufferLimits();
    }

    /** What waits for the handshake plus what the raw transport buffers. */
    @Override
    public long getWriteBufferSize() {
        return ssl.writeBufferSize();
    }

    /** Whether the protocol was told to pause writing and not told to resume yet. */
    public boolean isWritingPaused() {
        return ssl.isWritingPaused();
    }

    @Override
    public String toString() {
        return "SslTransport{" + ssl + (closed ? ", closing" : "") + "}";
    }
}
