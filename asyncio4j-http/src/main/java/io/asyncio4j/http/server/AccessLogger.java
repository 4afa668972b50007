package io.asyncio4j.http.server;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes one line per request to the {@code System.Logger} named
 * {@code io.asyncio4j.http.server.access} at INFO, in an Apache-like format.
 *
 * <p>The analog of aiohttp's {@code AccessLogger}; the same directives: {@code %a} remote
 * address, {@code %t} time, {@code %P} process id, {@code %r} request line, {@code %s} status,
 * {@code %b} body bytes sent, {@code %T} seconds, {@code %Tf} seconds with fraction, {@code %D}
 * microseconds, {@code %{Name}i} request header, {@code %{Name}o} response header.
 *
 * <pre>{@code
 * new HttpServerConfig().accessLogFormat("%a \"%r\" %s %b %Dus");
 * }</pre>
 */
public final class AccessLogger {
    static final System.Logger LOG = System.getLogger("io.asyncio4j.http.server.access");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("[dd/MMM/yyyy:HH:mm:ss Z]", Locale.US);

    private interface Part {
        void append(StringBuilder sb, Request req, StreamResponse resp, long nanos);
    }

    private final List<Part> parts = new ArrayList<>();

    /** Compiles {@code format}. */
    public AccessLogger(String format) {
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 >= format.length()) {
                lit.append(c);
                continue;
            }
            char d = format.charAt(++i);
            String arg = null;
            if (d == '{') {
                int close = format.indexOf('}', i);
                if (close < 0 || close + 1 >= format.length()) {
                    lit.append('%').append(d);
                    continue;
                }
                arg = format.substring(i + 1, close);
                i = close + 1;
                d = format.charAt(i);
            }
            if (!lit.isEmpty()) {
                String s = lit.toString();
                parts.add((sb, q, r, n) -> sb.append(s));
                lit.setLength(0);
            }
            String a = arg;
            switch (d) {
                case 'a' -> parts.add((sb, q, r, n) -> sb.append(q.remote() == null ? "-" : q.remote()));
                case 't' -> parts.add((sb, q, r, n) -> sb.append(TIME.format(ZonedDateTime.now())));
                case 'P' -> parts.add((sb, q, r, n) -> sb.append("<").append(ProcessHandle.current().pid()).append(">"));
                case 'r' -> parts.add((sb, q, r, n) -> sb.append(q.method()).append(' ').append(q.pathQs())
                        .append(" HTTP/").append(q.version().major()).append('.').append(q.version().minor()));
                case 's' -> parts.add((sb, q, r, n) -> sb.append(r == null ? 0 : r.status()));
                case 'b' -> parts.add((sb, q, r, n) -> sb.append(r == null ? 0 : r.bodyLength()));
                case 'D' -> parts.add((sb, q, r, n) -> sb.append(n / 1000));
                case 'T' -> {
                    if (i + 1 < format.length() && format.charAt(i + 1) == 'f') {
                        i++;
                        parts.add((sb, q, r, n) -> sb.append(String.format(Locale.ROOT, "%.6f", n / 1e9)));
                    } else {
                        parts.add((sb, q, r, n) -> sb.append(n / 1_000_000_000L));
                    }
                }
                case 'i' -> parts.add((sb, q, r, n) -> sb.append(orDash(q.header(a))));
                case 'o' -> parts.add((sb, q, r, n) -> sb.append(orDash(r == null ? null : r.headers().get(a))));
                default -> lit.append('%').append(d);
            }
        }
        if (!lit.isEmpty()) {
            String s = lit.toString();
            parts.add((sb, q, r, n) -> sb.append(s));
        }
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    /** Formats the line for one request. */
    public String format(Request req, StreamResponse resp, long nanos) {
        StringBuilder sb = new StringBuilder(96);
        for (Part p : parts) p.append(sb, req, resp, nanos);
        return sb.toString();
    }

    void log(Request req, StreamResponse resp, long nanos) {
        if (LOG.isLoggable(System.Logger.Level.INFO)) LOG.log(System.Logger.Level.INFO, format(req, resp, nanos));
    }
}
