package io.asyncio4j.postgres;

import javax.net.ssl.SSLContext;

/**
 * The TLS part of {@link ConnectOptions}: libpq's {@code sslmode}, {@code sslrootcert},
 * {@code sslcert}, {@code sslkey} and {@code sslpassword}, or asyncpg's {@code ssl=context}.
 * Immutable; {@link ConnectOptions}'s {@code withSsl...} methods return modified copies.
 *
 * @param mode     TLS policy ({@code PGSSLMODE}, default {@code prefer}); see {@link SslMode}
 * @param rootCert PEM file of the CA certificates to trust ({@code PGSSLROOTCERT}; {@code "system"}
 *                 for the JDK's trust store), or null
 * @param cert     PEM file of the client certificate chain ({@code PGSSLCERT}); null: {@code
 *                 ~/.postgresql/postgresql.crt} if it exists, as libpq
 * @param key      PEM file of the client's private key ({@code PGSSLKEY}; PKCS#8, encrypted PKCS#8,
 *                 PKCS#1 RSA or SEC1 EC); null: {@code ~/.postgresql/postgresql.key}
 * @param password password of an encrypted {@code key}, or null
 * @param context  the {@link SSLContext} to use instead of one built from the files (asyncpg's
 *                 {@code ssl=context}), or null; {@code mode} still decides whether TLS is
 *                 required and whether the host name is verified
 */
public record SslOptions(SslMode mode, String rootCert, String cert, String key, String password, SSLContext context) {

    /** From the environment: {@code PGSSLMODE}, {@code PGSSLROOTCERT}, {@code PGSSLCERT}, {@code PGSSLKEY}. */
    static SslOptions fromEnvironment() {
        String mode = System.getenv("PGSSLMODE");
        return new SslOptions(SslMode.parse(mode == null || mode.isEmpty() ? "prefer" : mode),
                System.getenv("PGSSLROOTCERT"), System.getenv("PGSSLCERT"), System.getenv("PGSSLKEY"), null, null);
    }

    SslOptions withMode(SslMode v) {
        return new SslOptions(v, rootCert, cert, key, password, context);
    }

    SslOptions withRootCert(String v) {
        return new SslOptions(mode, v, cert, key, password, context);
    }

    SslOptions withCert(String v) {
        return new SslOptions(mode, rootCert, v, key, password, context);
    }

    SslOptions withKey(String v) {
        return new SslOptions(mode, rootCert, cert, v, password, context);
    }

    SslOptions withPassword(String v) {
        return new SslOptions(mode, rootCert, cert, key, v, context);
    }

    SslOptions withContext(SSLContext v) {
        return new SslOptions(mode, rootCert, cert, key, password, v);
    }

    @Override
    public String toString() {
        return "SslOptions[mode=" + mode + (rootCert != null ? ", rootCert=" + rootCert : "")
                + (cert != null ? ", cert=" + cert : "") + (key != null ? ", key=" + key : "")
                + (password != null ? ", password=***" : "") + (context != null ? ", context=" + context : "") + "]";
    }
}
