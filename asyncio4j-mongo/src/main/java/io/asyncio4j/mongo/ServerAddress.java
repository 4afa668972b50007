package io.asyncio4j.mongo;

/**
 * A server's host and port (PyMongo's {@code (host, port)} tuples, the driver's
 * {@code ServerAddress}). Host names are kept lower-case, as the SDAM spec compares them.
 *
 * <pre>{@code
 * ServerAddress a = ServerAddress.parse("db1.example.com:27018");
 * }</pre>
 *
 * @param host the host name or address
 * @param port the port
 */
public record ServerAddress(String host, int port) {
    /** The default MongoDB port. */
    public static final int DEFAULT_PORT = 27017;

    /** Normalizes the host to lower case. */
    public ServerAddress {
        host = host.toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses {@code host}, {@code host:port} or {@code [v6addr]:port}. */
    public static ServerAddress parse(String s) {
        s = s.trim();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            String host = s.substring(1, close);
            String rest = s.substring(close + 1);
            return new ServerAddress(host, rest.startsWith(":") ? Integer.parseInt(rest.substring(1)) : DEFAULT_PORT);
        }
        int colon = s.lastIndexOf(':');
        if (colon < 0) {
            return new ServerAddress(s, DEFAULT_PORT);
        }
        try {
            return new ServerAddress(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new ConfigurationError("bad port in host '" + s + "'");
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
