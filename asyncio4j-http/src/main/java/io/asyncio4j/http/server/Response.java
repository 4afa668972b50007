package io.asyncio4j.http.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.asyncio4j.http.JsonDumps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A response with its whole body in memory: text, JSON (Jackson) or bytes, sent with
 * {@code Content-Length} (optionally compressed).
 *
 * <p>The analog of aiohttp's {@code web.Response} and {@code web.json_response}.
 *
 * <pre>{@code
 * app.router().get("/", req -> Response.text("Hello"));
 * app.router().get("/api", req -> Response.json(Map.of("ok", true)));
 * app.router().post("/echo", req -> Response.bytes(req.read(), "application/octet-stream").status(201));
 * }</pre>
 */
public class Response extends StreamResponse {
    static final ObjectMapper JSON = new ObjectMapper();

    private byte[] body;

    /** An empty 200 response. */
    public Response() {
        this.body = new byte[0];
    }

    /** A response with {@code body} and {@code contentType} (may be null). */
    public Response(byte[] body, String contentType) {
        this.body = body == null ? new byte[0] : body;
        if (contentType != null) headers().set("Content-Type", contentType);
    }

    /** {@code text/plain; charset=utf-8}. */
    public static Response text(String text) {
        return new Response(text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    /**
     * Text with another content type, UTF-8; {@code ; charset=utf-8} is appended unless the type
     * names a charset, as aiohttp's {@code Response(text=..., content_type=...)} does.
     */
    public static Response text(String text, String contentType) {
        if (contentType == null) return text(text);
        String ct = MultipartReader.param(contentType, "charset") != null ? contentType : contentType + "; charset=utf-8";
        return new Response(text.getBytes(StandardCharsets.UTF_8), ct);
    }

    /** {@code text/html; charset=utf-8}. */
    public static Response html(String html) {
        return text(html, "text/html; charset=utf-8");
    }

    /** Bytes with a content type ({@code application/octet-stream} if null). */
    public static Response bytes(byte[] body, String contentType) {
        return new Response(body, contentType == null ? "application/octet-stream" : contentType);
    }

    /**
     * {@code application/json; charset=utf-8}, serialized with Jackson into the text aiohttp's
     * {@code json_response} sends ({@link JsonDumps}: {@code {"a": 1}}).
     */
    public static Response json(Object value) {
        try {
            return new Response(JsonDumps.bytes(value), "application/json; charset=utf-8");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize to JSON: " + e.getMessage(), e);
        }
    }

    /** Sets the status (typed return). */
    @Override
    public Response status(int status) {
        super.status(status);
        return this;
    }

    /** Sets a header (typed return). */
    @Override
    public Response header(String name, String value) {
        super.header(name, value);
        return this;
    }

    /** The body. */
    public byte[] body() {
        return body;
    }

    /** Replaces the body. */
    public Response body(byte[] body) {
        checkNotPrepared();
        this.body = body;
        return this;
    }

    /** Sends head and body (compressed first if enabled and accepted). */
    @Override
    public StreamResponse prepare(Request request) throws Exception {
        if (prepared) return this;
        byte[] b = body;
        if (compressionEnabled() && !headers().contains("Content-Encoding") && b.length > 0) {
            String coding = chooseCoding(request);
            if (coding != null) {
                b = compress(b, coding);
                headers().set("Content-Encoding", coding);
                headers().add("Vary", "Accept-Encoding");
            }
        }
        sendHead(request, b.length, false);
        if (!noBody) writeRaw(b, 0, b.length);
        eofWritten = true;
        return this;
    }

    static byte[] compress(byte[] b, String coding) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, b.length / 3));
        try (var z = coding.equals("gzip") ? new GZIPOutputStream(out) : new DeflaterOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    @Override
    void finish(Request request) throws Exception {
        if (!prepared) prepare(request);
    }
}
