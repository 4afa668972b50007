package io.asyncio4j.http.client;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The proxies named by environment variables, for {@code ClientSession.Options.trustEnv(true)}: aiohttp's
 * {@code trust_env=True}, which relies on Python's {@code urllib.request.getproxies_environment} and
 * {@code proxy_bypass_environment}. We follow those two functions to the letter so a program behaves the
 * same under both:
 *
 * <ul>
 * <li>{@code <scheme>_proxy} in any case; the all-lowercase name wins over the others, and an empty
 *     lowercase value removes the scheme's proxy;</li>
 * <li>when {@code REQUEST_METHOD} is set (a CGI script), {@code HTTP_PROXY} in other cases than lowercase is
 *     ignored, as it may come from a client's {@code Proxy:} header (httpoxy, CVE-2016-1000110);</li>
 * <li>{@code no_proxy}: exactly {@code *} bypasses every host; otherwise a comma list whose entries match
 *     the host (lowercased, with or without the URL's explicit port) exactly or as a domain suffix, a leading
 *     dot being ignored ({@code example.com} and {@code .example.com} both cover {@code a.example.com} and
 *     {@code example.com}); IP addresses are compared as text (no CIDR), as in Python.</li>
 * </ul>
 *
 * Only http:// proxies are used (an {@code https://} proxy URL is ignored, as aiohttp does); a value without
 * a scheme ({@code proxy:3128}) means {@code http://}. Credentials in the proxy URL, or else the proxy host's
 * {@link Netrc} entry, become {@code Proxy-Authorization: Basic}.
 */
final class ProxyEnvironment {
    private static final System.Logger LOG = System.getLogger(ProxyEnvironment.class.getName());

    private final Map<String, URI> proxies; // "http"/"https" -> proxy
    private final String noProxy;

    private ProxyEnvironment(Map<String, URI> proxies, String noProxy) {
        this.proxies = proxies;
        this.noProxy = noProxy;
    }

    /**
     * Reads {@code env} once (the variables of a process do not change while it runs); a proxy URL without
     * credentials takes the proxy host's {@code .netrc} entry, if any (aiohttp's {@code proxies_from_env}).
     */
    static ProxyEnvironment of(Map<String, String> env, Netrc netrc) {
        Map<String, String> named = getproxies(env);
        Map<String, URI> proxies = new HashMap<>();
        for (String scheme : new String[] {"http", "https"}) {
            String v = named.get(scheme);
            if (v == null) continue;
            URI u = proxyUri(scheme, v);
            if (u != null) proxies.put(scheme, withNetrcCredentials(u, netrc));
        }
        return new ProxyEnvironment(Map.copyOf(proxies), named.get("no"));
    }

    /** Python's {@code getproxies_environment}: scheme ("http", "no", ...) → value. */
    static Map<String, String> getproxies(Map<String, String> env) {
        Map<String, String> proxies = new HashMap<>();
        // two passes so the all-lowercase variable wins whatever the iteration order
        env.forEach((name, value) -> {
            String n = name.toLowerCase(Locale.ROOT);
            if (value != null && !value.isEmpty() && n.endsWith("_proxy")) proxies.put(n.substring(0, n.length() - 6), value);
        });
        if (env.containsKey("REQUEST_METHOD")) proxies.remove("http");
        env.forEach((name, value) -> {
            if (!name.endsWith("_proxy")) return;
            String scheme = name.toLowerCase(Locale.ROOT).substring(0, name.length() - 6);
            if (value != null && !value.isEmpty()) proxies.put(scheme, value);
            else proxies.remove(scheme);
        });
        return proxies;
    }

    private static URI proxyUri(String scheme, String value) {
        String v = value.strip();
        if (!v.contains("://")) v = "http://" + v;
        URI u;
        try {
            u = URI.create(v);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring the " + scheme + " proxy from the environment: " + e.getMessage());
            return null;
        }
        if (!"http".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
            // a TLS connection to the proxy itself is not supported (aiohttp ignores these too)
            LOG.log(System.Logger.Level.WARNING, "ignoring the " + scheme + " proxy from the environment: " + u.getScheme()
                    + " proxies are not supported");
            return null;
        }
        return u;
    }

    private static URI withNetrcCredentials(URI proxy, Netrc netrc) {
        if (netrc == null || proxy.getRawUserInfo() != null) return proxy;
        Netrc.Credentials c = netrc.lookup(proxy.getHost());
        if (c == null) return proxy;
        // in the URL like explicit credentials, so one code path (TCPConnector.proxyAuthorization) sends them
        // (URLEncoder's '+' for a space would be a literal '+' in user info, hence %20)
        String userInfo = URLEncoder.encode(c.login(), StandardCharsets.UTF_8).replace("+", "%20") + ":"
                + URLEncoder.encode(c.password(), StandardCharsets.UTF_8).replace("+", "%20");
        return URI.create("http://" + userInfo + "@" + proxy.getHost() + (proxy.getPort() > 0 ? ":" + proxy.getPort() : "")
                + (proxy.getRawPath() == null ? "" : proxy.getRawPath()));
    }

    /** The proxy for {@code url}, or null for a direct connection. */
    URI proxyFor(URI url) {
        URI proxy = proxies.get(url.getScheme().toLowerCase(Locale.ROOT));
        if (proxy == null) return null;
        String host = url.getHost();
        if (host != null && bypass(url.getPort() > 0 ? host + ":" + url.getPort() : host, noProxy)) return null;
        return proxy;
    }

    /** Python's {@code proxy_bypass_environment(host)} given the {@code no_proxy} value (null when unset). */
    static boolean bypass(String host, String noProxy) {
        if (noProxy == null) return false;
        if (noProxy.equals("*")) return true;
        host = host.toLowerCase(Locale.ROOT);
        String hostOnly = splitPort(host);
        for (String entry : noProxy.split(",")) {
            String name = entry.strip();
            if (name.isEmpty()) continue;
            while (name.startsWith(".")) name = name.substring(1);
            name = name.toLowerCase(Locale.ROOT);
            if (hostOnly.equals(name) || host.equals(name)) return true;
            name = "." + name;
            if (hostOnly.endsWith(name) || host.endsWith(name)) return true;
        }
        return false;
    }

    /** urllib's {@code _splitport}: the host without a trailing {@code :digits}. */
    private static String splitPort(String host) {
        int colon = host.lastIndexOf(':');
        if (colon < 0 || colon == host.length() - 1) return host;
        for (int i = colon + 1; i < host.length(); i++) {
            if (host.charAt(i) < '0' || host.charAt(i) > '9') return host;
        }
        return host.substring(0, colon);
    }
}
