package io.asyncio4j.http.server;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** IMF-fixdate formatting/parsing and the cached {@code Date} header value. */
final class HttpDates {
    private static final DateTimeFormatter FMT =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static long cachedSecond = -1;
    private static byte[] cached;

    private HttpDates() {}

    static String format(long epochMillis) {
        return FMT.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Parses an HTTP date (IMF-fixdate or RFC 850/asctime via RFC_1123 fallback); null if invalid. */
    static Instant parse(String s) {
        if (s == null) return null;
        try {
            return ZonedDateTime.parse(s.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The current date as header bytes; cached per second (loop threads only read a published array). */
    static byte[] now() {
        long ms = System.currentTimeMillis();
        long sec = ms / 1000;
        byte[] c = cached;
        if (sec != cachedSecond || c == null) {
            c = format(sec * 1000).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            cached = c;
            cachedSecond = sec;
        }
        return c;
    }
}
