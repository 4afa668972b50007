package io.asyncio4j.mongo;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed {@code mongodb://} connection string (PyMongo's {@code uri_parser.parse_uri}): hosts,
 * credentials, default database and the options this client honours. Option names are
 * case-insensitive, as in the URI spec. {@code mongodb+srv://} needs DNS SRV lookups and is not
 * supported (ConfigurationError).
 *
 * <pre>{@code
 * MongoUri u = MongoUri.parse("mongodb://u:p@h1,h2:27018/app?replicaSet=rs0&readPreference=secondaryPreferred");
 * u.hosts(); u.replicaSet(); u.readPreference();
 * }</pre>
 *
 * @param hosts the seed list
 * @param username the user, or null
 * @param password the password, or null
 * @param database the database in the path, or null
 * @param options every option as given (keys lower-cased)
 */
public record MongoUri(List<ServerAddress> hosts, String username, String password, String database,
                       Map<String, String> options) {

    /** Parses a URI; throws {@link ConfigurationError} on a malformed one. */
    public static MongoUri parse(String uri) {
        String scheme = "mongodb://";
        if (uri.startsWith("mongodb+srv://")) {
            throw new ConfigurationError("mongodb+srv:// URIs need DNS SRV lookups, which this client does not do yet");
        }
        if (!uri.startsWith(scheme)) {
            throw new ConfigurationError("the URI must start with mongodb://: " + uri);
        }
        String rest = uri.substring(scheme.length());
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String path = null;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            path = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
        }
        String user = null;
        String pass = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String cred = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = cred.indexOf(':');
            user = decode(colon >= 0 ? cred.substring(0, colon) : cred);
            pass = colon >= 0 ? decode(cred.substring(colon + 1)) : null;
            if (user.isEmpty()) {
                throw new ConfigurationError("empty user name in the URI");
            }
        }
        List<ServerAddress> hosts = new ArrayList<>();
        for (String h : rest.split(",")) {
            if (h.isBlank()) {
                throw new ConfigurationError("empty host in the URI");
            }
            hosts.add(ServerAddress.parse(decode(h)));
        }
        Map<String, String> opts = new LinkedHashMap<>();
        if (!query.isEmpty()) {
            for (String kv : query.split("[&;]")) {
                if (kv.isEmpty()) {
                    continue;
                }
                int eq = kv.indexOf('=');
                if (eq < 0) {
                    throw new ConfigurationError("URI option without a value: " + kv);
                }
                opts.put(kv.substring(0, eq).toLowerCase(Locale.ROOT), decode(kv.substring(eq + 1)));
            }
        }
        String db = path == null || path.isEmpty() ? null : decode(path);
        return new MongoUri(List.copyOf(hosts), user, pass, db, Map.copyOf(opts));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** An option's raw value (name case-insensitive), or null. */
    public String option(String name) {
        return options.get(name.toLowerCase(Locale.ROOT));
    }

    private int intOption(String name, int dflt) {
        String v = option(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ConfigurationError("option " + name + " must be an integer, not '" + v + "'");
        }
    }

    private boolean boolOption(String name, boolean dflt) {
        String v = option(name);
        if (v == null) {
            return dflt;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationError("option " + name + " must be true or false, not '" + v + "'");
        };
    }

    private Duration msOption(String name, Duration dflt) {
        String v = option(name);
        return v == null ? dflt : Duration.ofMillis(intOption(name, 0));
    }

    /** {@code replicaSet}, or null. */
    public String replicaSet() {
        return option("replicaSet");
    }

    /** {@code authSource}, else the path database when credentials are given, else {@code admin}. */
    public String authSource() {
        String s = option("authSource");
        return s != null ? s : database != null ? database : "admin";
    }

    /** {@code authMechanism} (SCRAM-SHA-256, SCRAM-SHA-1), or null to negotiate. */
    public String authMechanism() {
        return option("authMechanism");
    }

    /** {@code readPreference} (+ {@code readPreferenceTags}), primary by default. */
    public ReadPreference readPreference() {
        String m = option("readPreference");
        ReadPreference rp = m == null ? ReadPreference.PRIMARY : ReadPreference.of(m);
        String tags = option("readPreferenceTags");
        if (tags != null && !tags.isEmpty()) {
            org.bson.BsonDocument t = new org.bson.BsonDocument();
            for (String kv : tags.split(",")) {
                String[] p = kv.split(":", 2);
                t.put(p[0], new org.bson.BsonString(p.length > 1 ? p[1] : ""));
            }
            rp = rp.withTagSets(List.of(t));
        }
        return rp;
    }

    /** {@code w}, {@code wTimeoutMS}, {@code journal}. */
    public WriteConcern writeConcern() {
        String w = option("w");
        Object wv = null;
        if (w != null) {
            try {
                wv = Integer.parseInt(w);
            } catch (NumberFormatException e) {
                wv = w;
            }
        }
        String wt = option("wTimeoutMS");
        String j = option("journal");
        return new WriteConcern(wv, wt == null ? null : intOption("wTimeoutMS", 0),
                j == null ? null : boolOption("journal", false));
    }

    /** {@code readConcernLevel}. */
    public ReadConcern readConcern() {
        return new ReadConcern(option("readConcernLevel"));
    }

    /**
     * {@code tls} or its alias {@code ssl} (they must agree when both are given). As the URI spec
     * says, TLS is also on when any other {@code tls*} option is given without {@code tls}.
     */
    public boolean tls() {
        String t = option("tls");
        String s = option("ssl");
        if (t != null && s != null && boolOption("tls", false) != boolOption("ssl", false)) {
            throw new ConfigurationError("tls=" + t + " and ssl=" + s + " contradict each other");
        }
        if (t != null) {
            return boolOption("tls", false);
        }
        if (s != null) {
            return boolOption("ssl", false);
        }
        return option("tlsCAFile") != null || option("tlsAllowInvalidCertificates") != null
                || option("tlsAllowInvalidHostnames") != null || option("tlsInsecure") != null
                || option("tlsCertificateKeyFile") != null || option("tlsCertificateKeyFilePassword") != null;
    }

    /** {@code tlsCertificateKeyFile}: one PEM file with the client certificate and its private key, or null. */
    public String tlsCertificateKeyFile() {
        return option("tlsCertificateKeyFile");
    }

    /** {@code tlsCertificateKeyFilePassword}: the password of an encrypted key in that file, or null. */
    public String tlsCertificateKeyFilePassword() {
        return option("tlsCertificateKeyFilePassword");
    }

    /** {@code tlsCAFile}: a PEM file of CA certificates to trust instead of the JDK's default trust store, or null. */
    public String tlsCAFile() {
        return option("tlsCAFile");
    }

    /** {@code tlsAllowInvalidCertificates} (or {@code tlsInsecure}): no certificate chain check (nor host name check). */
    public boolean tlsAllowInvalidCertificates() {
        checkTlsInsecure();
        return boolOption("tlsAllowInvalidCertificates", boolOption("tlsInsecure", false));
    }

    /** {@code tlsAllowInvalidHostnames} (or {@code tlsInsecure}): the chain is checked, the host name is not. */
    public boolean tlsAllowInvalidHostnames() {
        checkTlsInsecure();
        return boolOption("tlsAllowInvalidHostnames", boolOption("tlsInsecure", false));
    }

    /** {@code tlsInsecure}: both of the above. */
    public boolean tlsInsecure() {
        checkTlsInsecure();
        return boolOption("tlsInsecure", false);
    }

    private void checkTlsInsecure() {
        if (option("tlsInsecure") != null) {
            for (String other : List.of("tlsAllowInvalidCertificates", "tlsAllowInvalidHostnames",
                    "tlsDisableOCSPEndpointCheck", "tlsDisableCertificateRevocationCheck")) {
                if (option(other) != null) {
                    throw new ConfigurationError("tlsInsecure and " + other + " cannot both be given");
                }
            }
        }
    }

    /** {@code connectTimeoutMS}, 20 s by default. */
    public Duration connectTimeout() {
        return msOption("connectTimeoutMS", Duration.ofSeconds(20));
    }

    /** {@code socketTimeoutMS}; null (no limit) by default or when 0. */
    public Duration socketTimeout() {
        Duration d = msOption("socketTimeoutMS", null);
        return d == null || d.isZero() ? null : d;
    }

    /** {@code serverSelectionTimeoutMS}, 30 s by default. */
    public Duration serverSelectionTimeout() {
        return msOption("serverSelectionTimeoutMS", Duration.ofSeconds(30));
    }

    /** {@code waitQueueTimeoutMS}; null (wait as long as server selection allows) by default. */
    public Duration waitQueueTimeout() {
        return msOption("waitQueueTimeoutMS", null);
    }

    /** {@code heartbeatFrequencyMS}, 10 s by default (at least 500 ms). */
    public Duration heartbeatFrequency() {
        Duration d = msOption("heartbeatFrequencyMS", Duration.ofSeconds(10));
        if (d.toMillis() < 500) {
            throw new ConfigurationError("heartbeatFrequencyMS must be at least 500");
        }
        return d;
    }

    /** {@code localThresholdMS}, 15 ms by default. */
    public Duration localThreshold() {
        return msOption("localThresholdMS", Duration.ofMillis(15));
    }

    /** {@code maxPoolSize}, 100 by default. */
    public int maxPoolSize() {
        return intOption("maxPoolSize", 100);
    }

    /** {@code minPoolSize}, 0 by default. */
    public int minPoolSize() {
        return intOption("minPoolSize", 0);
    }

    /** {@code appName}, or null. */
    public String appName() {
        return option("appName");
    }

    /** {@code directConnection}: true connects to the one host whatever it is. */
    public Boolean directConnection() {
        String v = option("directConnection");
        return v == null ? null : boolOption("directConnection", false);
    }

    /** {@code retryReads}, true by default. */
    public boolean retryReads() {
        return boolOption("retryReads", true);
    }

    /** {@code retryWrites}, true by default. */
    public boolean retryWrites() {
        return boolOption("retryWrites", true);
    }

    @Override
    public String toString() {
        return "MongoUri[hosts=" + hosts + ", username=" + username + ", password=" + (password == null ? null : "***")
                + ", database=" + database + ", options=" + options + "]";
    }
}
