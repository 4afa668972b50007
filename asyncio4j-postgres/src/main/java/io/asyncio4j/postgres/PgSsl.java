package io.asyncio4j.postgres;

import io.asyncio4j.net.SslContextBuilder;

import javax.net.ssl.SSLContext;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How one connection negotiates TLS, worked out from the {@link ConnectOptions} as libpq does:
 * which {@link SSLContext} (the caller's {@link ConnectOptions#ssl()}, or one built with the core's
 * {@link SslContextBuilder} from {@code sslrootcert} / the JDK's trust store / for {@code require} and
 * {@code prefer} without a root certificate trust in any certificate, plus the client certificate
 * {@code sslcert}/{@code sslkey}) and which host name to verify.
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
        SSLContext ctx = o.ssl() != null ? o.ssl() : build(o.tls());
        return new PgSsl(o.sslMode(), ctx, o.sslMode() == SslMode.VERIFY_FULL ? o.host() : "");
    }

    private static SSLContext build(SslOptions tls) throws PgInterfaceError {
        boolean verify = tls.mode() == SslMode.VERIFY_CA || tls.mode() == SslMode.VERIFY_FULL;
        String root = tls.rootCert();
        if ((root == null || root.isEmpty()) && verify) {
            Path dflt = userFile("root.crt");
            root = Files.isReadable(dflt) ? dflt.toString() : "system";
        }
        boolean trustAny = root == null || root.isEmpty(); // require/prefer without a root certificate, as libpq
        String cert = clientFile(tls.cert(), "postgresql.crt", "sslcert");
        if (cert == null && trustAny) {
            return SslContextBuilder.trustingAnyCertificate(); // shared: nothing to read per connection
        }
        if (cert == null && root.equals("system")) {
            try {
                return SSLContext.getDefault(); // the JDK's, built once (a new one would parse cacerts)
            } catch (java.security.GeneralSecurityException e) {
                throw new PgInterfaceError("no default SSLContext: " + e, e);
            }
        }
        SslContextBuilder b = SslContextBuilder.create();
        if (trustAny) {
            b.trustAnyCertificate(); // encryption only
        } else if (!root.equals("system")) {
            b.trustPemFile(Path.of(root)); // libpq: with a root certificate, require checks the chain too
        }
        if (cert != null) {
            String key = clientFile(tls.key(), "postgresql.key", "sslkey");
            if (key == null) {
                throw new PgInterfaceError("sslcert " + cert + " is given but no private key: set sslkey "
                        + "(default ~/.postgresql/postgresql.key)");
            }
            b.certificateChain(Path.of(cert), Path.of(key), tls.password() == null ? null : tls.password().toCharArray());
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new PgInterfaceError("TLS setup failed: " + e.getMessage(), e);
        }
    }

    /**
     * A client certificate or key file: the one given (which must exist), else the libpq default
     * under {@code ~/.postgresql} if it exists, else null. libpq ignores a missing file even when it
     * was named; naming one that is not there is more likely a mistake, so it is an error here.
     */
    private static String clientFile(String given, String defaultName, String parameter) throws PgInterfaceError {
        if (given != null && !given.isEmpty()) {
            if (!Files.isReadable(Path.of(given))) {
                throw new PgInterfaceError(parameter + " " + given + " does not exist or cannot be read");
            }
            return given;
        }
        Path dflt = userFile(defaultName);
        return Files.isReadable(dflt) ? dflt.toString() : null;
    }

    private static Path userFile(String name) {
        return Path.of(System.getProperty("user.home"), ".postgresql", name);
    }
}
