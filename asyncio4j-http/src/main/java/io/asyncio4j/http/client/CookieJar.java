package io.asyncio4j.http.client;

import java.net.InetAddress;
import java.net.URI;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Cookies received from servers and sent back on later requests: aiohttp's {@code CookieJar}, shared by
 * every request of a {@link ClientSession}. RFC 6265 basics:
 *
 * <ul>
 * <li>{@code Domain}: a cookie without it is host-only (sent to exactly that host); with it, to that
 *     domain and its subdomains, and only if the request host domain-matches it (else rejected).
 *     As in aiohttp, cookies from IP-address hosts are ignored, and none are sent to them, unless
 *     the jar is {@code unsafe} ({@code new CookieJar(true)}, aiohttp's {@code CookieJar(unsafe=True)},
 *     which local services need); even then they are host-only.</li>
 * <li>{@code Path}: the default path is the request path up to its last {@code /}; sent when the request
 *     path path-matches.</li>
 * <li>{@code Max-Age} (wins) and {@code Expires}; a date in the past deletes the cookie.</li>
 * <li>{@code Secure}: only sent over https, and only accepted from https (RFC 6265bis, as browsers do;
 *     aiohttp also stores one received over http); {@code HttpOnly} is kept.</li>
 * <li>Sent in the {@code Cookie} header longest path first.</li>
 * </ul>
 *
 * <pre>{@code
 * CookieJar jar = session.cookieJar();
 * jar.updateCookies(List.of("sid=abc; Path=/; HttpOnly"), URI.create("http://app.test/login"));
 * jar.filterCookies(URI.create("http://app.test/home"));   // {sid=abc}
 * }</pre>
 */
public final class CookieJar {
    private final List<Cookie> cookies = new ArrayList<>();
    private final Supplier<Instant> clock;
    private final boolean unsafe;

    /** An empty jar using the system clock that ignores IP-address hosts (aiohttp's default). */
    public CookieJar() {
        this(false);
    }

    /** An empty jar; {@code unsafe} also keeps and sends cookies of IP-address hosts. */
    public CookieJar(boolean unsafe) {
        this(unsafe, Instant::now);
    }

    /** An empty jar with its own clock (tests) that ignores IP-address hosts. */
    public CookieJar(Supplier<Instant> clock) {
        this(false, clock);
    }

    /** An empty jar with its own clock (tests). */
    public CookieJar(boolean unsafe, Supplier<Instant> clock) {
        this.unsafe = unsafe;
        this.clock = clock;
    }

    /** Whether cookies of IP-address hosts are kept (aiohttp's {@code unsafe}). */
    public boolean unsafe() {
        return unsafe;
    }

    /** Every unexpired cookie. */
    public List<Cookie> all() {
        purge();
        return List.copyOf(cookies);
    }

    /** The number of unexpired cookies. */
    public int size() {
        purge();
        return cookies.size();
    }

    /** Removes every cookie. */
    public void clear() {
        cookies.clear();
    }

    /** Stores a cookie directly, host-only for {@code url}'s host. */
    public void set(String name, String value, URI url) {
        store(new Cookie(name, value, host(url), true, "/", null, false, false, null));
    }

    /** Applies {@code Set-Cookie} header values received in a response from {@code url}. */
    public void updateCookies(List<String> setCookieHeaders, URI url) {
        if (!unsafe && isIp(host(url))) return;
        for (String h : setCookieHeaders) {
            Cookie c = parse(h, url, clock.get());
            if (c != null) store(c);
        }
    }

    /** The cookies to send to {@code url}, name to value, in sending order. */
    public Map<String, String> filterCookies(URI url) {
        if (cookies.isEmpty()) return Map.of();
        purge();
        String host = host(url);
        if (!unsafe && isIp(host)) return Map.of();
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        boolean secure = "https".equalsIgnoreCase(url.getScheme());
        List<Cookie> match = new ArrayList<>();
        for (Cookie c : cookies) {
            if (c.secure() && !secure) continue;
            if (c.hostOnly() ? !c.domain().equals(host) : !domainMatch(host, c.domain())) continue;
            if (!pathMatch(path, c.path())) continue;
            match.add(c);
        }
        match.sort(Comparator.comparingInt((Cookie c) -> c.path().length()).reversed());
        Map<String, String> out = new LinkedHashMap<>();
        for (Cookie c : match) out.putIfAbsent(c.name(), c.value());
        return out;
    }

    private void store(Cookie c) {
        cookies.removeIf(o -> o.name().equals(c.name()) && o.domain().equals(c.domain()) && o.path().equals(c.path()));
        if (!c.expiredAt(clock.get())) cookies.add(c);
    }

    private void purge() {
        Instant now = clock.get();
        cookies.removeIf(c -> c.expiredAt(now));
    }

    static String host(URI url) {
        String h = url.getHost();
        if (h == null) return "";
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        return h.toLowerCase(Locale.ROOT);
    }

    static boolean isIp(String host) {
        try {
            InetAddress.ofLiteral(host);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean domainMatch(String host, String domain) {
        if (host.equals(domain)) return true;
        return host.endsWith("." + domain) && !isIp(host);
    }

    static boolean pathMatch(String reqPath, String cookiePath) {
        if (reqPath.equals(cookiePath)) return true;
        if (!reqPath.startsWith(cookiePath)) return false;
        return cookiePath.endsWith("/") || reqPath.charAt(cookiePath.length()) == '/';
    }

    static String defaultPath(URI url) {
        String p = url.getRawPath();
        if (p == null || p.isEmpty() || p.charAt(0) != '/') return "/";
        int i = p.lastIndexOf('/');
        return i <= 0 ? "/" : p.substring(0, i);
    }

    /** Parses one Set-Cookie value received from {@code url}; null if it is invalid or rejected. */
    static Cookie parse(String header, URI url, Instant now) {
        String[] parts = header.split(";");
        String nv = parts[0];
        int eq = nv.indexOf('=');
        if (eq < 0) return null;
        String name = nv.substring(0, eq).trim();
        String value = nv.substring(eq + 1).trim();
        if (name.isEmpty()) return null;
        // a quoted value keeps its quotes (RFC 6265 §5.2) and goes back as received, as aiohttp sends a
        // Morsel's coded_value: a Python server's SimpleCookie could not parse it unquoted (x y, \073)
        String host = host(url);
        String domain = null;
        String path = null;
        Instant expires = null;
        Instant maxAgeExpires = null;
        boolean secure = false;
        boolean httpOnly = false;
        String sameSite = null;
        for (int i = 1; i < parts.length; i++) {
            String a = parts[i].trim();
            int e = a.indexOf('=');
            String an = (e < 0 ? a : a.substring(0, e)).trim().toLowerCase(Locale.ROOT);
            String av = e < 0 ? "" : a.substring(e + 1).trim();
            switch (an) {
                case "domain" -> {
                    if (!av.isEmpty()) domain = (av.startsWith(".") ? av.substring(1) : av).toLowerCase(Locale.ROOT);
                }
                case "path" -> path = av.startsWith("/") ? av : null;
                case "expires" -> expires = parseDate(av);
                case "max-age" -> {
                    try {
                        long s = Long.parseLong(av);
                        maxAgeExpires = s <= 0 ? Instant.EPOCH : now.plusSeconds(s);
                    } catch (NumberFormatException ignored) {
                        // ignore the attribute (RFC 6265 §5.2.2)
                    }
                }
                case "secure" -> secure = true;
                case "httponly" -> httpOnly = true;
                case "samesite" -> sameSite = av;
                default -> { }
            }
        }
        boolean hostOnly;
        if (domain == null || domain.equals(host)) {
            hostOnly = domain == null;
            domain = host;
        } else {
            if (isIp(host) || !domainMatch(host, domain)) return null;
            hostOnly = false;
        }
        if (secure && !"https".equalsIgnoreCase(url.getScheme())) return null;
        if (path == null) path = defaultPath(url);
        return new Cookie(name, value, domain, hostOnly, path, maxAgeExpires != null ? maxAgeExpires : expires,
                secure, httpOnly, sameSite);
    }

    private static Instant parseDate(String s) {
        try {
            return ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (RuntimeException e) {
            try {
                return ZonedDateTime.parse(s.replace('-', ' '),
                        DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.ROOT)).toInstant();
            } catch (RuntimeException e2) {
                return null;
            }
        }
    }
}
