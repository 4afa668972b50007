package io.asyncio4j.http.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a {@code Range: bytes=...} header asks of a file of a given size (RFC 9110 §14.1.2, §14.2),
 * after our policy:
 *
 * <ul>
 * <li>a header that is not {@code bytes=} or has any malformed range-spec is ignored (200, the whole file):
 *     RFC 9110 lets a server ignore a Range it cannot parse;</li>
 * <li>more than {@code maxRanges} range-specs are ignored too: answering every piece of a long list of
 *     tiny or repeated ranges costs far more than the request (the amplification RFC 9110 §17.15 warns
 *     about), and the whole file is never more than the file;</li>
 * <li>range-specs beyond the end of the file are dropped; if none is left, the set is unsatisfiable (416);</li>
 * <li>overlapping or adjacent ranges are coalesced, and then the ranges are sent in ascending order (§14.6
 *     allows both); otherwise they keep the order of the request, as §14.6 recommends.</li>
 * </ul>
 */
record ByteRanges(Kind kind, List<Range> ranges) {
    enum Kind {
        /** Send the whole file with 200. */
        IGNORE,
        /** Answer 416 with {@code Content-Range: bytes *}{@code /size}. */
        UNSATISFIABLE,
        /** Send {@link #ranges()}: one → a plain 206, several → {@code multipart/byteranges}. */
        PARTIAL
    }

    /** Inclusive byte positions, as in {@code Content-Range}. */
    record Range(long first, long last) {
        long length() {
            return last - first + 1;
        }

        String contentRange(long size) {
            return "bytes " + first + "-" + last + "/" + size;
        }
    }

    /** No ranges: the whole file. */
    static final ByteRanges WHOLE = new ByteRanges(Kind.IGNORE, List.of());
    private static final ByteRanges UNSATISFIED = new ByteRanges(Kind.UNSATISFIABLE, List.of());

    /** Interprets {@code header} for a file of {@code size} bytes, ignoring sets of more than {@code maxRanges}. */
    static ByteRanges of(String header, long size, int maxRanges) {
        String h = header.strip();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) return WHOLE;
        List<Range> satisfiable = new ArrayList<>();
        int specs = 0;
        for (String part : h.substring(6).split(",", -1)) {
            String spec = part.strip();
            if (spec.isEmpty()) continue; // RFC 9110 §5.6.1: empty list elements do not count
            if (++specs > maxRanges) return WHOLE;
            long[] r = parseSpec(spec, size);
            if (r == null) return WHOLE;
            if (r.length == 2) satisfiable.add(new Range(r[0], r[1]));
        }
        if (specs == 0) return WHOLE;
        if (satisfiable.isEmpty()) return UNSATISFIED;
        return new ByteRanges(Kind.PARTIAL, coalesce(satisfiable));
    }

    /**
     * One range-spec: {first, last} when satisfiable, an empty array when valid but beyond the end
     * (or an empty suffix), null when malformed.
     */
    private static long[] parseSpec(String spec, long size) {
        int dash = spec.indexOf('-');
        if (dash < 0) return null;
        String a = spec.substring(0, dash).strip();
        String b = spec.substring(dash + 1).strip();
        if (!digits(a) || !digits(b)) return null;
        if (a.isEmpty()) {
            if (b.isEmpty()) return null;
            long suffix = position(b);
            if (suffix == 0 || size == 0) return new long[0];
            return new long[] {Math.max(0, size - suffix), size - 1};
        }
        long first = position(a);
        long last = b.isEmpty() ? Long.MAX_VALUE : position(b);
        if (last < first) return null;
        if (first >= size) return new long[0];
        return new long[] {first, Math.min(last, size - 1)};
    }

    /** A run of digits; a number beyond a long saturates (it is past the end of any file anyway). */
    private static long position(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        }
        return true;
    }

    /** Merges overlapping or adjacent ranges; keeps the request's order when nothing merges. */
    private static List<Range> coalesce(List<Range> ranges) {
        if (ranges.size() == 1) return List.copyOf(ranges);
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(Range::first));
        List<Range> merged = new ArrayList<>(sorted.size());
        Range cur = sorted.getFirst();
        for (int i = 1; i < sorted.size(); i++) {
            Range next = sorted.get(i);
            if (next.first() <= cur.last() + 1) {
                cur = new Range(cur.first(), Math.max(cur.last(), next.last()));
            } else {
                merged.add(cur);
                cur = next;
            }
        }
        merged.add(cur);
        return merged.size() == ranges.size() ? List.copyOf(ranges) : List.copyOf(merged);
    }
}
