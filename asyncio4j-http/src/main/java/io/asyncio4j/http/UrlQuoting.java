package io.asyncio4j.http;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding as aiohttp's URL library (yarl) does it, so the URLs we build are the ones
 * aiohttp would send: UTF-8, upper-case hex, and yarl's sets of characters left as they are.
 * Used for the client's query parameters and form bodies and the server's {@code urlFor}.
 */
public final class UrlQuoting {
    /** yarl's path quoter: unreserved, sub-delimiters, {@code :@} and {@code /}. */
    private static final boolean[] PATH = allowed("!$&'()*+,;=:@/");
    /** yarl's query-part quoter: as the path minus {@code &+;=}, plus {@code ?}; space becomes {@code +}. */
    private static final boolean[] QUERY = allowed("!$'()*,:@/?");
    /** Python's {@code urlencode} ({@code quote_plus}): only unreserved characters stay; space becomes {@code +}. */
    private static final boolean[] FORM = allowed("");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlQuoting() {}

    private static boolean[] allowed(String extra) {
        boolean[] a = new boolean[128];
        for (char c = 'a'; c <= 'z'; c++) a[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) a[c] = true;
        for (char c = '0'; c <= '9'; c++) a[c] = true;
        for (char c : ("-._~" + extra).toCharArray()) a[c] = true;
        return a;
    }

    /** Quotes a path (or a path segment value): {@code "a b/c?"} → {@code "a%20b/c%3F"}. */
    public static String quotePath(String s) {
        return quote(s, PATH, false);
    }

    /** Quotes a query key or value: {@code "1 2&x"} → {@code "1+2%26x"}. */
    public static String quoteQuery(String s) {
        return quote(s, QUERY, true);
    }

    /**
     * Quotes a field name or value of an {@code application/x-www-form-urlencoded} body as aiohttp
     * does (Python's {@code urlencode}): {@code "a/b c"} → {@code "a%2Fb+c"}.
     */
    public static String quoteForm(String s) {
        return quote(s, FORM, true);
    }

    /**
     * Makes a URL typed by a person sendable, as yarl does when aiohttp is given a string: characters
     * that may not appear in a URL are percent-encoded as UTF-8 (a space as {@code %20} in the path
     * and {@code +} in the query; {@code "<>[]{}|\\^`} too), a {@code %} not followed by two hex
     * digits becomes {@code %25}, valid escapes and the URL's structure stay, and a non-ASCII host
     * becomes its IDNA (punycode) form. A URL that needs none of this is returned as it is.
     */
    public static String requote(String url) {
        int start = 0;
        int scheme = url.indexOf("://");
        StringBuilder out = new StringBuilder(url.length() + 16);
        if (scheme > 0 && url.substring(0, scheme).chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
            int end = scheme + 3;
            while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) end++;
            String authority = url.substring(scheme + 3, end);
            out.append(url, 0, scheme + 3).append(asciiAuthority(authority));
            start = end;
        }
        int q = url.indexOf('?', start);
        int h = url.indexOf('#', start);
        if (h >= 0 && q > h) q = -1;
        int pathEnd = q >= 0 ? q : h >= 0 ? h : url.length();
        requote(url, start, pathEnd, PATH_STRUCTURE, false, out);
        if (q >= 0) {
            out.append('?');
            requote(url, q + 1, h >= 0 ? h : url.length(), QUERY_STRUCTURE, true, out);
        }
        if (h >= 0) {
            out.append('#');
            requote(url, h + 1, url.length(), QUERY_STRUCTURE, false, out);
        }
        String r = out.toString();
        return r.equals(url) ? url : r;
    }

    /** Path characters plus {@code %} (escapes are checked separately). */
    private static final boolean[] PATH_STRUCTURE = allowed("!$&'()*+,;=:@/");
    /** Query characters plus the separators {@code &=+;}. */
    private static final boolean[] QUERY_STRUCTURE = allowed("!$'()*,:@/?&=+;");

    private static void requote(String s, int from, int to, boolean[] keep, boolean spaceAsPlus, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < to
                    && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.append(s, i, i + 3);
                i += 2;
            } else if (c < 128 && keep[c]) {
                out.append(c);
            } else if (c == ' ' && spaceAsPlus) {
                out.append('+');
            } else {
                int cp = s.codePointAt(i);
                if (Character.charCount(cp) == 2) i++;
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(HEX[(b >> 4) & 15]).append(HEX[b & 15]);
                }
            }
        }
    }

    private static String asciiAuthority(String authority) {
        int at = authority.lastIndexOf('@');
        String host = authority.substring(at + 1);
        if (host.chars().allMatch(c -> c < 128)) return authority;
        int colon = host.lastIndexOf(':');
        String name = colon >= 0 && !host.endsWith("]") ? host.substring(0, colon) : host;
        String port = name.length() < host.length() ? host.substring(name.length()) : "";
        return authority.substring(0, at + 1) + java.net.IDN.toASCII(name, java.net.IDN.ALLOW_UNASSIGNED) + port;
    }

    private static String quote(String s, boolean[] keep, boolean spaceAsPlus) {
        int i = 0;
        while (i < s.length() && s.charAt(i) < 128 && keep[s.charAt(i)]) i++;
        if (i == s.length()) return s;
        StringBuilder out = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (byte b : s.substring(i).getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 128 && keep[c]) {
                out.append((char) c);
            } else if (c == ' ' && spaceAsPlus) {
                out.append('+');
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            }
        }
        return out.toString();
    }
}
