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
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends a file: zero-copy {@code sendfile} ({@link FileChannel#transferTo}) unless the body is
 * compressed, with {@code ETag}, {@code Last-Modified}, conditional GET ({@code If-None-Match},
 * {@code If-Modified-Since} → 304) and byte ranges ({@code Range}, {@code If-Range}): one range → 206
 * with {@code Content-Range}; several → 206 {@code multipart/byteranges}, each part streamed from the
 * file with its own {@code Content-Type} and {@code Content-Range}; none satisfiable → 416. Overlapping
 * or adjacent ranges are coalesced and a set of more than {@link HttpServerConfig#maxRanges()} is
 * answered with the whole file (see {@code ByteRanges} for the policy).
 *
 * <p>The analog of aiohttp's {@code web.FileResponse}.
 *
 * <pre>{@code
 * app.router().get("/download", req -> new FileResponse(Path.of("data/report.pdf")));
 * }</pre>
 */
public class FileResponse extends StreamResponse {
    /**
     * Python's {@code mimetypes} answers for common extensions, which aiohttp's FileResponse sends as
     * they are: no {@code charset} (the file's bytes are not known to be UTF-8).
     */
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html"), Map.entry("htm", "text/html"), Map.entry("txt", "text/plain"),
            Map.entry("css", "text/css"), Map.entry("js", "text/javascript"), Map.entry("mjs", "text/javascript"),
            Map.entry("csv", "text/csv"), Map.entry("md", "text/markdown"),
            Map.entry("json", "application/json"), Map.entry("xml", "application/xml"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/vnd.microsoft.icon"), Map.entry("wasm", "application/wasm"),
            Map.entry("pdf", "application/pdf"), Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"),
            Map.entry("mp4", "video/mp4"), Map.entry("woff2", "font/woff2"));

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
        ByteRanges ranges = requestedRanges(request, size, etag, mtime);
        if (ranges.kind() == ByteRanges.Kind.UNSATISFIABLE) {
            status(416);
            headers().set("Content-Range", "bytes */" + size);
            headers().remove("Content-Type");
            sendHead(request, 0, false);
            eofWritten = true;
            return this;
        }
        List<ByteRanges.Range> parts = ranges.kind() == ByteRanges.Kind.PARTIAL
                ? ranges.ranges() : List.of(new ByteRanges.Range(0, size - 1));
        MultipartByteranges multipart = null;
        if (ranges.kind() == ByteRanges.Kind.PARTIAL) {
            status(206);
            if (parts.size() == 1) {
                headers().set("Content-Range", parts.getFirst().contentRange(size));
            } else {
                multipart = new MultipartByteranges(parts, headers().get("Content-Type"), size);
                headers().set("Content-Type", multipart.contentType());
            }
        }
        boolean compressed = status() == 200 && startCompression(request);
        try (FileChannel fc = FileChannel.open(path, StandardOpenOption.READ)) {
            if (compressed) {
                sendHead(request, -1, false);
                if (!noBody) {
                    ByteBuffer buf = ByteBuffer.allocate(chunkSize);
                    long pos = 0;
                    while (pos < size) {
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
            if (multipart == null) {
                sendHead(request, parts.getFirst().length(), false);
                sendRegion(request, fc, parts.getFirst());
            } else {
                sendHead(request, multipart.contentLength(), false);
                for (int i = 0; i < parts.size() && !noBody; i++) {
                    byte[] head = multipart.partHead(i);
                    writeRaw(head, 0, head.length);
                    sendRegion(request, fc, parts.get(i));
                }
                if (!noBody) writeRaw(multipart.closing(), 0, multipart.closing().length);
            }
        }
        eofWritten = true;
        request.connection().flush();
        return this;
    }

    /** Zero-copy: the bytes of {@code r} go from the file to the socket, after what is buffered. */
    private void sendRegion(Request request, FileChannel fc, ByteRanges.Range r) throws Exception {
        if (noBody || r.length() == 0) return;
        bodyBytes += request.connection().sendfile(fc, r.first(), r.length());
    }

    /**
     * The ranges to send: only GET (and HEAD, which answers with GET's head) has range semantics
     * (RFC 9110 §14.2), and an {@code If-Range} validator that no longer matches means the whole file.
     */
    private static ByteRanges requestedRanges(Request request, long size, String etag, Instant mtime) {
        String range = request.header("Range");
        boolean getOrHead = request.method().equals("GET") || request.method().equals("HEAD");
        if (range == null || !getOrHead || !ifRangeMatches(request.header("If-Range"), etag, mtime)) {
            return ByteRanges.WHOLE;
        }
        return ByteRanges.of(range, size, request.connection().config().maxRanges());
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
}
