package io.asyncio4j.http.server;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding of request paths and queries as aiohttp (yarl) does it: leniently, because a
 * request aiohttp answers must not become a 400 here. An escape that is not {@code %XX} stays as
 * written; bytes that are not UTF-8 stay percent-encoded in a path and become U+FFFD in a query.
 *
 * <p>{@link Mode#PATH_SAFE} is the path the router matches (yarl's {@code path_safe}): {@code %2F}
 * and {@code %25} stay encoded, so an encoded slash never splits a segment ({@code /files/a%2Fb}
 * matches {@code /files/{name}}); {@link #unquoteSafe} then decodes the matched values.
 */
final class PercentDecoder {
    enum Mode { PATH, PATH_SAFE, QUERY }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentDecoder() {}

    static String decode(String s, Mode mode) {
        boolean plus = mode == Mode.QUERY;
        if (s.indexOf('%') < 0 && (!plus || s.indexOf('+') < 0)) return s;
        StringBuilder out = new StringBuilder(s.length());
        byte[] run = new byte[s.length() / 3 + 1];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int hi = -1;
            int lo = -1;
            if (c == '%' && i + 2 < s.length()) {
                hi = Character.digit(s.charAt(i + 1), 16);
                lo = Character.digit(s.charAt(i + 2), 16);
            }
            if (hi >= 0 && lo >= 0) {
                int b = hi * 16 + lo;
                if (mode == Mode.PATH_SAFE && (b == '/' || b == '%')) {
                    n = flush(run, n, out, false);
                    out.append('%').append(HEX[hi]).append(HEX[lo]);
                } else {
                    run[n++] = (byte) b;
                }
                i += 2;
                continue;
            }
            n = flush(run, n, out, mode == Mode.QUERY);
            out.append(plus && c == '+' ? ' ' : c);
        }
        flush(run, n, out, mode == Mode.QUERY);
        return out.toString();
    }

    /** Decodes the {@code %2F} and {@code %25} that {@link Mode#PATH_SAFE} left encoded. */
    static String unquoteSafe(String s) {
        if (s.indexOf('%') < 0) return s;
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && s.regionMatches(true, i, "%2F", 0, 3)) {
                out.append('/');
                i += 2;
            } else if (c == '%' && s.startsWith("%25", i)) {
                out.append('%');
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Appends the UTF-8 text of {@code run[0..n)}; malformed bytes become U+FFFD or stay escaped. */
    private static int flush(byte[] run, int n, StringBuilder out, boolean replace) {
        if (n == 0) return 0;
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(run, 0, n);
        CharBuffer chars = CharBuffer.allocate(n);
        while (true) {
            CoderResult r = d.decode(in, chars, true);
            if (!r.isError()) break;
            out.append(chars.flip());
            chars.clear();
            if (replace) out.append('\uFFFD');
            for (int k = 0; k < r.length(); k++) {
                int b = in.get() & 0xff;
                if (!replace) out.append('%').append(HEX[b >> 4]).append(HEX[b & 15]);
            }
        }
        d.flush(chars);
        out.append(chars.flip());
        return 0;
    }
}
