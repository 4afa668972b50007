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
 * @param value cookie value; written as aiohttp (Python's {@code SimpleCookie}) writes it: as it is when
 *              it has only letters, digits and {@code !#$%&'*+-.^_`|~:}, else quoted with escapes
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

    /** Python's {@code http.cookies._LegalChars}: a value of only these is sent unquoted. */
    private static final String LEGAL = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~:";
    /** ... and these stay as they are inside the quotes; other octets become {@code \ooo}. */
    private static final String UNESCAPED = LEGAL + " ()/<=>?@[]{}";

    /** Validates the name; any value can be sent (see {@link #toHeaderValue}). */
    public Cookie {
        if (name == null || name.isEmpty() || !isToken(name)) throw new IllegalArgumentException("invalid cookie name: " + name);
        if (value == null) throw new IllegalArgumentException("cookie value is null");
    }

    /**
     * Python's {@code http.cookies._quote}, which aiohttp's {@code set_cookie} uses: {@code abc=} →
     * {@code "abc="}, {@code x;y} → {@code "x\073y"}, {@code ""} → {@code ""}. No CR or LF can get through.
     */
    static String quote(String v) {
        if (!v.isEmpty() && v.chars().allMatch(c -> LEGAL.indexOf(c) >= 0)) return v;
        StringBuilder sb = new StringBuilder(v.length() + 8).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 128 && UNESCAPED.indexOf(c) >= 0) {
                sb.append(c);
            } else if (c < 256) {
                sb.append('\\').append(String.format("%03o", (int) c));
            } else {
                // Python leaves it and aiohttp sends it as UTF-8; header values are written as Latin-1,
                // so its UTF-8 bytes go in as Latin-1 characters
                int cp = v.codePointAt(i);
                if (Character.charCount(cp) == 2) i++;
                byte[] utf8 = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                sb.append(new String(utf8, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return sb.append('"').toString();
    }

    /** Python's {@code http.cookies._unquote}: a quoted value loses its quotes and {@code \ooo}/{@code \c} escapes. */
    static String unquote(String v) {
        if (v.length() < 2 || v.charAt(0) != '"' || v.charAt(v.length() - 1) != '"') return v;
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 1; i < v.length() - 1; i++) {
            char c = v.charAt(i);
            if (c != '\\' || i + 1 >= v.length() - 1) {
                sb.append(c);
            } else if (i + 3 < v.length() - 1 && isOctal(v.charAt(i + 1), '3') && isOctal(v.charAt(i + 2), '7')
                    && isOctal(v.charAt(i + 3), '7')) {
                sb.append((char) Integer.parseInt(v.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(v.charAt(++i));
            }
        }
        return sb.toString();
    }

    private static boolean isOctal(char c, char max) {
        return c >= '0' && c <= max;
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
     * expires, HttpOnly, Max-Age, Path, SameSite, Secure), and the value {@link #quote}d.
     */
    public String toHeaderValue() {
        StringBuilder sb = new StringBuilder(name).append('=').append(quote(value));
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
