package io.asyncio4j.postgres;

/**
 * Whether and how to use TLS, as libpq's and asyncpg's {@code sslmode}.
 * <ul>
 *   <li>{@link #DISABLE}: plain TCP.</li>
 *   <li>{@link #PREFER}: TLS if the server offers it, without certificate checks; else plain.</li>
 *   <li>{@link #REQUIRE}: TLS or fail; no certificate checks.</li>
 *   <li>{@link #VERIFY_CA}: TLS with the server certificate checked against the trust store.</li>
 *   <li>{@link #VERIFY_FULL}: as VERIFY_CA, and the host name must match the certificate.</li>
 * </ul>
 *
 * <p><b>Status:</b> TLS is not implemented yet (it comes with the {@code io.asyncio4j.net} TLS
 * transport): {@code DISABLE} and {@code PREFER} connect in plain text, the other modes fail
 * with {@link PgInterfaceError}.
 *
 * <pre>{@code
 * PgConnection.connect("postgresql://app@db.example/app?sslmode=verify-full");
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
