package io.asyncio4j.http.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.asyncio4j.http.CharsetNames;
import io.asyncio4j.http.HttpHeaders;
import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.http.parser.BodyFraming;
import io.asyncio4j.http.parser.RequestHead;
import io.asyncio4j.net.Transport;
import java.net.SocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An incoming HTTP request as a handler sees it: method, path, query, headers, cookies, the
 * route's match info, and the body (bytes, text, JSON, form, multipart, or a stream).
 *
 * <p>The analog of aiohttp's {@code web.Request}.
 *
 * <pre>{@code
 * app.router().post("/users/{id}", req -> {
 *     String id = req.matchInfo("id");
 *     String verbose = req.query().get("verbose", "0");
 *     User u = req.json(User.class);       // Jackson
 *     return Response.json(Map.of("id", id, "name", u.name()));
 * });
 * }</pre>
 */
public final class Request {
    final HttpServerProtocol conn;
    final RequestHead head;
    private final String rawPath;
    private final String path;
    private final String queryString;
    private MultiDict query;
    private Map<String, String> cookies;
    Map<String, String> matchInfo = Map.of();
    Application app;
    List<Application> apps = List.of(); // the applications the route went through, outermost first
    private Map<String, Object> state;
    final BodyStream body;
    StreamResponse response;
    long startNanos;
    boolean continueSent;
    boolean keepAlive;
    private MultiDict post;
    private byte[] readBytes;
    private List<MultipartReader.FileField> postFiles = List.of();

    Request(HttpServerProtocol conn, RequestHead head, int bodyBuffer) {
        this.conn = conn;
        this.head = head;
        String target = head.target();
        int q = target.indexOf('?');
        String p = q < 0 ? target : target.substring(0, q);
        this.queryString = q < 0 ? "" : target.substring(q + 1);
        if (!p.startsWith("/")) {
            if (p.equals("*")) {
                // OPTIONS *
            } else {
                int scheme = p.indexOf("://");
                if (scheme > 0) {
                    int slash = p.indexOf('/', scheme + 3);
                    p = slash < 0 ? "/" : p.substring(slash);
                }
            }
        }
        this.rawPath = p;
        this.path = PercentDecoder.decode(p, PercentDecoder.Mode.PATH);
        this.body = new BodyStream(conn, this, conn.loop(), bodyBuffer);
    }

    HttpServerProtocol connection() {
        return conn;
    }

    // ---------------------------------------------------------------- head

    /** The method, e.g. {@code GET}. */
    public String method() {
        return head.method();
    }

    /** The protocol version. */
    public HttpVersion version() {
        return head.version();
    }

    /**
     * The percent-decoded path (aiohttp's {@code request.path}). Decoding is lenient like aiohttp's:
     * a malformed escape stays as written, bytes that are not UTF-8 stay percent-encoded.
     */
    public String path() {
        return path;
    }

    /** The path the router matches: decoded except {@code %2F} and {@code %25} (yarl's {@code path_safe}). */
    String pathSafe() {
        return PercentDecoder.decode(rawPath, PercentDecoder.Mode.PATH_SAFE);
    }

    /** The path as sent, still percent-encoded ({@code raw_path} without the query). */
    public String rawPath() {
        return rawPath;
    }

    /** The request target as sent: path and query ({@code path_qs}). */
    public String pathQs() {
        return head.target();
    }

    /** The raw query string without {@code ?} ({@code query_string}). */
    public String queryString() {
        return queryString;
    }

    /** The query parameters ({@code request.query}). */
    public MultiDict query() {
        if (query == null) query = MultiDict.parseQuery(queryString);
        return query;
    }

    /** The headers. */
    public HttpHeaders headers() {
        return head.headers();
    }

    /** One header, or null. */
    public String header(String name) {
        return head.headers().get(name);
    }

    /**
     * The {@code Host} header; without one, the local host's name, as aiohttp falls back to
     * {@code socket.getfqdn()}. {@code Forwarded}/{@code X-Forwarded-Host} are ignored (as in aiohttp).
     */
    public String host() {
        String h = head.headers().get("Host");
        if (h != null) return h;
        try {
            return java.net.InetAddress.getLocalHost().getCanonicalHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    /**
     * {@code "https"} on a TLS connection, else {@code "http"} ({@code request.scheme}); like aiohttp
     * it ignores {@code Forwarded} and {@code X-Forwarded-Proto} (a proxy middleware may trust them).
     */
    public String scheme() {
        return conn.transport().getExtraInfo("ssl_object") != null ? "https" : "http";
    }

    /** Whether the connection is TLS ({@code request.secure}). */
    public boolean secure() {
        return scheme().equals("https");
    }

    /** The absolute URL: scheme, {@link #host()} and the target as sent ({@code str(request.url)}). */
    public String url() {
        return scheme() + "://" + host() + rawPath() + (queryString.isEmpty() ? "" : "?" + queryString);
    }

    /** {@code If-Modified-Since} as an instant, or null when absent or not a date ({@code if_modified_since}). */
    public java.time.Instant ifModifiedSince() {
        return HttpDates.parse(header("If-Modified-Since"));
    }

    /** {@code If-Unmodified-Since} as an instant, or null ({@code if_unmodified_since}). */
    public java.time.Instant ifUnmodifiedSince() {
        return HttpDates.parse(header("If-Unmodified-Since"));
    }

    /** Whether the client allows keep-alive. */
    public boolean keepAliveRequested() {
        return head.keepAlive();
    }

    /** The parsed request head. */
    public RequestHead head() {
        return head;
    }

    /** The cookies of the {@code Cookie} header ({@code request.cookies}), quoted values unquoted as {@code SimpleCookie} does. */
    public Map<String, String> cookies() {
        if (cookies == null) {
            Map<String, String> m = new LinkedHashMap<>();
            for (String h : head.headers().getAll("Cookie")) {
                for (String pair : h.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0) continue;
                    String k = pair.substring(0, eq).strip();
                    String v = pair.substring(eq + 1).strip();
                    m.put(k, Cookie.unquote(v)); // a repeated name: the last wins, as in SimpleCookie
                }
            }
            cookies = m;
        }
        return cookies;
    }

    /** One cookie, or null. */
    public String cookie(String name) {
        return cookies().get(name);
    }

    /** A path parameter of the matched route ({@code request.match_info[name]}), or null. */
    public String matchInfo(String name) {
        return matchInfo.get(name);
    }

    /** All path parameters of the matched route. */
    public Map<String, String> matchInfo() {
        return matchInfo;
    }

    /** The application whose route matched (the sub-application for its routes). */
    public Application app() {
        return app;
    }

    /** Per-request storage for middlewares and handlers ({@code request["key"]}). */
    public Map<String, Object> state() {
        if (state == null) state = new HashMap<>();
        return state;
    }

    /**
     * The peer's IP address as text, {@code "127.0.0.1"} or {@code "::1"} ({@code request.remote}),
     * or null when unknown. Like aiohttp, {@code Forwarded}/{@code X-Forwarded-For} are ignored.
     */
    public String remote() {
        SocketAddress a = remoteAddress();
        if (a instanceof java.net.InetSocketAddress i) {
            return i.getAddress() == null ? i.getHostString() : ipText(i.getAddress());
        }
        return a == null ? null : a.toString();
    }

    /** An address as Python's {@code inet_ntop} writes it: IPv6 compressed ({@code ::1}, RFC 5952), with its zone. */
    static String ipText(java.net.InetAddress ip) {
        if (!(ip instanceof java.net.Inet6Address v6)) return ip.getHostAddress();
        byte[] b = v6.getAddress();
        int bestStart = -1;
        int bestLen = 1; // only a run of two or more zero groups is shortened
        for (int g = 0; g < 8; ) {
            int len = 0;
            while (g + len < 8 && b[2 * (g + len)] == 0 && b[2 * (g + len) + 1] == 0) len++;
            if (len > bestLen) {
                bestStart = g;
                bestLen = len;
            }
            g += Math.max(len, 1);
        }
        StringBuilder sb = new StringBuilder(39);
        for (int g = 0; g < 8; g++) {
            if (g == bestStart) {
                sb.append("::");
                g += bestLen - 1;
                continue;
            }
            if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(((b[2 * g] & 0xff) << 8) | (b[2 * g + 1] & 0xff)));
        }
        String zone = v6.getScopedInterface() != null ? v6.getScopedInterface().getName()
                : v6.getScopeId() != 0 ? Integer.toString(v6.getScopeId()) : null;
        return zone == null ? sb.toString() : sb + "%" + zone;
    }

    /** The peer's socket address (the transport's {@code peername}), or null. */
    public SocketAddress remoteAddress() {
        return (SocketAddress) conn.transport().getExtraInfo("peername");
    }

    /** The connection's transport ({@code request.transport}). */
    public Transport transport() {
        return conn.transport();
    }

    /** The media type of {@code Content-Type} without parameters, lower case ({@code content_type}). */
    public String contentType() {
        String ct = header("Content-Type");
        if (ct == null) return "application/octet-stream";
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    /** The {@code charset} parameter of {@code Content-Type}, or null. */
    public String charset() {
        return MultipartReader.param(header("Content-Type"), "charset");
    }

    /** The declared body length, or -1 (chunked or none). */
    public long contentLength() {
        return head.framing() == BodyFraming.CONTENT_LENGTH ? head.contentLength() : head.framing() == BodyFraming.NONE ? 0 : -1;
    }

    /** Whether the request has a body, read or not ({@code body_exists}). */
    public boolean hasBody() {
        return head.framing() != BodyFraming.NONE;
    }

    /** Whether body octets remain to be read ({@code can_read_body}): false once the body was read. */
    public boolean canReadBody() {
        return hasBody() && !body.atEof();
    }

    // ---------------------------------------------------------------- body

    /** The body as a stream with backpressure ({@code request.content}); not limited by clientMaxSize. */
    public BodyStream content() {
        return body;
    }

    /**
     * The whole body, at most the application's {@code clientMaxSize} (else 413). Kept, as aiohttp
     * keeps it: later calls (and {@link #text()}, {@link #json()}) return the same bytes.
     */
    public byte[] read() throws Exception {
        if (readBytes == null) readBytes = body.readAll(app == null ? Application.DEFAULT_CLIENT_MAX_SIZE : app.clientMaxSize());
        return readBytes;
    }

    /**
     * The whole body as text in the declared charset (UTF-8 by default), found as Python's codecs
     * would find it ({@code latin-1} works); 400 for a charset nobody knows (aiohttp fails with 500).
     */
    public String text() throws Exception {
        return new String(read(), bodyCharset());
    }

    private Charset bodyCharset() {
        String cs = charset();
        if (cs == null) return StandardCharsets.UTF_8;
        Charset charset = CharsetNames.lookup(cs);
        if (charset == null) throw HttpException.badRequest("unknown charset " + cs);
        return charset;
    }

    /** The body parsed as JSON with Jackson (400 if it is not JSON). */
    public JsonNode json() throws Exception {
        byte[] b = read();
        try {
            return Response.JSON.readTree(b);
        } catch (java.io.IOException e) {
            throw HttpException.badRequest("invalid JSON body: " + e.getMessage());
        }
    }

    /** The body bound to {@code type} with Jackson (400 if it does not fit). */
    public <T> T json(Class<T> type) throws Exception {
        byte[] b = read();
        try {
            return Response.JSON.readValue(b, type);
        } catch (java.io.IOException e) {
            throw HttpException.badRequest("invalid JSON body: " + e.getMessage());
        }
    }

    /**
     * Form fields of an {@code application/x-www-form-urlencoded} or {@code multipart/form-data}
     * body ({@code await request.post()}), within clientMaxSize. Multipart file parts are streamed
     * to temporary files, listed by {@link #postFiles()}; their field value is the filename.
     */
    public MultiDict post() throws Exception {
        if (post != null) return post;
        String ct = contentType();
        if (ct.equals("application/x-www-form-urlencoded")) {
            post = MultiDict.parseQuery(new String(read(), bodyCharset()));
        } else if (ct.equals("multipart/form-data")) {
            MultiDict d = new MultiDict();
            List<MultipartReader.FileField> files = new java.util.ArrayList<>();
            MultipartReader mr = multipart();
            long max = app == null ? Application.DEFAULT_CLIENT_MAX_SIZE : app.clientMaxSize();
            long total = 0;
            for (MultipartReader.Part p; (p = mr.next()) != null; ) {
                if (p.filename() != null) {
                    java.nio.file.Path tmp = java.nio.file.Files.createTempFile("asyncio4j-upload-", ".part");
                    long n = p.saveTo(tmp);
                    total += n;
                    files.add(new MultipartReader.FileField(p.name(), p.filename(), p.contentType(), tmp, n));
                    d.add(p.name(), p.filename());
                } else {
                    String v = p.text();
                    total += v.length();
                    d.add(p.name(), v);
                }
                if (max > 0 && total > max) throw HttpException.payloadTooLarge(max, total);
            }
            postFiles = List.copyOf(files);
            post = d;
        } else {
            post = new MultiDict();
        }
        return post;
    }

    /** The uploaded files of a multipart {@link #post()} (temporary files the caller should delete). */
    public List<MultipartReader.FileField> postFiles() {
        return postFiles;
    }

    /** A streaming reader of a {@code multipart/*} body ({@code await request.multipart()}). */
    public MultipartReader multipart() {
        return new MultipartReader(header("Content-Type"), body);
    }

    @Override
    public String toString() {
        return "<Request " + method() + " " + pathQs() + ">";
    }
}
