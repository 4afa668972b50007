package io.asyncio4j.http.server;

import io.asyncio4j.http.CharsetNames;
import io.asyncio4j.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * A streaming reader of a {@code multipart/form-data} (or any {@code multipart/*}) body: parts
 * come one at a time and each part's data is read in pieces, so a file part can go straight to
 * disk ({@link Part#saveTo}) while memory stays bounded by the body buffer.
 *
 * <p>The analog of aiohttp's {@code MultipartReader} / {@code BodyPartReader}
 * ({@code await request.multipart()}, {@code await reader.next()}, {@code part.read_chunk()}).
 *
 * <pre>{@code
 * MultipartReader mr = request.multipart();
 * for (MultipartReader.Part part; (part = mr.next()) != null; ) {
 *     if (part.filename() != null) part.saveTo(uploadDir.resolve(safeName(part.filename())));
 *     else fields.put(part.name(), part.text());
 * }
 * }</pre>
 */
public final class MultipartReader {
    private static final int MAX_HEADER_LINE = 8190;
    private static final int MAX_PART_HEADERS = 100;

    /** A file part stored on disk (see {@link Request#postFiles()}). */
    public record FileField(String name, String filename, String contentType, Path path, long size) {}

    private final BodyStream in;
    private final byte[] dashBoundary;   // --boundary
    private final byte[] delimiter;      // \r\n--boundary
    private byte[] buf = new byte[16 * 1024];
    private int start;
    private int end;
    private boolean started;
    private boolean finished;
    private Part current;

    MultipartReader(String contentType, BodyStream in) {
        if (contentType == null || !contentType.strip().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            throw HttpException.badRequest("not a multipart body: " + contentType);
        }
        String boundary = param(contentType, "boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw HttpException.badRequest("multipart body without a valid boundary");
        }
        this.in = in;
        this.dashBoundary = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A parameter of a header value such as {@code form-data; name="a"}; null if absent. */
    static String param(String headerValue, String name) {
        if (headerValue == null) return null;
        int i = headerValue.indexOf(';');
        while (i >= 0 && i < headerValue.length()) {
            int j = i + 1;
            while (j < headerValue.length() && (headerValue.charAt(j) == ' ' || headerValue.charAt(j) == '\t')) j++;
            int eq = headerValue.indexOf('=', j);
            if (eq < 0) return null;
            String key = headerValue.substring(j, eq).strip();
            int k = eq + 1;
            String value;
            if (k < headerValue.length() && headerValue.charAt(k) == '"') {
                StringBuilder sb = new StringBuilder();
                k++;
                while (k < headerValue.length() && headerValue.charAt(k) != '"') {
                    char c = headerValue.charAt(k);
                    if (c == '\\' && k + 1 < headerValue.length()) c = headerValue.charAt(++k);
                    sb.append(c);
                    k++;
                }
                value = sb.toString();
                k++;
                int semi = headerValue.indexOf(';', k);
                i = semi;
            } else {
                int semi = headerValue.indexOf(';', k);
                value = (semi < 0 ? headerValue.substring(k) : headerValue.substring(k, semi)).strip();
                i = semi;
            }
            if (key.equalsIgnoreCase(name)) return value;
        }
        return null;
    }

    /** The next part, or null after the last one (the current part's unread data is skipped). */
    public Part next() throws Exception {
        if (finished) return null;
        if (current != null) {
            while (current.readChunk() != null) {
                // skip
            }
            current = null;
        }
        if (!started) {
            skipPreamble();
            started = true;
        }
        // positioned right after --boundary
        while (end - start < 2) {
            if (!fill()) throw HttpException.badRequest("multipart body ended after a boundary");
        }
        if (buf[start] == '-' && buf[start + 1] == '-') {
            finished = true;
            return null;
        }
        // transport padding, then CRLF
        while (true) {
            while (start < end && (buf[start] == ' ' || buf[start] == '\t')) start++;
            if (end - start >= 2) break;
            if (!fill()) throw HttpException.badRequest("multipart body ended after a boundary");
        }
        if (buf[start] != '\r' || buf[start + 1] != '\n') throw HttpException.badRequest("malformed multipart boundary line");
        start += 2;
        HttpHeaders headers = new HttpHeaders();
        while (true) {
            String line = readLine();
            if (line.isEmpty()) break;
            int colon = line.indexOf(':');
            if (colon <= 0) throw HttpException.badRequest("malformed multipart part header");
            headers.add(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            if (headers.size() > MAX_PART_HEADERS) throw HttpException.badRequest("too many multipart part headers");
        }
        current = new Part(headers);
        return current;
    }

    private void skipPreamble() throws Exception {
        while (end - start < dashBoundary.length) {
            if (!fill()) throw HttpException.badRequest("multipart body without boundary");
        }
        if (startsWith(start, dashBoundary)) {
            start += dashBoundary.length;
            return;
        }
        while (true) {
            int i = find(delimiter, start);
            if (i >= 0) {
                start = i + delimiter.length;
                return;
            }
            start = Math.max(start, end - delimiter.length);
            if (!fill()) throw HttpException.badRequest("multipart body without boundary");
        }
    }

    private String readLine() throws Exception {
        while (true) {
            for (int i = start; i + 1 < end; i++) {
                if (buf[i] == '\r' && buf[i + 1] == '\n') {
                    String s = new String(buf, start, i - start, StandardCharsets.UTF_8);
                    start = i + 2;
                    return s;
                }
            }
            if (end - start > MAX_HEADER_LINE) throw HttpException.badRequest("multipart header line too long");
            if (!fill()) throw HttpException.badRequest("multipart body ended inside part headers");
        }
    }

    private boolean startsWith(int at, byte[] pat) {
        if (end - at < pat.length) return false;
        return Arrays.equals(buf, at, at + pat.length, pat, 0, pat.length);
    }

    private int find(byte[] pat, int from) {
        byte first = pat[0];
        int last = end - pat.length;
        for (int i = from; i <= last; i++) {
            if (buf[i] == first && Arrays.equals(buf, i, i + pat.length, pat, 0, pat.length)) return i;
        }
        return -1;
    }

    private boolean fill() throws Exception {
        byte[] chunk = in.readChunk();
        if (chunk == null) return false;
        int live = end - start;
        if (start > 0 && (live + chunk.length > buf.length - start || start > buf.length / 2)) {
            System.arraycopy(buf, start, buf, 0, live);
            start = 0;
            end = live;
        }
        if (end + chunk.length > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, end + chunk.length));
        System.arraycopy(chunk, 0, buf, end, chunk.length);
        end += chunk.length;
        return true;
    }

    /**
     * One part: headers and a data stream. The analog of aiohttp's {@code BodyPartReader}.
     */
    public final class Part {
        private final HttpHeaders headers;
        private boolean done;

        Part(HttpHeaders headers) {
            this.headers = headers;
        }

        /** The part's headers. */
        public HttpHeaders headers() {
            return headers;
        }

        /** The {@code name} of {@code Content-Disposition}, or null. */
        public String name() {
            return param(headers.get("Content-Disposition"), "name");
        }

        /** The {@code filename} (or decoded {@code filename*}) of {@code Content-Disposition}, or null. */
        public String filename() {
            String cd = headers.get("Content-Disposition");
            String ext = param(cd, "filename*");
            if (ext != null) {
                int q = ext.indexOf("''");
                if (q >= 0) return URLDecoder.decode(ext.substring(q + 2).replace("+", "%2B"), StandardCharsets.UTF_8);
            }
            return param(cd, "filename");
        }

        /** The part's {@code Content-Type}, or {@code text/plain} if absent. */
        public String contentType() {
            String ct = headers.get("Content-Type");
            return ct == null ? "text/plain" : ct;
        }

        /** The next piece of data, or null at the end of the part. */
        public byte[] readChunk() throws Exception {
            if (done) return null;
            while (true) {
                int i = find(delimiter, start);
                if (i >= 0) {
                    if (i > start) {
                        byte[] c = Arrays.copyOfRange(buf, start, i);
                        start = i;
                        return c;
                    }
                    start = i + delimiter.length;
                    done = true;
                    return null;
                }
                int safe = end - (delimiter.length - 1);
                if (safe > start) {
                    byte[] c = Arrays.copyOfRange(buf, start, safe);
                    start = safe;
                    return c;
                }
                if (!fill()) throw HttpException.badRequest("multipart body ended inside a part");
            }
        }

        /** The whole part data (keep parts small; use {@link #saveTo} for files). */
        public byte[] read() throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] c; (c = readChunk()) != null; ) out.write(c);
            return out.toByteArray();
        }

        /** The part data as text in its charset (UTF-8 by default). */
        public String text() throws Exception {
            String cs = param(headers.get("Content-Type"), "charset");
            java.nio.charset.Charset charset = cs == null ? StandardCharsets.UTF_8 : CharsetNames.lookup(cs);
            if (charset == null) throw HttpException.badRequest("unknown charset " + cs);
            return new String(read(), charset);
        }

        /** Streams the part data into {@code file} (created or truncated); returns the size. */
        public long saveTo(Path file) throws Exception {
            long n = 0;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                for (byte[] c; (c = readChunk()) != null; ) {
                    ByteBuffer b = ByteBuffer.wrap(c);
                    while (b.hasRemaining()) ch.write(b);
                    n += c.length;
                }
            }
            return n;
        }
    }
}
