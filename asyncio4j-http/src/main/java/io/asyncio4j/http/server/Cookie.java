package io.asyncio4j.http.server;

import java.time.Duration;

/**
 * A cookie to set on a response ({@code Set-Cookie}, RFC 6265) with its attributes.
 *
 * <p>The analog of the keyword arguments of aiohttp's {@code StreamResponse.set_cookie}.
 *
 * <pre>{@code
 * response.setCookie(Cookie.of("session", id).path("/").httpOnly(true).secure(true)
 *         .sameSite("Lax").maxAge(Duration.ofHours(1)));
 * }</pre>
 *
 * @param name cookie name (a token)
 * @param value cookie value (cookie-octets; quote or encode anything else yourself)
 * @param path {@code Path} attribute or null
 * @param domain {@code Domain} attribute or null
 * @param maxAge {@code Max-Age} in seconds, or -1 for none
 * @param expires {@code Expires} as an HTTP date, or null
 * @param secure {@code Secure}
 * @param httpOnly {@code HttpOnly}
 * @param sameSite {@code SameSite} ({@code Strict}, {@code Lax}, {@code None}) or null
 */
public record Cookie(String name, String value, String path, String domain, long maxAge, String expires,
                     boolean secure, boolean httpOnly, String sameSite) {

    /** Validates name and value. */
    public Cookie {
        if (name == null || name.isEmpty() || !isToken(name)) throw new IllegalArgumentException("invalid cookie name: " + name);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '"' || c == ',' || c == ';' || c == '\\') {
                throw new IllegalArgumentException("invalid octet in cookie value: " + value);
            }
        }
    }

    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) return false;
        }
        return true;
    }

    /** A session cookie with {@code Path=/} (aiohttp's default path). */
    public static Cookie of(String name, String value) {
        return new Cookie(name, value, "/", null, -1, null, false, false, null);
    }

    /** A copy with {@code Path}. */
    public Cookie path(String v) {
        return new Cookie(name, value, v, domain, maxAge, expires, secure, httpOnly, sameSite);
    }

    /** A copy with {@code Domain}. */
    public Cookie domain(String v) {
        return new Cookie(name, value, path, v, maxAge, expires, secure, httpOnly, sameSite);
    }

    /** A copy with {@code Max-Age}. */
    public Cookie maxAge(Duration v) {
        return new Cookie(name, value, path, domain, v.toSeconds(), expires, secure, httpOnly, sameSite);
    }

    /** A copy with {@code Expires} (an HTTP date string). */
    public Cookie expires(String httpDate) {
        return new Cookie(name, value, path, domain, maxAge, httpDate, secure, httpOnly, sameSite);
    }

    /** A copy with {@code Secure}. */
    public Cookie secure(boolean v) {
        return new Cookie(name, value, path, domain, maxAge, expires, v, httpOnly, sameSite);
    }

    /** A copy with {@code HttpOnly}. */
    public Cookie httpOnly(boolean v) {
        return new Cookie(name, value, path, domain, maxAge, expires, secure, v, sameSite);
    }

    /** A copy with {@code SameSite}. */
    public Cookie sameSite(String v) {
        return new Cookie(name, value, path, domain, maxAge, expires, secure, httpOnly, v);
    }

    /**
     * The {@code Set-Cookie} field value, byte for byte as aiohttp writes it (Python's
     * {@code Morsel.OutputString}): attributes in the order of their lower-case names (Domain,
     * expires, HttpOnly, Max-Age, Path, SameSite, Secure), and an empty value as {@code ""}.
     */
    public String toHeaderValue() {
        StringBuilder sb = new StringBuilder(name).append('=').append(value.isEmpty() ? "\"\"" : value);
        if (domain != null) sb.append("; Domain=").append(domain);
        if (expires != null) sb.append("; expires=").append(expires);
        if (httpOnly) sb.append("; HttpOnly");
        if (maxAge >= 0) sb.append("; Max-Age=").append(maxAge);
        if (path != null) sb.append("; Path=").append(path);
        if (sameSite != null) sb.append("; SameSite=").append(sameSite);
        if (secure) sb.append("; Secure");
        return sb.toString();
    }
}
