package io.asyncio4j.mongo;

import io.asyncio4j.net.SslContextBuilder;

import javax.net.ssl.SSLContext;
import java.nio.file.Path;

/**
 * The TLS settings of a client, resolved once from the URI and {@link MongoClientOptions}; the
 * context is built by the core's {@link SslContextBuilder} from {@code tlsCAFile},
 * {@code tlsCertificateKeyFile} (+ {@code Password}) and the {@code tlsAllowInvalid*} options.
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
        boolean allowInvalidCerts = uri.tlsAllowInvalidCertificates();
        boolean allowInvalidHosts = uri.tlsAllowInvalidHostnames() || allowInvalidCerts;
        if (uri.tlsCertificateKeyFilePassword() != null && uri.tlsCertificateKeyFile() == null) {
            throw new ConfigurationError("tlsCertificateKeyFilePassword is given without tlsCertificateKeyFile");
        }
        if (user != null) {
            for (String fileOption : new String[] {"tlsCAFile", "tlsAllowInvalidCertificates", "tlsCertificateKeyFile"}) {
                if (uri.option(fileOption) != null) {
                    throw new ConfigurationError(fileOption + " cannot be combined with an SSLContext given in "
                            + "MongoClientOptions (configure its trust and key managers instead)");
                }
            }
            return new MongoTls(user, !allowInvalidHosts);
        }
        SslContextBuilder b = SslContextBuilder.create();
        if (allowInvalidCerts) {
            b.trustAnyCertificate();
        } else {
            if (uri.tlsCAFile() != null) {
                b.trustPemFile(Path.of(uri.tlsCAFile()));
            }
            b.checkHostname(!allowInvalidHosts); // SNI is still sent: only the trust manager skips the name
        }
        if (uri.tlsCertificateKeyFile() != null) {
            String password = uri.tlsCertificateKeyFilePassword();
            b.certificateChain(Path.of(uri.tlsCertificateKeyFile()), null, password == null ? null : password.toCharArray());
        }
        try {
            return new MongoTls(b.build(), true);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationError("TLS setup failed: " + e.getMessage());
        }
    }
}
