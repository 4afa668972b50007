package io.asyncio4j.net;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * Builds an {@link SSLContext} from PEM files, the way Python's {@code ssl.create_default_context(cafile=...)}
 * and {@code SSLContext.load_cert_chain(certfile, keyfile, password)} do, without keystores:
 *
 * <pre>{@code
 * SSLContext client = SslContextBuilder.create().trustPemFile(Path.of("ca.pem")).build();
 * SSLContext mutual = SslContextBuilder.create().trustPemFile(Path.of("ca.pem"))
 *         .certificateChain(Path.of("client.pem"), Path.of("client.key"), null).build();
 * SSLContext server = SslContextBuilder.create()
 *         .certificateChain(Path.of("server.pem"), Path.of("server.key"), null).build();
 * }</pre>
 *
 * <p>Trust defaults to the JDK's trust store (Python's system CA store). Host name checking is
 * not part of a Java context: the connection does it when it is given a {@code serverHostname}
 * ({@link TlsOptions#serverHostname}); {@link #checkHostname(boolean) checkHostname(false)} makes
 * this context's trust manager skip it even then, while SNI is still sent. Bad files throw
 * {@link IllegalArgumentException} naming the file. The database clients build their contexts
 * (PostgreSQL's {@code sslrootcert}/{@code sslcert}/{@code sslkey}, MongoDB's {@code tlsCAFile}/{@code
 * tlsCertificateKeyFile}) with this class.
 */
public final class SslContextBuilder {
    private Path caFile;
    private boolean trustAny;
    private boolean checkHostname = true;
    private Path certFile;
    private Path keyFile;
    private char[] password;

    private SslContextBuilder() {}

    /** A builder trusting the JDK's default trust store, with no certificate of its own. */
    public static SslContextBuilder create() {
        return new SslContextBuilder();
    }

    /**
     * One shared context that accepts any server certificate and has no key of its own: what a
     * client that encrypts without authenticating needs (aiohttp's {@code ssl=False}, libpq's
     * {@code sslmode=require} without a root certificate). Built once; contexts are thread-safe.
     */
    public static SSLContext trustingAnyCertificate() {
        return TrustAnyHolder.CONTEXT;
    }

    /** Lazily built on first use (class initialization), so a JVM that never asks pays nothing. */
    private static final class TrustAnyHolder {
        static final SSLContext CONTEXT = create().trustAnyCertificate().build();
    }

    /** Trust exactly the CA certificates in this PEM file (one or more) instead of the JDK's store: Python's {@code cafile}. */
    public SslContextBuilder trustPemFile(Path caPem) {
        this.caFile = Objects.requireNonNull(caPem, "caPem");
        this.trustAny = false;
        return this;
    }

    /**
     * Accept any certificate chain (Python's {@code verify_mode = CERT_NONE}): the connection is
     * encrypted but the peer is not authenticated, so an active man in the middle goes unnoticed.
     */
    public SslContextBuilder trustAnyCertificate() {
        this.trustAny = true;
        this.caFile = null;
        return this;
    }

    /**
     * Whether the peer's certificate must match the host name the connection was made with
     * (default true; Python's {@code check_hostname}). False still verifies the chain.
     */
    public SslContextBuilder checkHostname(boolean check) {
        this.checkHostname = check;
        return this;
    }

    /**
     * This side's certificate and key (Python's {@code load_cert_chain}): the PEM file of the
     * certificate followed by any intermediates, the PEM file of the private key ({@code null}: the
     * key is in {@code certChainPem} too, as in MongoDB's {@code tlsCertificateKeyFile}), and the
     * password of an encrypted key ({@code null} if it is not encrypted). A server needs one; a
     * client needs one for mutual TLS.
     */
    public SslContextBuilder certificateChain(Path certChainPem, Path keyPem, char[] password) {
        this.certFile = Objects.requireNonNull(certChainPem, "certChainPem");
        this.keyFile = keyPem;
        this.password = password == null ? null : password.clone();
        return this;
    }

    /** The context. Files are read now; a later change to them needs a new context. */
    public SSLContext build() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keyManagers(), new TrustManager[] {trustManager()}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot create a TLS context: " + e, e);
        }
    }

    private KeyManager[] keyManagers() throws GeneralSecurityException {
        if (certFile == null) {
            return null;
        }
        List<X509Certificate> chain = Pem.certificates(certFile);
        PrivateKey key = Pem.privateKey(keyFile != null ? keyFile : certFile, password);
        if (!belongTogether(key, chain.getFirst().getPublicKey())) {
            throw new IllegalArgumentException("the private key in " + (keyFile != null ? keyFile : certFile)
                    + " does not belong to the first certificate in " + certFile);
        }
        char[] storePassword = new char[0];
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(null, null);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        ks.setKeyEntry("key", key, storePassword, chain.toArray(X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, storePassword);
        return kmf.getKeyManagers();
    }

    /**
     * Whether {@code key} is the private half of {@code pub}: a signature made with one verifies with
     * the other (Python's load_cert_chain fails the same way, with KEY_VALUES_MISMATCH).
     */
    private static boolean belongTogether(PrivateKey key, java.security.PublicKey pub) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> "EdDSA";
            case "DSA" -> "SHA256withDSA";
            default -> null; // e.g. RSASSA-PSS: its parameters vary; the handshake will tell
        };
        if (algorithm == null) {
            return true;
        }
        try {
            byte[] probe = "asyncio4j key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            java.security.Signature signer = java.security.Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
            verifier.initVerify(pub);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException differentKinds) {
            return false;
        }
    }

    private X509ExtendedTrustManager trustManager() throws GeneralSecurityException {
        if (trustAny) {
            return new TrustAll();
        }
        KeyStore ks = null;
        if (caFile != null) {
            ks = KeyStore.getInstance("PKCS12");
            try {
                ks.load(null, null);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            int i = 0;
            for (X509Certificate c : Pem.certificates(caFile)) {
                ks.setCertificateEntry("ca" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        for (TrustManager t : tmf.getTrustManagers()) {
            if (t instanceof X509ExtendedTrustManager x) {
                return checkHostname ? x : new NoHostnameCheck(x);
            }
        }
        throw new IllegalStateException("no X509ExtendedTrustManager from " + tmf.getAlgorithm());
    }

    /**
     * Checks the chain but not the host name. The JDK identifies the endpoint inside an
     * {@link X509ExtendedTrustManager}'s socket and engine methods, so calling the delegate's plain
     * methods skips just that step.
     */
    private static final class NoHostnameCheck extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;

        NoHostnameCheck(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket s) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket s) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine e) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine e) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }

    /** Accepts every chain; extended, so that the JDK does not wrap it with its own host name check. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket s) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket s) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine e) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine e) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
