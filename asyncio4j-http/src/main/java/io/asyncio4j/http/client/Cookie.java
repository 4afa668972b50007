package io.asyncio4j.http.client;

import java.time.Instant;

/**
 * One cookie as stored by a {@link CookieJar} (RFC 6265 §5.3): aiohttp's {@code Morsel} in a
 * {@code CookieJar}.
 *
 * <pre>{@code
 * for (Cookie c : session.cookieJar().all()) System.out.println(c.name() + "=" + c.value() + " for " + c.domain());
 * }</pre>
 *
 * @param name the cookie name
 * @param value the cookie value as received, quotes included (sent back unchanged; aiohttp's {@code coded_value})
 * @param domain the domain it is sent to (the request host when host-only)
 * @param hostOnly true if sent only to exactly {@code domain} (no Domain attribute)
 * @param path the path prefix it is sent to
 * @param expires when it expires, null for a session cookie
 * @param secure sent only over https
 * @param httpOnly the HttpOnly attribute (informational for a client)
 * @param sameSite the SameSite attribute, or null
 */
public record Cookie(String name, String value, String domain, boolean hostOnly, String path, Instant expires,
                     boolean secure, boolean httpOnly, String sameSite) {
    /** Whether the cookie has expired at {@code now}. */
    public boolean expiredAt(Instant now) {
        return expires != null && !expires.isAfter(now);
    }
}
