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
