package io.asyncio4j.http.server;

import io.asyncio4j.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A response whose body is written piece by piece after {@link #prepare}: chunked transfer coding
 * (HTTP/1.1) unless a {@link #contentLength} is set, with backpressure through {@link #drain()}.
 * Base of {@link Response}, {@link FileResponse} and {@link WebSocketResponse}.
 *
 * <p>The analog of aiohttp's {@code web.StreamResponse}.
 *
 * <pre>{@code
 * app.router().get("/events", req -> {
 *     StreamResponse r = new StreamResponse().contentType("text/plain");
 *     r.prepare(req);                      // sends the head
 *     for (int i = 0; i < 10; i++) {
 *         r.write(("tick " + i + "\n").getBytes());
 *         r.drain();                       // waits while the peer is slow
 *         Asyncio.sleep(0.1);
 *     }
 *     r.writeEof();
 *     return r;
 * });
 * }</pre>
 */
public class StreamResponse {
    private int status = 200;
    private String reason;
    private final HttpHeaders headers = new HttpHeaders(6);
    private List<Cookie> cookies;
    private long contentLength = -1;
    private boolean compression;
    private String forcedCoding;
    private boolean chunkedRequested;
    private boolean forceClose;

    Request request;
    boolean prepared;
    boolean eofWritten;
    boolean chunked;
    boolean noBody; // HEAD or a status without body
    long bodyBytes;
    private OutputStream compressor;
    private ByteArrayOutputStream compressed;

    /** A 200 response. */
    public StreamResponse() {}

    /** The status code. */
    public int status() {
        return status;
    }

    /** Sets the status code (before {@link #prepare}). */
    public StreamResponse status(int status) {
        checkNotPrepared();
        if (status < 100 || status > 999) throw new IllegalArgumentException("invalid status " + status);
        this.status = status;
        return this;
    }

    /** The reason phrase, or null for the standard one. */
    public String reason() {
        return reason;
    }

    /** Sets a custom reason phrase. */
    public StreamResponse reason(String reason) {
        checkNotPrepared();
        if (reason != null && (reason.indexOf('\r') >= 0 || reason.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("reason cannot contain CR or LF");
        }
        this.reason = reason;
        return this;
    }

    /** The response headers (mutable until {@link #prepare}). */
    public HttpHeaders headers() {
        return headers;
    }

    /** Sets a header. */
    public StreamResponse header(String name, String value) {
        checkNotPrepared();
        headers.set(name, value);
        return this;
    }

    /** Sets {@code Content-Type}. */
    public StreamResponse contentType(String value) {
        return header("Content-Type", value);
    }

    /** The declared body length or -1. */
    public long contentLength() {
        return contentLength;
    }

    /** Declares the body length (no chunked coding then). */
    public StreamResponse contentLength(long n) {
        checkNotPrepared();
        this.contentLength = n;
        return this;
    }

    /** Adds a {@code Set-Cookie}. */
    public StreamResponse setCookie(Cookie cookie) {
        checkNotPrepared();
        if (cookies == null) cookies = new ArrayList<>(2);
        cookies.removeIf(c -> c.name().equals(cookie.name()));
        cookies.add(cookie);
        return this;
    }

    /** Adds a session cookie with {@code Path=/}. */
    public StreamResponse setCookie(String name, String value) {
        return setCookie(Cookie.of(name, value));
    }

    /** Expires a cookie with {@code Path=/} on the client (aiohttp's {@code del_cookie(name)}). */
    public StreamResponse delCookie(String name) {
        return delCookie(name, null, "/");
    }

    /**
     * Expires a cookie on the client (aiohttp's {@code del_cookie(name, domain=, path=)}): an empty
     * value, {@code Max-Age=0} and an {@code expires} in 1970, so old and new clients both drop it.
     */
    public StreamResponse delCookie(String name, String domain, String path) {
        return setCookie(new Cookie(name, "", path, domain, 0, "Thu, 01 Jan 1970 00:00:00 GMT", false, false, null));
    }

    /** The cookies to set. */
    public List<Cookie> cookies() {
        return cookies == null ? List.of() : List.copyOf(cookies);
    }

    /**
     * Compresses the body if the request's {@code Accept-Encoding} allows: deflate when accepted,
     * else gzip, as aiohttp (which tries its codings in the order deflate, gzip). Unlike aiohttp, a
     * coding refused with {@code q=0} is not used.
     */
    public StreamResponse enableCompression() {
        return enableCompression(null);
    }

    /**
     * Compresses the body with {@code coding} ({@code "deflate"} or {@code "gzip"}) whatever the
     * request accepts (aiohttp's {@code enable_compression(force=...)}); {@code "identity"}: not at all;
     * null: chosen from {@code Accept-Encoding}.
     */
    public StreamResponse enableCompression(String coding) {
        checkNotPrepared();
        if (coding != null && !coding.equals("deflate") && !coding.equals("gzip") && !coding.equals("identity")) {
            throw new IllegalArgumentException("unsupported content coding " + coding);
        }
        this.compression = true;
        this.forcedCoding = coding;
        return this;
    }

    /** Whether compression was enabled. */
    public boolean compressionEnabled() {
        return compression;
    }

    /** Forces chunked transfer coding (the default when no length is set). */
    public StreamResponse enableChunkedEncoding() {
        checkNotPrepared();
        chunkedRequested = true;
        return this;
    }

    /** Closes the connection after this response. */
    public StreamResponse forceClose() {
        forceClose = true;
        return this;
    }

    boolean forceCloseRequested() {
        return forceClose;
    }

    /** Whether the head was sent. */
    public boolean isPrepared() {
        return prepared;
    }

    /** Bytes of body written so far (after compression). */
    public long bodyLength() {
        return bodyBytes;
    }

    final void checkNotPrepared() {
        if (prepared) throw new IllegalStateException("the response head was already sent");
    }

    /** The content coding: the forced one, else deflate or gzip from Accept-Encoding; null for identity. */
    final String chooseCoding(Request req) {
        if (forcedCoding != null) return forcedCoding.equals("identity") ? null : forcedCoding;
        String ae = req.headers().get("Accept-Encoding");
        if (ae == null) return null;
        String lower = ae.toLowerCase(java.util.Locale.ROOT);
        if (accepts(lower, "deflate")) return "deflate";
        if (accepts(lower, "gzip")) return "gzip";
        return null;
    }

    private static boolean accepts(String list, String coding) {
        for (String part : list.split(",")) {
            String[] p = part.strip().split(";");
            if (!p[0].strip().equals(coding)) continue;
            for (int i = 1; i < p.length; i++) {
                String q = p[i].strip();
                if (q.startsWith("q=")) {
                    try {
                        return Double.parseDouble(q.substring(2)) > 0;
                    } catch (NumberFormatException e) {
                        return false;
                    }
                }
            }
            return true;
        }
        return false;
    }

    /** Sets up compression for a streamed body; returns whether it applies. */
    final boolean startCompression(Request req) {
        if (!compression || headers.contains("Content-Encoding")) return false;
        String coding = chooseCoding(req);
        if (coding == null) return false;
        compressed = new ByteArrayOutputStream();
        try {
            compressor = coding.equals("gzip")
                    ? new GZIPOutputStream(compressed, 8192, true)
                    : new DeflaterOutputStream(compressed, new Deflater(Deflater.DEFAULT_COMPRESSION), 8192, true);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        headers.set("Content-Encoding", coding);
        headers.add("Vary", "Accept-Encoding");
        contentLength = -1;
        return true;
    }

    /**
     * Sends the status line and headers (once); later calls return at once. After this the body
     * may be written.
     */
    public StreamResponse prepare(Request request) throws Exception {
        if (prepared) return this;
        if (request.response != null && request.response != this && request.response.prepared) {
            throw new IllegalStateException("another response was already sent for this request");
        }
        this.request = request;
        request.response = this;
        startCompression(request);
        sendHead(request, contentLength, chunkedRequested);
        return this;
    }

    final void sendHead(Request request, long length, boolean forceChunked) throws Exception {
        this.request = request;
        request.response = this;
        for (Application app : request.apps) {
            for (Application.ResponsePrepareHook h : app.responsePrepareHooks()) h.run(request, this);
        }
        this.noBody = request.method().equals("HEAD") || status < 200 || status == 204 || status == 304;
        boolean useChunked = !noBody && (length < 0 || forceChunked) && request.version().isAtLeast11();
        if (useChunked) length = -1;
        this.chunked = useChunked;
        prepared = true;
        request.connection().writeHead(request, this, length, useChunked);
    }

    /** Writes body bytes (chunked when no length was set). */
    public void write(byte[] data) throws Exception {
        write(data, 0, data.length);
    }

    /** Writes body text as UTF-8. */
    public void write(String text) throws Exception {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code len} body bytes of {@code data} from {@code off}. */
    public void write(byte[] data, int off, int len) throws Exception {
        if (!prepared) throw new IllegalStateException("call prepare(request) first");
        if (eofWritten) throw new IllegalStateException("writeEof() was called");
        if (noBody || len == 0) return;
        if (compressor != null) {
            compressor.write(data, off, len);
            compressor.flush();
            byte[] c = compressed.toByteArray();
            compressed.reset();
            writeRaw(c, 0, c.length);
        } else {
            writeRaw(data, off, len);
        }
    }

    final void writeRaw(byte[] data, int off, int len) {
        if (len == 0) return;
        bodyBytes += len;
        request.connection().writeBody(data, off, len, chunked);
    }

    /** Waits until the connection's write buffer is below its high-water mark (aiohttp's {@code drain}). */
    public void drain() throws Exception {
        if (request != null) request.connection().drain();
    }

    /** Ends the body (the last chunk for chunked coding) and flushes. */
    public void writeEof() throws Exception {
        if (eofWritten) return;
        if (!prepared) throw new IllegalStateException("call prepare(request) first");
        if (compressor != null && !noBody) {
            compressor.close();
            byte[] c = compressed.toByteArray();
            writeRaw(c, 0, c.length);
        }
        eofWritten = true;
        if (chunked) request.connection().writeLastChunk();
        request.connection().flush();
    }

    /** Called by the server when the handler returned this response: sends what was not sent. */
    void finish(Request request) throws Exception {
        if (!prepared) prepare(request);
        if (!eofWritten) writeEof();
    }
}
