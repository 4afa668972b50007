package io.asyncio4j.http.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.asyncio4j.http.CharsetNames;
import io.asyncio4j.http.HttpHeaders;
import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.http.parser.ResponseHead;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A response of a {@link ClientSession}: aiohttp's {@code ClientResponse}. The head (status, headers,
 * cookies) is there at once; the body is read with {@link #read()}, {@link #text()}, {@link #json()} or
 * streamed with {@link #content()}.
 *
 * <p><b>The connection.</b> Reading the body to its end returns the connection to the pool.
 * {@link #release()} (also {@link #close()}, for try-with-resources) of a response whose body was not
 * read: if the whole body has already arrived (it is buffered), the buffered bytes are dropped and the
 * connection goes back to the pool; otherwise the connection is closed, never drained (aiohttp likewise
 * closes a connection whose payload is not at EOF). An error or a cancellation while reading closes the
 * connection. So a pooled connection is never half-read.
 *
 * <pre>{@code
 * try (ClientResponse r = session.get("http://api.test/items", new RequestOptions().param("page", 2))) {
 *     r.raiseForStatus();
 *     JsonNode items = r.json();
 * }
 * }</pre>
 */
public final class ClientResponse implements AutoCloseable {
    private final String method;
    private final URI url;
    private final ResponseHead head;
    private final TCPConnector connector;
    private ClientConnection connection;
    private final Deadlines deadlines;
    private final Decompressor decompressor;
    private final ResponseContent content;
    private List<ClientResponse> history = List.of();
    private byte[] body;
    private boolean bodyDone;
    private Map<String, Cookie> cookies;

    ClientResponse(String method, URI url, ResponseHead head, TCPConnector connector, ClientConnection connection,
                   Deadlines deadlines, boolean autoDecompress) {
        this.method = method;
        this.url = url;
        this.head = head;
        this.connector = connector;
        this.connection = connection;
        this.deadlines = deadlines;
        Decompressor dec = null;
        if (autoDecompress) {
            dec = Decompressor.forEncoding(head.headers().get("Content-Encoding"));
            if (dec == null && !head.transferCodings().isEmpty()) {
                dec = Decompressor.forEncoding(head.transferCodings().getLast());
            }
        }
        this.decompressor = dec;
        this.content = new ResponseContent(this);
    }

    void setHistory(List<ClientResponse> h) {
        history = List.copyOf(h);
    }

    // ------------------------------------------------------------------ head

    /** The status code. */
    public int status() {
        return head.status();
    }

    /** The reason phrase. */
    public String reason() {
        return head.reason();
    }

    /** The HTTP version of the response. */
    public HttpVersion version() {
        return head.version();
    }

    /** The response headers. */
    public HttpHeaders headers() {
        return head.headers();
    }

    /** The URL this response came from (after redirects). */
    public URI url() {
        return url;
    }

    /** The request method that produced this response. */
    public String method() {
        return method;
    }

    /** The redirect responses that led to this one, oldest first (aiohttp's {@code history}). */
    public List<ClientResponse> history() {
        return history;
    }

    /** Whether the status is below 400 (aiohttp's {@code ok}). */
    public boolean ok() {
        return head.status() < 400;
    }

    /** The cookies this response sets ({@code Set-Cookie}), by name. */
    public Map<String, Cookie> cookies() {
        if (cookies == null) {
            Map<String, Cookie> m = new LinkedHashMap<>();
            for (String h : head.headers().getAll("Set-Cookie")) {
                Cookie c = CookieJar.parse(h, url, Instant.now());
                if (c != null) m.put(c.name(), c);
            }
            cookies = m;
        }
        return cookies;
    }

    /** The media type of {@code Content-Type} without parameters, lower case ({@code application/octet-stream} if absent). */
    public String contentType() {
        String ct = head.headers().get("Content-Type");
        if (ct == null) return "application/octet-stream";
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** The {@code charset} parameter of {@code Content-Type}, or null. */
    public String charset() {
        String ct = head.headers().get("Content-Type");
        if (ct == null) return null;
        for (String p : ct.split(";")) {
            String t = p.trim();
            if (t.regionMatches(true, 0, "charset=", 0, 8)) {
                String v = t.substring(8).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
                return v;
            }
        }
        return null;
    }

    /** The {@code Content-Length} header (also for HEAD, 304), or -1 if absent or invalid. */
    public long contentLength() {
        String v = head.headers().get("Content-Length");
        if (v == null) return -1;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Throws {@link ClientResponseError} (after releasing the response) if the status is 400 or more. */
    public ClientResponse raiseForStatus() {
        if (head.status() >= 400) {
            release();
            throw new ClientResponseError(head.status(), head.reason(), url, head.headers(), history);
        }
        return this;
    }

    // ------------------------------------------------------------------ body

    /** The streamed body. Do not mix with {@link #read()} after streaming has started. */
    public ResponseContent content() {
        return content;
    }

    /** The whole body (decompressed), cached: later calls return the same bytes. */
    public byte[] read() throws Exception {
        if (body == null) body = content.readAll();
        return body;
    }

    /**
     * The body as text, decoded as aiohttp 3.9+ does: in the {@code charset} of {@code Content-Type}
     * when Python's codecs know it ({@link CharsetNames}), else UTF-8 (aiohttp's default
     * {@code fallback_charset_resolver}; JSON is UTF-8 by RFC anyway). Decoding is strict like
     * aiohttp's {@code errors="strict"}: bytes that are not valid in that charset throw
     * {@link CharacterCodingException} (Python's {@code UnicodeDecodeError}); a byte order mark is
     * kept as U+FEFF. Use {@link #text(Charset)} to choose the charset.
     */
    public String text() throws Exception {
        Charset cs = CharsetNames.lookup(charset());
        return (cs == null ? StandardCharsets.UTF_8 : cs).newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(read())).toString();
    }

    /** The body as text in {@code charset}. */
    public String text(Charset charset) throws Exception {
        return new String(read(), charset);
    }

    /**
     * The body parsed as JSON (Jackson), or null for an empty or blank body, as aiohttp's
     * {@code json()}: {@link ContentTypeError} unless the media type is {@code application/json} or
     * {@code application/<something>+json} (so not {@code text/json}). The body is read first, so
     * after that error {@link #read()}/{@link #text()} still return it.
     */
    public JsonNode json() throws Exception {
        return json(JsonNode.class, true);
    }

    /** The body parsed as JSON into {@code type}, with {@link #json()}'s content type check. */
    public <T> T json(Class<T> type) throws Exception {
        return json(type, true);
    }

    /** The body parsed as JSON into {@code type}, checking the content type or not ({@code content_type=None}). */
    public <T> T json(Class<T> type, boolean checkContentType) throws Exception {
        byte[] b = checkedJsonBody(checkContentType);
        return b == null ? null : Json.MAPPER.readValue(b, type);
    }

    /** The body parsed as JSON into a generic type, with {@link #json()}'s content type check. */
    public <T> T json(TypeReference<T> type) throws Exception {
        byte[] b = checkedJsonBody(true);
        return b == null ? null : Json.MAPPER.readValue(b, type);
    }

    /** aiohttp's {@code json_re}: {@code application/json} and {@code application/*+json}, parameters ignored. */
    private static final Pattern JSON_TYPE = Pattern.compile("^application/(?:[\\w.+-]+?\\+)?json");

    /** The body to parse, or null when it is blank (aiohttp returns None). */
    private byte[] checkedJsonBody(boolean check) throws Exception {
        byte[] b = read();
        if (check) {
            String ct = head.headers().get("Content-Type");
            if (!JSON_TYPE.matcher(ct == null ? "" : ct.strip().toLowerCase(Locale.ROOT)).find()) {
                throw new ContentTypeError(this, ct);
            }
        }
        for (byte x : b) {
            if (x != ' ' && x != '\t' && x != '\r' && x != '\n' && x != 0x0b && x != 0x0c) return b;
        }
        return null;
    }

    /**
     * Gives the connection back: to the pool if the body has been read or has fully arrived, else it is
     * closed. Idempotent; reading after a release that closed the connection yields what was buffered.
     */
    public void release() {
        ClientConnection c = connection;
        if (c == null) return;
        connection = null;
        boolean reusable = c.protocol.messageComplete() && c.protocol.isAlive();
        if (reusable) {
            try {
                while (c.protocol.nextChunk(deadlines) != null) {
                    // drop what is buffered: the body has fully arrived, nothing waits
                }
            } catch (Exception e) {
                reusable = false;
            }
        }
        bodyDone = true;
        connector.release(c, reusable && c.protocol.reusable());
    }

    /** {@link #release()}, for try-with-resources (aiohttp's {@code async with resp}). */
    @Override
    public void close() {
        release();
    }

    /** Whether the connection has been given back (body read, released or failed). */
    public boolean isReleased() {
        return connection == null;
    }

    ClientConnection connection() {
        return connection;
    }

    boolean bodyDone() {
        return bodyDone;
    }

    /** The next decoded piece of the body; null at the end (the connection is then released). */
    byte[] nextDecoded() throws Exception {
        while (true) {
            ClientConnection c = connection;
            if (c == null) return null;
            byte[] raw;
            try {
                raw = c.protocol.nextChunk(deadlines);
                if (raw == null) {
                    if (decompressor != null) decompressor.finish();
                    connection = null;
                    bodyDone = true;
                    connector.release(c, c.protocol.reusable());
                    return null;
                }
                if (decompressor != null) raw = decompressor.decode(raw);
            } catch (Throwable t) {
                connection = null;
                bodyDone = true;
                connector.release(c, false);
                throw t;
            }
            if (raw.length > 0) return raw;
        }
    }

    /** Called by the session right after the head: a response without a body frees its connection at once. */
    void releaseIfEmpty() {
        ClientConnection c = connection;
        if (c != null && c.protocol.messageComplete() && c.protocol.noBufferedBody()) {
            connection = null;
            bodyDone = true;
            connector.release(c, c.protocol.reusable());
        }
    }

    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
        throw (E) e;
    }

    @Override
    public String toString() {
        return "<ClientResponse(" + url + ") [" + head.status() + " " + head.reason() + "]>";
    }
}
