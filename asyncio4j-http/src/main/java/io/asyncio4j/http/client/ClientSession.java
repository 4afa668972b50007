package io.asyncio4j.http.client;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.http.HttpHeaders;
import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.http.JsonDumps;
import io.asyncio4j.http.UrlQuoting;
import io.asyncio4j.http.parser.ChunkedEncoder;
import io.asyncio4j.http.parser.HttpHeadEncoder;
import io.asyncio4j.http.parser.ResponseHead;
import io.asyncio4j.loop.EventLoop;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An HTTP/1.1 client session: aiohttp's {@code ClientSession}. It owns a connection pool
 * ({@link TCPConnector}), a {@link CookieJar}, default headers and timeouts, and tracing hooks. Calls
 * run in a task and wait without blocking the loop. Close it (try-with-resources) to close its
 * connections; {@link #close()} waits until they are closed.
 *
 * <p>Requests: query parameters, headers, cookies, bodies (bytes, text, forms, multipart with files
 * streamed from disk, JSON via Jackson, chunked streamed bodies), redirects (301/302 turn POST into GET,
 * 303 turns everything but HEAD into GET, both dropping the body; 307/308 keep method and body; reaching
 * {@code maxRedirects}, default 10, raises {@link TooManyRedirects} as aiohttp does), gzip/deflate
 * decoding, HTTP proxies (absolute-form for http, {@code CONNECT} tunnels; from {@code http_proxy}/{@code https_proxy}/
 * {@code no_proxy} with {@link Options#trustEnv}), {@link ClientTimeout}s each
 * with its own error type. A request on a pooled connection that the server had closed meanwhile (no byte
 * of a response received) is retried once on a new connection when its body can be resent.
 *
 * <pre>{@code
 * Asyncio.run(() -> {
 *     try (ClientSession session = new ClientSession()) {
 *         try (ClientResponse r = session.get("http://127.0.0.1:8080/hello")) {
 *             System.out.println(r.status() + " " + r.text());
 *         }
 *         ClientResponse created = session.post("http://127.0.0.1:8080/items",
 *                 new RequestOptions().json(Map.of("name", "widget")));
 *         System.out.println(created.json().get("id"));
 *     }
 * });
 * }</pre>
 */
public final class ClientSession implements AutoCloseable {
    /** The default {@code User-Agent}. */
    public static final String USER_AGENT = "asyncio4j-http/0.1";

    /**
     * Session-wide settings: aiohttp's {@code ClientSession(...)} keyword arguments.
     *
     * <pre>{@code
     * new ClientSession(new ClientSession.Options()
     *     .baseUrl("http://api.test/v1/")
     *     .header("Authorization", "Bearer " + token)
     *     .timeout(ClientTimeout.DEFAULT.withTotal(Duration.ofSeconds(30)))
     *     .connector(new TCPConnector().limitPerHost(8)));
     * }</pre>
     */
    public static final class Options {
        URI baseUrl;
        String auth;
        final HttpHeaders headers = new HttpHeaders();
        CookieJar cookieJar;
        TCPConnector connector;
        boolean connectorOwner = true;
        ClientTimeout timeout = ClientTimeout.DEFAULT;
        boolean raiseForStatus;
        boolean autoDecompress = true;
        int maxRedirects = 10;
        final List<TraceConfig> traceConfigs = new ArrayList<>();
        boolean trustEnv;
        Supplier<Map<String, String>> environment = System::getenv;

        /** Default settings. */
        public Options() {}

        /**
         * Relative request URLs are resolved against this one (RFC 3986, as yarl's {@code join}: {@code "users"}
         * under {@code http://h/api/v1/} is {@code http://h/api/v1/users}, {@code "/users"} is {@code http://h/users}).
         * As in aiohttp ≥ 3.10 it must be absolute and its path must end with {@code /} (or be empty);
         * else {@link IllegalArgumentException}.
         */
        public Options baseUrl(String url) {
            URI u = URI.create(UrlQuoting.requote(url));
            if (!u.isAbsolute() || u.getHost() == null) throw new IllegalArgumentException("Only absolute URLs are supported: " + url);
            String path = u.getRawPath();
            if (path != null && !path.isEmpty() && !path.endsWith("/")) {
                throw new IllegalArgumentException("base_url must have a trailing '/': " + url);
            }
            baseUrl = u;
            return this;
        }

        /** A header sent with every request (a request's own header of the same name replaces it). */
        public Options header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        /** The cookie jar (default: a new {@link CookieJar}). */
        public Options cookieJar(CookieJar jar) {
            cookieJar = jar;
            return this;
        }

        /** The connection pool (default: a new {@link TCPConnector}). */
        public Options connector(TCPConnector c) {
            connector = c;
            return this;
        }

        /** Whether closing the session closes the connector (default true). */
        public Options connectorOwner(boolean owner) {
            connectorOwner = owner;
            return this;
        }

        /** Default time limits (default {@link ClientTimeout#DEFAULT}). */
        public Options timeout(ClientTimeout t) {
            timeout = Objects.requireNonNull(t);
            return this;
        }

        /** Basic credentials for every request without its own (aiohttp's {@code ClientSession(auth=...)}), Latin-1. */
        public Options basicAuth(String login, String password) {
            auth = RequestOptions.basic(login, password);
            return this;
        }

        /** Default for {@link RequestOptions#raiseForStatus}. */
        public Options raiseForStatus(boolean on) {
            raiseForStatus = on;
            return this;
        }

        /** Default for {@link RequestOptions#autoDecompress}. */
        public Options autoDecompress(boolean on) {
            autoDecompress = on;
            return this;
        }

        /** Default for {@link RequestOptions#maxRedirects}. */
        public Options maxRedirects(int n) {
            maxRedirects = n;
            return this;
        }

        /**
         * aiohttp's {@code trust_env}: take proxies from {@code http_proxy}, {@code https_proxy} and
         * {@code no_proxy} (any case, the lowercase name winning; Python's urllib rules, see
         * {@code ProxyEnvironment}) when a request has no {@link RequestOptions#proxy} of its own.
         * Off by default, as in aiohttp. Also sends the {@code .netrc} ({@code NETRC}, else {@code $HOME/.netrc})
         * credentials of a proxy host without credentials in its URL, and of a request's host as
         * {@code Authorization} when the request has none. The environment and {@code .netrc} are read once,
         * when the session is created.
         */
        public Options trustEnv(boolean on) {
            trustEnv = on;
            return this;
        }

        /**
         * Where {@link #trustEnv} reads the environment (default {@link System#getenv()}); a map lets tests
         * and embedders supply variables, since a Java process cannot change its own environment.
         */
        public Options environment(Supplier<Map<String, String>> env) {
            environment = Objects.requireNonNull(env);
            return this;
        }

        /** Adds tracing hooks. */
        public Options traceConfig(TraceConfig t) {
            traceConfigs.add(t);
            return this;
        }
    }

    private final Options options;
    private final TCPConnector connector;
    private final CookieJar cookieJar;
    private final Tracer tracer;
    private final ProxyEnvironment envProxies; // null unless trustEnv
    private final Netrc netrc; // null unless trustEnv and a readable .netrc
    private boolean closed;

    /** A session with default settings. */
    public ClientSession() {
        this(new Options());
    }

    /** A session with {@code options}. */
    public ClientSession(Options options) {
        this.options = options;
        this.connector = options.connector != null ? options.connector : new TCPConnector();
        this.cookieJar = options.cookieJar != null ? options.cookieJar : new CookieJar();
        this.tracer = options.traceConfigs.isEmpty() ? Tracer.NONE : new Tracer(this, List.copyOf(options.traceConfigs));
        Map<String, String> env = options.trustEnv ? options.environment.get() : null;
        // read once, here: the environment cannot change, and .netrc is a few lines (aiohttp 3.9 also read it
        // synchronously on the loop)
        this.netrc = env != null ? Netrc.fromEnv(env) : null;
        this.envProxies = env != null ? ProxyEnvironment.of(env, netrc) : null;
    }

    /** The connection pool. */
    public TCPConnector connector() {
        return connector;
    }

    /** The cookie jar shared by the session's requests. */
    public CookieJar cookieJar() {
        return cookieJar;
    }

    /** Whether the session is closed. */
    public boolean isClosed() {
        return closed;
    }

    /** Closes the session and (if it owns it) its connector, waiting until the connections are closed. */
    @Override
    public void close() throws Exception {
        if (closed) return;
        closed = true;
        if (options.connectorOwner) connector.close();
    }

    // ------------------------------------------------------------------ verbs

    /** GET. */
    public ClientResponse get(String url) throws Exception { return request("GET", url, new RequestOptions()); }

    /** GET with options. */
    public ClientResponse get(String url, RequestOptions o) throws Exception { return request("GET", url, o); }

    /** POST. */
    public ClientResponse post(String url, RequestOptions o) throws Exception { return request("POST", url, o); }

    /** PUT. */
    public ClientResponse put(String url, RequestOptions o) throws Exception { return request("PUT", url, o); }

    /** PATCH. */
    public ClientResponse patch(String url, RequestOptions o) throws Exception { return request("PATCH", url, o); }

    /** DELETE. */
    public ClientResponse delete(String url) throws Exception { return request("DELETE", url, new RequestOptions()); }

    /** DELETE with options. */
    public ClientResponse delete(String url, RequestOptions o) throws Exception { return request("DELETE", url, o); }

    /** HEAD; redirects are not followed unless {@code allowRedirects(true)} (aiohttp's default for HEAD). */
    public ClientResponse head(String url) throws Exception { return head(url, new RequestOptions()); }

    /** HEAD with options. */
    public ClientResponse head(String url, RequestOptions o) throws Exception { return request("HEAD", url, o, false); }

    /** OPTIONS. */
    public ClientResponse options(String url) throws Exception { return request("OPTIONS", url, new RequestOptions()); }

    /** OPTIONS with options. */
    public ClientResponse options(String url, RequestOptions o) throws Exception { return request("OPTIONS", url, o); }

    // ------------------------------------------------------------------ request

    /**
     * Sends a request and returns the response once its head has arrived (redirects followed). The body
     * is read from the response. Runs in a task.
     */
    public ClientResponse request(String method, String url, RequestOptions o) throws Exception {
        return request(method, url, o, true);
    }

    /**
     * {@code followByDefault}: whether redirects are followed when {@code o} does not say; aiohttp's
     * {@code head()} alone defaults to not following, {@code request("HEAD", ...)} follows.
     */
    private ClientResponse request(String method, String url, RequestOptions o, boolean followByDefault) throws Exception {
        if (closed) throw new ClientError("Session is closed");
        EventLoop loop = Asyncio.getRunningLoop();
        if (loop == null) throw new IllegalStateException("no running event loop: call inside a task");
        method = method.toUpperCase(Locale.ROOT);
        URI uri = buildUrl(url, o.params);
        HttpHeaders userHeaders = new HttpHeaders(options.headers);
        for (Map.Entry<String, String> h : o.headers) userHeaders.remove(h.getKey());
        for (Map.Entry<String, String> h : o.headers) userHeaders.add(h.getKey(), h.getValue());
        // aiohttp's precedence: auth=, else credentials in the URL, else the session's auth; never two of them
        String urlAuth = RequestOptions.basicFromUserInfo(uri.getUserInfo());
        if (o.auth != null && urlAuth != null) {
            throw new IllegalArgumentException("Cannot combine AUTH argument with credentials encoded in URL");
        }
        // (the session's only for its base URL's origin when it has one)
        String sessionAuth = options.baseUrl == null || sameOrigin(options.baseUrl, uri) ? options.auth : null;
        String auth = o.auth != null ? o.auth : urlAuth != null ? urlAuth : sessionAuth;
        if (auth != null) {
            if (userHeaders.contains("Authorization")) {
                throw new IllegalArgumentException(
                        "Cannot combine AUTHORIZATION header with AUTH argument or credentials encoded in URL");
            }
            userHeaders.add("Authorization", auth);
        }
        if (uri.getRawUserInfo() != null) {
            uri = URI.create(uri.getScheme() + "://" + hostPort(uri) + (uri.getRawPath() == null ? "" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        }
        URI target = uri;
        if (tracer.active()) tracer.fire(t -> t.requestStart, new TraceConfig.RequestStart(method, target, userHeaders));
        try {
            ClientResponse r = doRequest(loop, method, target, userHeaders, o, followByDefault);
            if (tracer.active()) {
                try {
                    tracer.fire(t -> t.requestEnd, new TraceConfig.RequestEnd(method, target, userHeaders, r));
                } catch (Throwable t) {
                    r.release();
                    throw t;
                }
            }
            return r;
        } catch (Throwable t) {
            if (tracer.active() && !(t instanceof CancelledError)) {
                tracer.fire(x -> x.requestException, new TraceConfig.RequestException(method, target, userHeaders, t));
            }
            throw t;
        }
    }

    private ClientResponse doRequest(EventLoop loop, String method, URI uri, HttpHeaders userHeaders,
                                     RequestOptions o, boolean followByDefault) throws Exception {
        Deadlines d = new Deadlines(loop, o.timeout != null ? o.timeout : options.timeout);
        boolean autoDecompress = o.autoDecompress != null ? o.autoDecompress : options.autoDecompress;
        boolean allowRedirects = o.allowRedirects != null ? o.allowRedirects : followByDefault;
        int maxRedirects = o.maxRedirects != null ? o.maxRedirects : options.maxRedirects;
        boolean raise = o.raiseForStatus != null ? o.raiseForStatus : options.raiseForStatus;
        RequestBody body = encodeBody(o, userHeaders);
        List<ClientResponse> history = new ArrayList<>();
        int redirects = 0;
        while (true) {
            ClientResponse resp = send(method, uri, userHeaders, o, body, d, autoDecompress);
            List<String> setCookies = resp.headers().getAll("Set-Cookie");
            if (!setCookies.isEmpty()) cookieJar.updateCookies(setCookies, uri);
            int s = resp.status();
            String location = resp.headers().get("Location");
            if (!allowRedirects || location == null || !(s == 301 || s == 302 || s == 303 || s == 307 || s == 308)) {
                resp.setHistory(history);
                if (raise) resp.raiseForStatus();
                return resp;
            }
            redirects++;
            history.add(resp);
            resp.release();
            if (tracer.active()) {
                tracer.fire(t -> t.requestRedirect, new TraceConfig.RequestRedirect(resp.method(), uri, userHeaders, resp));
            }
            if (maxRedirects > 0 && redirects >= maxRedirects) {
                throw new TooManyRedirects(resp, history);
            }
            if ((s == 303 && !method.equals("HEAD")) || ((s == 301 || s == 302) && method.equals("POST"))) {
                method = "GET";
                body = null;
                userHeaders.remove("Content-Type");
                userHeaders.remove("Content-Length");
                userHeaders.remove("Transfer-Encoding");
            } else if (body != null && !body.replayable()) {
                throw new ClientError("cannot follow a " + s + " redirect: the streamed request body cannot be sent again");
            }
            URI next;
            try {
                URI r = uri.resolve(UrlQuoting.requote(location.trim()));
                String str = r.toString();
                int hash = str.indexOf('#');
                next = hash < 0 ? r : URI.create(str.substring(0, hash));
            } catch (IllegalArgumentException e) {
                throw new InvalidUrlError(location, "invalid redirect location");
            }
            String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new InvalidUrlError(location, "redirect to a non-HTTP URL");
            }
            if (!sameOrigin(uri, next)) {
                userHeaders.remove("Authorization");
            }
            uri = next;
        }
    }

    private static String hostPort(URI u) {
        String h = u.getHost();
        return u.getPort() > 0 ? h + ":" + u.getPort() : h;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme()) && Objects.equals(a.getHost(), b.getHost())
                && port(a) == port(b);
    }

    static int port(URI u) {
        if (u.getPort() > 0) return u.getPort();
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private ClientResponse send(String method, URI uri, HttpHeaders userHeaders, RequestOptions o, RequestBody body,
                                Deadlines d, boolean autoDecompress) throws Exception {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = CookieJar.host(uri);
        int port = port(uri);
        // per URL, so a redirect to a no_proxy host goes direct; a request's own proxy wins
        URI proxy = o.proxy != null ? o.proxy : envProxies != null ? envProxies.proxyFor(uri) : null;
        boolean tunnel = proxy != null && (scheme.equals("https") || o.proxyTunnel);
        ConnectionKey key = new ConnectionKey(scheme, host, port, proxy, tunnel);
        HttpHeaders h = requestHeaders(method, uri, userHeaders, o, body, autoDecompress, proxy != null && !tunnel ? proxy : null);
        String target = proxy != null && !tunnel ? absoluteForm(uri) : originForm(uri);
        ByteBuffer headBytes = HttpHeadEncoder.request(method, target, HttpVersion.HTTP_1_1, h);
        boolean fresh = false;
        for (int attempt = 0; ; attempt++) {
            ClientConnection c = connector.acquire(key, d, tracer, fresh);
            HttpClientProtocol p = c.protocol;
            try {
                p.startExchange(method);
                if (o.expect100 && body != null) {
                    p.write(headBytes.duplicate(), d);
                    if (p.awaitContinue(d)) writeBody(p, body, d);
                } else {
                    writeRequest(p, headBytes.duplicate(), body, d);
                }
                ResponseHead head = p.awaitHead(d);
                ClientResponse r = new ClientResponse(method, uri, head, connector, c, d, autoDecompress);
                r.releaseIfEmpty();
                return r;
            } catch (Throwable t) {
                connector.release(c, false);
                if (attempt == 0 && c.reused && !p.receivedAny() && t instanceof ClientConnectionError
                        && (body == null || body.replayable())) {
                    fresh = true;
                    continue;
                }
                throw t;
            }
        }
    }

    private static void writeRequest(HttpClientProtocol p, ByteBuffer head, RequestBody body, Deadlines d)
            throws Exception {
        if (body == null) {
            p.write(head, d);
        } else if (body.length >= 0) {
            if (body.length <= 16 * 1024 && body.replayable()) {
                // small bodies go out in one write with the head
                ByteBuffer one = ByteBuffer.allocate(head.remaining() + (int) body.length);
                one.put(head);
                body.writeTo(one::put);
                p.write(one.flip(), d);
            } else {
                p.write(head, d);
                writeBody(p, body, d);
            }
        } else {
            p.write(head, d);
            writeBody(p, body, d);
        }
    }

    private static void writeBody(HttpClientProtocol p, RequestBody body, Deadlines d) throws Exception {
        if (body.length >= 0) {
            body.writeTo(b -> p.write(b, d));
        } else {
            body.writeTo(b -> {
                for (ByteBuffer part : ChunkedEncoder.chunk(b)) p.write(part, d);
            });
            p.write(ChunkedEncoder.last(new HttpHeaders(0)), d);
        }
    }

    private HttpHeaders requestHeaders(String method, URI uri, HttpHeaders user, RequestOptions o, RequestBody body,
                                       boolean autoDecompress, URI absoluteFormProxy) {
        HttpHeaders h = new HttpHeaders(user.size() + 8);
        if (!user.contains("Host")) {
            int port = uri.getPort();
            String host = uri.getHost();
            int dflt = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            h.add("Host", port > 0 && port != dflt ? host + ":" + port : host);
        }
        for (Map.Entry<String, String> e : user) h.add(e.getKey(), e.getValue());
        if (!h.contains("Accept")) h.add("Accept", "*/*");
        if (autoDecompress && !h.contains("Accept-Encoding")) h.add("Accept-Encoding", "gzip, deflate");
        if (!h.contains("User-Agent")) h.add("User-Agent", USER_AGENT);
        Map<String, String> cookies = cookieJar.filterCookies(uri);
        if (!o.cookies.isEmpty() || h.contains("Cookie")) {
            // aiohttp merges into one header: a Cookie header's pairs first, then the jar's and the
            // request's cookies, which replace pairs of the same name
            Map<String, String> merged = new java.util.LinkedHashMap<>();
            for (String header : h.getAll("Cookie")) {
                for (String pair : header.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) merged.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                }
            }
            h.remove("Cookie");
            merged.putAll(cookies);
            merged.putAll(o.cookies);
            cookies = merged;
        }
        if (!cookies.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            cookies.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "; ").append(k).append('=').append(v));
            h.add("Cookie", sb.toString());
        }
        if (body != null) {
            if (!h.contains("Content-Type") && body.contentType != null) h.add("Content-Type", body.contentType);
            h.remove("Content-Length");
            h.remove("Transfer-Encoding");
            if (body.length >= 0) h.add("Content-Length", Long.toString(body.length));
            else h.add("Transfer-Encoding", "chunked");
        } else if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            if (!h.contains("Content-Length")) h.add("Content-Length", "0");
        }
        if (netrc != null && !h.contains("Authorization")) {
            // trust_env's .netrc credentials for the host of this hop (aiohttp >= 3.9), after the request's own
            Netrc.Credentials c = netrc.lookup(uri.getHost());
            if (c != null) h.add("Authorization", RequestOptions.basic(c.login(), c.password()));
        }
        if (o.expect100 && body != null && !h.contains("Expect")) h.add("Expect", "100-continue");
        if (absoluteFormProxy != null) {
            String auth = TCPConnector.proxyAuthorization(absoluteFormProxy);
            if (auth != null && !h.contains("Proxy-Authorization")) h.add("Proxy-Authorization", auth);
        }
        return h;
    }

    private static String originForm(URI u) {
        String path = u.getRawPath();
        if (path == null || path.isEmpty()) path = "/";
        String q = u.getRawQuery();
        return q == null ? path : path + "?" + q;
    }

    private static String absoluteForm(URI u) {
        return u.getScheme() + "://" + u.getRawAuthority() + originForm(u);
    }

    private RequestBody encodeBody(RequestOptions o, HttpHeaders userHeaders) throws Exception {
        int n = (o.data != null ? 1 : 0) + (o.hasJson ? 1 : 0) + (o.body != null ? 1 : 0);
        if (n > 1) {
            throw new IllegalArgumentException(o.data != null && o.hasJson
                    ? "data and json parameters can not be used at the same time" // aiohttp's ValueError
                    : "give at most one of data, json and body");
        }
        String ct = o.contentType;
        RequestBody b;
        if (o.hasJson) {
            b = RequestBody.bytes(JsonDumps.bytes(o.json), ct != null ? ct : "application/json"); // aiohttp's json.dumps text
        } else if (o.body != null) {
            b = RequestBody.streamed(o.body, ct != null ? ct : "application/octet-stream");
        } else if (o.data instanceof byte[] bytes) {
            b = RequestBody.bytes(bytes, ct != null ? ct : "application/octet-stream");
        } else if (o.data instanceof String s) {
            b = RequestBody.bytes(s.getBytes(StandardCharsets.UTF_8), ct != null ? ct : "text/plain; charset=utf-8");
        } else if (o.data instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder();
            m.forEach((k, v) -> appendField(sb, String.valueOf(k), String.valueOf(v)));
            b = RequestBody.bytes(sb.toString().getBytes(StandardCharsets.US_ASCII),
                    ct != null ? ct : "application/x-www-form-urlencoded");
        } else if (o.data instanceof FormData f) {
            if (f.isMultipart()) {
                b = RequestBody.multipart(f);
            } else {
                StringBuilder sb = new StringBuilder();
                for (FormData.Part p : f.parts) appendField(sb, p.name(), new String(p.data(), StandardCharsets.UTF_8));
                b = RequestBody.bytes(sb.toString().getBytes(StandardCharsets.US_ASCII),
                        ct != null ? ct : "application/x-www-form-urlencoded");
            }
        } else {
            return null;
        }
        return b;
    }

    /** Appends a query parameter {@code k=v} quoted as yarl quotes it (so {@code /?:@} stay, space is {@code +}). */
    private static void appendParam(StringBuilder sb, String k, String v) {
        if (!sb.isEmpty()) sb.append('&');
        sb.append(UrlQuoting.quoteQuery(k)).append('=').append(UrlQuoting.quoteQuery(v));
    }

    /** Appends a form field {@code k=v} quoted as Python's {@code urlencode} (aiohttp's form bodies) quotes it. */
    private static void appendField(StringBuilder sb, String k, String v) {
        if (!sb.isEmpty()) sb.append('&');
        sb.append(UrlQuoting.quoteForm(k)).append('=').append(UrlQuoting.quoteForm(v));
    }

    private URI buildUrl(String url, List<Map.Entry<String, String>> params) {
        URI u;
        try {
            u = URI.create(UrlQuoting.requote(url)); // aiohttp (yarl) accepts "a b", "é", "[1]" and quotes them
            if (options.baseUrl != null && !u.isAbsolute()) u = options.baseUrl.resolve(u);
        } catch (IllegalArgumentException e) {
            throw new InvalidUrlError(url, e.getMessage());
        }
        String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new InvalidUrlError(url, "the scheme must be http or https");
        }
        if (u.getHost() == null) throw new InvalidUrlError(url, "no host");
        if (params.isEmpty() && u.getRawFragment() == null) return u;
        StringBuilder q = new StringBuilder(u.getRawQuery() == null ? "" : u.getRawQuery());
        for (Map.Entry<String, String> e : params) appendParam(q, e.getKey(), e.getValue());
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        return URI.create(scheme + "://" + u.getRawAuthority() + path + (q.isEmpty() ? "" : "?" + q));
    }
}
