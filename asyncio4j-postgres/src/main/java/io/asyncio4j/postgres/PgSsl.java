package io.asyncio4j.postgres;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

/**
 * How one connection negotiates TLS, worked out from the {@link ConnectOptions} as libpq does:
 * which {@link SSLContext} (the caller's {@link ConnectOptions#ssl()}, one trusting the PEM file
 * {@link ConnectOptions#sslRootCert()}, the JDK's default trust store, or for {@code require}/{@code prefer}
 * without a root certificate one that trusts any certificate) and which host name to verify.
 *
 * @param mode           the sslmode ({@code PREFER}, {@code REQUIRE}, {@code VERIFY_CA}, {@code VERIFY_FULL})
 * @param context        where the engine comes from
 * @param serverHostname the name to send as SNI and verify ({@code verify-full}), or "" for no host name check
 */
record PgSsl(SslMode mode, SSLContext context, String serverHostname) {

    /** True when the server must accept TLS ({@code 'N'} to the SSLRequest is then an error). */
    boolean required() {
        return mode != SslMode.PREFER;
    }

    /** The plan for {@code o}, or null for plain text ({@code disable}, or a Unix socket: libpq never uses TLS there). */
    static PgSsl plan(ConnectOptions o) throws PgInterfaceError {
        if (o.sslMode() == SslMode.DISABLE || o.host().startsWith("/")) {
            return null;
        }
        boolean verify = o.sslMode() == SslMode.VERIFY_CA || o.sslMode() == SslMode.VERIFY_FULL;
        SSLContext ctx;
        if (o.ssl() != null) {
            ctx = o.ssl();
        } else {
            String root = o.sslRootCert();
            if ((root == null || root.isEmpty()) && verify) {
                Path dflt = Path.of(System.getProperty("user.home"), ".postgresql", "root.crt");
                root = Files.isReadable(dflt) ? dflt.toString() : "system";
            }
            if (root == null || root.isEmpty()) {
                ctx = trustAll(); // require/prefer without a root certificate: encryption only, as libpq
            } else if (root.equals("system")) {
                ctx = defaultContext();
            } else {
                ctx = fromPem(Path.of(root)); // libpq: with a root certificate, require checks the chain too
            }
        }
        return new PgSsl(o.sslMode(), ctx, o.sslMode() == SslMode.VERIFY_FULL ? o.host() : "");
    }

    private static SSLContext defaultContext() throws PgInterfaceError {
        try {
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new PgInterfaceError("no default SSLContext: " + e, e);
        }
    }

    /** A TLS context trusting exactly the CA certificates of a PEM file (libpq's {@code sslrootcert}). */
    static SSLContext fromPem(Path pem) throws PgInterfaceError {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new PgInterfaceError("sslrootcert " + pem + " holds no certificate");
            }
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                ks.setCertificateEntry("ca" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new PgInterfaceError("cannot use sslrootcert " + pem + ": " + e.getMessage(), e);
        }
    }

    private static volatile SSLContext trustAll;

    /**
     * A context whose trust manager accepts any server certificate: {@code sslmode=require} and
     * {@code prefer} without a root certificate encrypt but do not authenticate the server (as in
     * libpq), so they protect against eavesdropping, not against an active man in the middle.
     */
    static SSLContext trustAll() throws PgInterfaceError {
        SSLContext c = trustAll;
        if (c == null) {
            try {
                c = SSLContext.getInstance("TLS");
                c.init(null, new TrustManager[] {new TrustAll()}, null);
            } catch (GeneralSecurityException e) {
                throw new PgInterfaceError("cannot create an SSLContext: " + e, e);
            }
            trustAll = c;
        }
        return c;
    }

    /** Extended, so that the JDK does not wrap it with its own host name check. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
