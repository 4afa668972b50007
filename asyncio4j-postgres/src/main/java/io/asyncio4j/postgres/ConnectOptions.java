package io.asyncio4j.postgres;

import javax.net.ssl.SSLContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything needed to open a connection: asyncpg's {@code connect()} keyword arguments. Immutable;
 * the {@code with...} methods return modified copies. {@link #parse} reads a libpq-style URI.
 * Defaults follow libpq and asyncpg: host from {@code PGHOST} or {@code localhost}, port from
 * {@code PGPORT} or 5432, user from {@code PGUSER} or the OS user, database = user, password from
 * {@code PGPASSWORD}, {@code sslmode=prefer} ({@code PGSSLMODE}), statement cache of 100, connect timeout 60 s. A host
 * starting with {@code /} is a Unix socket directory.
 *
 * <pre>{@code
 * ConnectOptions o = ConnectOptions.parse("postgresql://app:secret@127.0.0.1:5432/appdb?sslmode=disable")
 *         .withStatementCacheSize(200)
 *         .withServerSetting("search_path", "app,public");
 * PgConnection conn = PgConnection.connect(o);
 * }</pre>
 *
 * @param host               host name, IP address, or Unix socket directory
 * @param port               TCP port (also names the Unix socket file)
 * @param user               role to log in as
 * @param password           password, or null
 * @param database           database name
 * @param tls                the TLS settings ({@code sslmode}, {@code sslrootcert}, {@code sslcert},
 *                           {@code sslkey}, {@code sslpassword}, or an {@link SSLContext}); see {@link SslOptions}
 * @param statementCacheSize size of the automatic LRU prepared-statement cache (0 disables it)
 * @param connectTimeout     how long connecting and authenticating may take
 * @param serverSettings     run-time parameters sent in the startup message (e.g. {@code application_name})
 */
public record ConnectOptions(String host, int port, String user, String password, String database, SslOptions tls,
                             int statementCacheSize, Duration connectTimeout, Map<String, String> serverSettings) {

    public ConnectOptions {
        serverSettings = Map.copyOf(serverSettings);
    }

    /** The defaults described above. */
    public static ConnectOptions defaults() {
        String user = env("PGUSER", System.getProperty("user.name"));
        return new ConnectOptions(env("PGHOST", "localhost"), Integer.parseInt(env("PGPORT", "5432")), user,
                System.getenv("PGPASSWORD"), env("PGDATABASE", user), SslOptions.fromEnvironment(), 100,
                Duration.ofSeconds(60), Map.of());
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? dflt : v;
    }

    /**
     * Parses {@code postgresql://[user[:password]@][host][:port][/database][?param=value&...]}
     * ({@code postgres://} too). Query parameters: {@code sslmode}, {@code sslrootcert}, {@code sslcert},
     * {@code sslkey}, {@code sslpassword}, {@code connect_timeout} (seconds),
     * {@code statement_cache_size}, {@code host}, {@code port}, {@code user}, {@code password},
     * {@code dbname}; any other becomes a server setting (as asyncpg's {@code server_settings}).
     */
    public static ConnectOptions parse(String dsn) {
        ConnectOptions o = defaults();
        String rest;
        if (dsn.startsWith("postgresql://")) {
            rest = dsn.substring("postgresql://".length());
        } else if (dsn.startsWith("postgres://")) {
            rest = dsn.substring("postgres://".length());
        } else {
            throw new IllegalArgumentException("DSN must start with postgresql:// or postgres://: " + dsn);
        }
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        String db = slash >= 0 ? decode(rest.substring(slash + 1)) : null;
        int at = authority.lastIndexOf('@');
        String user = null;
        String password = null;
        if (at >= 0) {
            String userinfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userinfo.indexOf(':');
            user = decode(colon >= 0 ? userinfo.substring(0, colon) : userinfo);
            password = colon >= 0 ? decode(userinfo.substring(colon + 1)) : null;
        }
        String host = null;
        Integer port = null;
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            host = authority.substring(1, end);
            if (authority.length() > end + 1 && authority.charAt(end + 1) == ':') {
                port = Integer.parseInt(authority.substring(end + 2));
            }
        } else if (!authority.isEmpty()) {
            int colon = authority.lastIndexOf(':');
            host = decode(colon >= 0 ? authority.substring(0, colon) : authority);
            if (colon >= 0) {
                port = Integer.parseInt(authority.substring(colon + 1));
            }
        }
        if (user != null && !user.isEmpty()) {
            o = o.withUser(user);
            if (db == null || db.isEmpty()) {
                o = o.withDatabase(user);
            }
        }
        if (password != null) {
            o = o.withPassword(password);
        }
        if (host != null && !host.isEmpty()) {
            o = o.withHost(host);
        }
        if (port != null) {
            o = o.withPort(port);
        }
        if (db != null && !db.isEmpty()) {
            o = o.withDatabase(db);
        }
        if (query != null) {
            for (String kv : query.split("&")) {
                if (kv.isEmpty()) {
                    continue;
                }
                int eq = kv.indexOf('=');
                String k = decode(eq >= 0 ? kv.substring(0, eq) : kv);
                String v = eq >= 0 ? decode(kv.substring(eq + 1)) : "";
                o = switch (k) {
                    case "sslmode" -> o.withSslMode(SslMode.parse(v));
                    case "sslrootcert" -> o.withSslRootCert(v);
                    case "sslcert" -> o.withSslCert(v);
                    case "sslkey" -> o.withSslKey(v);
                    case "sslpassword" -> o.withSslPassword(v);
                    case "connect_timeout" -> o.withConnectTimeout(Duration.ofMillis((long) (Double.parseDouble(v) * 1000)));
                    case "statement_cache_size" -> o.withStatementCacheSize(Integer.parseInt(v));
                    case "host" -> o.withHost(v);
                    case "port" -> o.withPort(Integer.parseInt(v));
                    case "user" -> o.withUser(v);
                    case "password" -> o.withPassword(v);
                    case "dbname", "database" -> o.withDatabase(v);
                    default -> o.withServerSetting(k, v);
                };
            }
        }
        return o;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    public ConnectOptions withHost(String v) {
        return new ConnectOptions(v, port, user, password, database, tls, statementCacheSize, connectTimeout, serverSettings);
    }

    public ConnectOptions withPort(int v) {
        return new ConnectOptions(host, v, user, password, database, tls, statementCacheSize, connectTimeout, serverSettings);
    }

    public ConnectOptions withUser(String v) {
        return new ConnectOptions(host, port, v, password, database, tls, statementCacheSize, connectTimeout, serverSettings);
    }

    public ConnectOptions withPassword(String v) {
        return new ConnectOptions(host, port, user, v, database, tls, statementCacheSize, connectTimeout, serverSettings);
    }

    public ConnectOptions withDatabase(String v) {
        return new ConnectOptions(host, port, user, password, v, tls, statementCacheSize, connectTimeout, serverSettings);
    }

    /** The TLS policy ({@code sslmode}). */
    public SslMode sslMode() {
        return tls.mode();
    }

    /** The PEM file of trusted CA certificates ({@code sslrootcert}), or null. */
    public String sslRootCert() {
        return tls.rootCert();
    }

    /** The caller's {@link SSLContext}, or null. */
    public SSLContext ssl() {
        return tls.context();
    }

    public ConnectOptions withSslMode(SslMode v) {
        return withTls(tls.withMode(v));
    }

    /** A copy with the PEM file of trusted CA certificates (libpq's {@code sslrootcert}). */
    public ConnectOptions withSslRootCert(String v) {
        return withTls(tls.withRootCert(v));
    }

    /** A copy with the PEM file of the client certificate (libpq's {@code sslcert}), for {@code cert} authentication. */
    public ConnectOptions withSslCert(String v) {
        return withTls(tls.withCert(v));
    }

    /** A copy with the PEM file of the client's private key (libpq's {@code sslkey}). */
    public ConnectOptions withSslKey(String v) {
        return withTls(tls.withKey(v));
    }

    /** A copy with the password of an encrypted {@code sslkey} (libpq's {@code sslpassword}). */
    public ConnectOptions withSslPassword(String v) {
        return withTls(tls.withPassword(v));
    }

    /** A copy with an {@link SSLContext} to use for TLS (asyncpg's {@code ssl=context}); see {@link SslMode}. */
    public ConnectOptions withSsl(SSLContext v) {
        return withTls(tls.withContext(v));
    }

    /** A copy with all TLS settings replaced. */
    public ConnectOptions withTls(SslOptions v) {
        return new ConnectOptions(host, port, user, password, database, v, statementCacheSize, connectTimeout, serverSettings);
    }

    public ConnectOptions withStatementCacheSize(int v) {
        return new ConnectOptions(host, port, user, password, database, tls, v, connectTimeout, serverSettings);
    }

    public ConnectOptions withConnectTimeout(Duration v) {
        return new ConnectOptions(host, port, user, password, database, tls, statementCacheSize, v, serverSettings);
    }

    /** A copy with one more server setting (startup parameter). */
    public ConnectOptions withServerSetting(String name, String value) {
        Map<String, String> m = new LinkedHashMap<>(serverSettings);
        m.put(name, value);
        return new ConnectOptions(host, port, user, password, database, tls, statementCacheSize, connectTimeout, m);
    }

    @Override
    public String toString() {
        return "ConnectOptions[" + user + "@" + host + ":" + port + "/" + database + ", sslmode=" + tls.mode()
                + (password != null ? ", password=***" : "") + "]";
    }
}
