package io.asyncio4j.postgres;

/**
 * Whether and how to use TLS, as libpq's and asyncpg's {@code sslmode}. The client sends an
 * SSLRequest on the plain connection and, if the server answers {@code 'S'}, does the TLS handshake
 * on the same connection; Unix sockets never use TLS (as in libpq).
 * <ul>
 *   <li>{@link #DISABLE}: plain TCP.</li>
 *   <li>{@link #PREFER} (default): TLS if the server accepts it, else plain; also plain again if the
 *       TLS attempt fails (handshake failure, or {@code pg_hba.conf} rejecting the TLS connection),
 *       as libpq and asyncpg do. No certificate checks (unless a root certificate is given).</li>
 *   <li>{@link #REQUIRE}: TLS or fail. Without {@link ConnectOptions#sslRootCert()} or
 *       {@link ConnectOptions#ssl()} the server certificate is <b>not checked</b> (a trust manager
 *       accepting any certificate, as libpq's {@code require}): the traffic is encrypted, but an
 *       active man in the middle is not detected. With a root certificate the chain is checked
 *       (libpq: {@code require} then behaves as {@code verify-ca}).</li>
 *   <li>{@link #VERIFY_CA}: TLS with the server certificate chain checked against
 *       {@code sslrootcert} (a PEM file), else {@code ~/.postgresql/root.crt} if it exists, else the
 *       JDK's default trust store; the host name is not checked (and no SNI is sent).</li>
 *   <li>{@link #VERIFY_FULL}: as VERIFY_CA, and the host name (SNI) must match the certificate
 *       (DNS or IP subject alternative names).</li>
 * </ul>
 * {@link ConnectOptions#ssl()} replaces the trust setup with the caller's {@code SSLContext}
 * (e.g. for a client certificate); the mode still decides whether TLS is required and whether the
 * host name is checked. The cancel side connection follows the same mode.
 *
 * <pre>{@code
 * PgConnection.connect("postgresql://app@db.example/app?sslmode=verify-full&sslrootcert=/etc/pg/ca.pem");
 * }</pre>
 */
public enum SslMode {
    DISABLE, PREFER, REQUIRE, VERIFY_CA, VERIFY_FULL;

    /** Parses libpq spelling: {@code disable}, {@code prefer}, {@code require}, {@code verify-ca}, {@code verify-full} (also {@code allow}, taken as prefer). */
    public static SslMode parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "disable" -> DISABLE;
            case "allow", "prefer" -> PREFER;
            case "require" -> REQUIRE;
            case "verify-ca", "verify_ca" -> VERIFY_CA;
            case "verify-full", "verify_full" -> VERIFY_FULL;
            default -> throw new IllegalArgumentException("unknown sslmode " + s);
        };
    }
}
