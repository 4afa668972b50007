package io.asyncio4j.http.server;

import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Sends a file: zero-copy {@code sendfile} ({@link FileChannel#transferTo}) unless the body is
 * compressed, with {@code ETag}, {@code Last-Modified}, conditional GET ({@code If-None-Match},
 * {@code If-Modified-Since} → 304) and a single {@code Range} (206, or 416 when unsatisfiable;
 * {@code If-Range} honoured; several ranges are answered with the whole file).
 *
 * <p>The analog of aiohttp's {@code web.FileResponse}.
 *
 * <pre>{@code
 * app.router().get("/download", req -> new FileResponse(Path.of("data/report.pdf")));
 * }</pre>
 */
public class FileResponse extends StreamResponse {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"), Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("xml", "application/xml"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"), Map.entry("wasm", "application/wasm"), Map.entry("pdf", "application/pdf"),
            Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"), Map.entry("mp4", "video/mp4"),
            Map.entry("woff2", "font/woff2"));

    private final Path path;
    private final int chunkSize;

    /** A response sending {@code path}. */
    public FileResponse(Path path) {
        this(path, 256 * 1024);
    }

    /** A response sending {@code path}, streaming in {@code chunkSize} pieces when not using sendfile. */
    public FileResponse(Path path, int chunkSize) {
        this.path = path;
        this.chunkSize = chunkSize;
    }

    /** The file. */
    public Path path() {
        return path;
    }

    static String guessType(String name) {
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        String t = TYPES.get(ext);
        if (t == null) t = URLConnection.guessContentTypeFromName(name);
        return t == null ? "application/octet-stream" : t;
    }

    @Override
    public StreamResponse prepare(Request request) throws Exception {
        if (prepared) return this;
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw HttpException.notFound();
        }
        if (!attrs.isRegularFile()) throw HttpException.notFound();
        long size = attrs.size();
        Instant mtime = attrs.lastModifiedTime().toInstant();
        long mtimeNanos = mtime.getEpochSecond() * 1_000_000_000L + mtime.getNano();
        String etag = "\"" + Long.toHexString(mtimeNanos) + "-" + Long.toHexString(size) + "\"";
        String lastModified = HttpDates.format(mtime.toEpochMilli());
        headers().set("ETag", etag);
        headers().set("Last-Modified", lastModified);
        headers().set("Accept-Ranges", "bytes");
        if (!headers().contains("Content-Type")) headers().set("Content-Type", guessType(path.getFileName().toString()));

        if (notModified(request, etag, mtime)) {
            status(304);
            headers().remove("Content-Type");
            sendHead(request, -1, false);
            eofWritten = true;
            return this;
        }
        long start = 0;
        long length = size;
        String range = request.header("Range");
        if (range != null && ifRangeMatches(request.header("If-Range"), etag, mtime)) {
            long[] r = parseRange(range, size);
            if (r == null) {
                status(416);
                headers().set("Content-Range", "bytes */" + size);
                headers().remove("Content-Type");
                sendHead(request, 0, false);
                eofWritten = true;
                return this;
            }
            if (r.length == 2) {
                start = r[0];
                length = r[1] - r[0] + 1;
                status(206);
                headers().set("Content-Range", "bytes " + r[0] + "-" + r[1] + "/" + size);
            }
        }
        boolean compressed = status() == 200 && startCompression(request);
        try (FileChannel fc = FileChannel.open(path, StandardOpenOption.READ)) {
            if (compressed) {
                sendHead(request, -1, false);
                if (!noBody) {
                    ByteBuffer buf = ByteBuffer.allocate(chunkSize);
                    long pos = 0;
                    while (pos < length) {
                        buf.clear();
                        int n = fc.read(buf, pos);
                        if (n < 0) break;
                        pos += n;
                        write(buf.array(), 0, n);
                        drain();
                    }
                }
                writeEof();
                return this;
            }
            sendHead(request, length, false);
            if (!noBody && length > 0) {
                long sent = request.connection().sendfile(fc, start, length);
                bodyBytes += sent;
            }
        }
        eofWritten = true;
        request.connection().flush();
        return this;
    }

    private static boolean notModified(Request req, String etag, Instant mtime) {
        if (!req.method().equals("GET") && !req.method().equals("HEAD")) return false;
        String inm = req.header("If-None-Match");
        if (inm != null) {
            for (String t : inm.split(",")) {
                String tag = t.strip();
                if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) return true;
            }
            return false;
        }
        Instant ims = HttpDates.parse(req.header("If-Modified-Since"));
        return ims != null && mtime.getEpochSecond() <= ims.getEpochSecond();
    }

    private static boolean ifRangeMatches(String ifRange, String etag, Instant mtime) {
        if (ifRange == null) return true;
        String v = ifRange.strip();
        if (v.startsWith("\"") || v.startsWith("W/")) return v.equals(etag);
        Instant d = HttpDates.parse(v);
        return d != null && mtime.getEpochSecond() <= d.getEpochSecond();
    }

    /**
     * {start, end} (inclusive) of a single satisfiable range; an empty array to ignore the header
     * (malformed or several ranges); null when unsatisfiable (416).
     */
    static long[] parseRange(String header, long size) {
        String h = header.strip();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) return new long[0];
        String spec = h.substring(6).strip();
        if (spec.indexOf(',') >= 0) return new long[0];
        int dash = spec.indexOf('-');
        if (dash < 0) return new long[0];
        String a = spec.substring(0, dash).strip();
        String b = spec.substring(dash + 1).strip();
        try {
            if (a.isEmpty()) {
                if (b.isEmpty()) return new long[0];
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || size == 0) return null;
                return new long[] {Math.max(0, size - suffix), size - 1};
            }
            long start = Long.parseLong(a);
            long end = b.isEmpty() ? size - 1 : Long.parseLong(b);
            if (start < 0) return new long[0];
            if (start >= size) return null;
            if (end < start) return new long[0];
            return new long[] {start, Math.min(end, size - 1)};
        } catch (NumberFormatException e) {
            return new long[0];
        }
    }
}
