package io.asyncio4j.http.websocket;

/**
 * Incremental UTF-8 validator (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF)
 * that can be fed a message in pieces split anywhere, failing at the first invalid octet.
 *
 * <p>aiohttp relies on {@code bytes.decode('utf-8')} at message end; this fails fast instead, as
 * the Autobahn test suite expects.
 *
 * <pre>{@code
 * Utf8Validator v = new Utf8Validator();
 * boolean ok = v.feed(part1, 0, n1) && v.feed(part2, 0, n2) && v.isComplete();
 * }</pre>
 */
public final class Utf8Validator {
    private int need;   // continuation bytes still expected
    private int lo = 0x80, hi = 0xbf; // range allowed for the next continuation byte
    private boolean failed;

    /** Validates more octets; false once any octet so far was invalid. */
    public boolean feed(byte[] b, int off, int len) {
        if (failed) return false;
        int n = need;
        for (int i = off, end = off + len; i < end; i++) {
            int c = b[i] & 0xff;
            if (n == 0) {
                if (c < 0x80) continue;
                if (c >= 0xc2 && c <= 0xdf) {
                    n = 1; lo = 0x80; hi = 0xbf;
                } else if (c >= 0xe0 && c <= 0xef) {
                    n = 2;
                    lo = c == 0xe0 ? 0xa0 : 0x80;
                    hi = c == 0xed ? 0x9f : 0xbf;
                } else if (c >= 0xf0 && c <= 0xf4) {
                    n = 3;
                    lo = c == 0xf0 ? 0x90 : 0x80;
                    hi = c == 0xf4 ? 0x8f : 0xbf;
                } else {
                    failed = true;
                    return false;
                }
            } else {
                if (c < lo || c > hi) {
                    failed = true;
                    return false;
                }
                lo = 0x80;
                hi = 0xbf;
                n--;
            }
        }
        need = n;
        return true;
    }

    /** True if everything fed is valid and no code point is cut off. */
    public boolean isComplete() {
        return !failed && need == 0;
    }

    /** Forgets everything fed (for the next message). */
    public void reset() {
        need = 0;
        lo = 0x80;
        hi = 0xbf;
        failed = false;
    }

    /** Validates one complete byte range. */
    public static boolean isValid(byte[] b, int off, int len) {
        Utf8Validator v = new Utf8Validator();
        return v.feed(b, off, len) && v.isComplete();
    }
}
