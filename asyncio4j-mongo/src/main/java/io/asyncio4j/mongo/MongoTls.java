package io.asyncio4j.mongo;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

/**
 * The TLS settings of a client, resolved once from the URI and {@link MongoClientOptions}.
 *
 * @param context the context every connection (pool and monitor) uses
 * @param verifyHostname whether {@code MongoConnection} passes the host as {@code serverHostname}
 *        (SNI + endpoint identification) or "" (neither); false only when host names may be
 *        invalid and the context is the user's, whose trust manager we cannot wrap
 */
record MongoTls(SSLContext context, boolean verifyHostname) {

    /** Null when TLS is off. */
    static MongoTls from(MongoUri uri, MongoClientOptions options) {
        SSLContext user = options == null ? null : options.sslContext();
        boolean tls = uri.tls();
        if (user != null && !tls) {
            if (uri.option("tls") != null || uri.option("ssl") != null) {
                throw new ConfigurationError("an SSLContext was given but the URI says tls=false");
            }
            tls = true;
        }
        if (!tls) {
            return null;
        }
        for (String unsupported : new String[] {"tlsCertificateKeyFile", "tlsCertificateKeyFilePassword"}) {
            if (uri.option(unsupported) != null) {
                throw new ConfigurationError(unsupported + " is not supported; for a client certificate build an "
                        + "SSLContext with a KeyManager and pass it with MongoClientOptions.sslContext");
            }
        }
        boolean allowInvalidCerts = uri.tlsAllowInvalidCertificates();
        boolean allowInvalidHosts = uri.tlsAllowInvalidHostnames() || allowInvalidCerts;
        if (user != null) {
            if (uri.tlsCAFile() != null || uri.option("tlsAllowInvalidCertificates") != null) {
                throw new ConfigurationError("tlsCAFile and tlsAllowInvalidCertificates cannot be combined with an "
                        + "SSLContext given in MongoClientOptions (configure its trust managers instead)");
            }
            return new MongoTls(user, !allowInvalidHosts);
        }
        TrustManager tm;
        if (allowInvalidCerts) {
            tm = new TrustAll();
        } else {
            X509ExtendedTrustManager base = trustManager(uri.tlsCAFile());
            tm = allowInvalidHosts ? new NoHostnameCheck(base) : base;
        }
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {tm}, null);
            // SNI stays on: without endpoint identification in the trust manager, the name is only sent
            return new MongoTls(ctx, true);
        } catch (GeneralSecurityException e) {
            throw new ConfigurationError("cannot create a TLS context: " + e);
        }
    }

    /** The JDK's default trust manager, or one trusting exactly the CA certificates in a PEM file. */
    private static X509ExtendedTrustManager trustManager(String caFile) {
        try {
            KeyStore ks = null;
            if (caFile != null) {
                Collection<? extends Certificate> certs;
                try (InputStream in = Files.newInputStream(Path.of(caFile))) {
                    certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
                } catch (IOException e) {
                    throw new ConfigurationError("tlsCAFile " + caFile + " cannot be read: " + e);
                }
                if (certs.isEmpty()) {
                    throw new ConfigurationError("tlsCAFile " + caFile + " holds no PEM certificate");
                }
                ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                int i = 0;
                for (Certificate c : certs) {
                    ks.setCertificateEntry("ca" + i++, c);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            for (TrustManager t : tmf.getTrustManagers()) {
                if (t instanceof X509ExtendedTrustManager x) {
                    return x;
                }
            }
            throw new ConfigurationError("no X509ExtendedTrustManager from " + tmf.getAlgorithm());
        } catch (CertificateException e) {
            throw new ConfigurationError("tlsCAFile " + caFile + " is not a PEM certificate file: " + e.getMessage());
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigurationError("cannot load the trusted certificates: " + e);
        }
    }

    /**
     * Checks the chain but not the host name: the JDK's endpoint identification is done inside an
     * {@link X509ExtendedTrustManager}'s engine/socket methods, so calling the delegate's plain
     * methods skips it while SNI is still sent.
     */
    private static final class NoHostnameCheck extends X509ExtendedTrustManager {
        private final X509TrustManager delegate;

        NoHostnameCheck(X509TrustManager delegate) {
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

    /** {@code tlsAllowInvalidCertificates}: accepts any chain (and so any host name). */
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
