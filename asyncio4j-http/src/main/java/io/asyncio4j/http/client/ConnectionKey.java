package io.asyncio4j.http.client;

import java.net.URI;

/** What a pooled connection can be reused for: the origin, and the proxy it goes through. */
record ConnectionKey(String scheme, String host, int port, URI proxy, boolean tunnel) {
    boolean secure() {
        return "https".equals(scheme);
    }

    String connectHost() {
        return proxy != null ? proxy.getHost() : host;
    }

    int connectPort() {
        return proxy != null ? (proxy.getPort() > 0 ? proxy.getPort() : 80) : port;
    }

    String authority() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
