package io.asyncio4j.http.client;

import io.asyncio4j.http.HttpHeaders;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optional arguments of {@link ClientSession#request}: aiohttp's keyword arguments
 * ({@code params=}, {@code headers=}, {@code cookies=}, {@code data=}, {@code json=},
 * {@code allow_redirects=}, {@code max_redirects=}, {@code raise_for_status=}, {@code timeout=},
 * {@code auto_decompress=}, {@code proxy=}, {@code auth=}). Credentials in the URL
 * ({@code http://user:pass@host/}) become a Basic {@code Authorization} header too. Unset options take the session's defaults. At most one
 * body ({@code data}, {@code json}, {@code body}) may be given.
 *
 * <pre>{@code
 * ClientResponse r = session.post("http://api.test/items", new RequestOptions()
 *     .param("dry_run", "1")
 *     .header("X-Trace", "abc")
 *     .json(Map.of("name", "widget", "qty", 3))
 *     .timeout(ClientTimeout.DEFAULT.withTotal(Duration.ofSeconds(5))));
 * }</pre>
 */
public final class RequestOptions {
    final List<Map.Entry<String, String>> params = new ArrayList<>();
    final HttpHeaders headers = new HttpHeaders();
    String auth; // an Authorization value from basicAuth, or null
    final Map<String, String> cookies = new LinkedHashMap<>();
    Object data; // byte[], String, Map<String, ?>, FormData
    Object json;
    boolean hasJson;
    StreamedBody body;
    String contentType;
    Boolean allowRedirects;
    Integer maxRedirects;
    Boolean raiseForStatus;
    ClientTimeout timeout;
    Boolean autoDecompress;
    URI proxy;
    boolean proxyTunnel;
    boolean expect100;

    /** No options. */
    public RequestOptions() {}

    /** Adds a query parameter (encoded; appended to any query already in the URL). */
    public RequestOptions param(String name, Object value) {
        params.add(Map.entry(name, String.valueOf(value)));
        return this;
    }

    /** Adds query parameters in the map's order. */
    public RequestOptions params(Map<String, ?> values) {
        values.forEach(this::param);
        return this;
    }

    /** Adds a request header (after the session's default headers, which it replaces). */
    public RequestOptions header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    /** Adds request headers. */
    public RequestOptions headers(Map<String, String> values) {
        values.forEach(headers::add);
        return this;
    }

    /** Sends a cookie with this request only (in addition to the jar's). */
    public RequestOptions cookie(String name, String value) {
        cookies.put(name, value);
        return this;
    }

    /** Sends cookies with this request only. */
    public RequestOptions cookies(Map<String, String> values) {
        cookies.putAll(values);
        return this;
    }

    /**
     * HTTP Basic credentials (aiohttp's {@code auth=BasicAuth(login, password)}), encoded as
     * Latin-1 like aiohttp's default. Cannot be combined with an {@code Authorization} header or
     * credentials in the URL ({@link IllegalArgumentException} when the request is made, aiohttp's
     * {@code ValueError}).
     */
    public RequestOptions basicAuth(String login, String password) {
        return basicAuth(login, password, StandardCharsets.ISO_8859_1);
    }

    /** {@link #basicAuth(String, String)} in another charset ({@code BasicAuth(..., encoding=)}). */
    public RequestOptions basicAuth(String login, String password, java.nio.charset.Charset charset) {
        auth = basic(login, password, charset);
        return this;
    }

    /** aiohttp's {@code BasicAuth(...).encode()}: no {@code :} in the login, Latin-1 unless told otherwise. */
    static String basic(String login, String password) {
        return basic(login, password, StandardCharsets.ISO_8859_1);
    }

    static String basic(String login, String password, java.nio.charset.Charset charset) {
        if (login.indexOf(':') >= 0) throw new IllegalArgumentException("A \":\" is not allowed in login (RFC 1945#section-11.1)");
        String creds = login + ":" + password;
        if (!charset.newEncoder().canEncode(creds)) {
            throw new IllegalArgumentException("the credentials cannot be encoded in " + charset);
        }
        return "Basic " + java.util.Base64.getEncoder().encodeToString(creds.getBytes(charset));
    }

    /** Basic credentials from a URL's decoded user info ({@code BasicAuth.from_url}), or null without any. */
    static String basicFromUserInfo(String userInfo) {
        if (userInfo == null) return null;
        int colon = userInfo.indexOf(':');
        return colon < 0 ? basic(userInfo, "") : basic(userInfo.substring(0, colon), userInfo.substring(colon + 1));
    }

    /**
     * Sends {@code Expect: 100-continue} and the body only after the server's {@code 100 Continue}
     * (aiohttp's {@code expect100=True}); a final answer before it (e.g. 401, 413) skips the body.
     */
    public RequestOptions expect100(boolean on) {
        expect100 = on;
        return this;
    }

    /** Raw body bytes ({@code application/octet-stream} unless a Content-Type header is given). */
    public RequestOptions data(byte[] bytes) {
        data = bytes;
        return this;
    }

    /** A text body, UTF-8 ({@code text/plain; charset=utf-8} unless a Content-Type header is given). */
    public RequestOptions data(String text) {
        data = text;
        return this;
    }

    /** A form, sent as {@code application/x-www-form-urlencoded}. */
    public RequestOptions data(Map<String, ?> form) {
        data = form;
        return this;
    }

    /** A {@link FormData}: url-encoded, or multipart when it has files. */
    public RequestOptions data(FormData form) {
        data = form;
        return this;
    }

    /** A multipart/form-data body (even with only text fields). */
    public RequestOptions multipart(FormData form) {
        data = form.multipart();
        return this;
    }

    /** A JSON body, serialized with Jackson ({@code application/json}). */
    public RequestOptions json(Object value) {
        json = value;
        hasJson = true;
        return this;
    }

    /** A streamed body sent chunked. */
    public RequestOptions body(StreamedBody source) {
        body = source;
        return this;
    }

    /** The Content-Type of the body (overrides the default of the body kind). */
    public RequestOptions contentType(String value) {
        contentType = value;
        return this;
    }

    /** Whether to follow redirects (default true, except for {@code session.head(..)}: aiohttp's defaults). */
    public RequestOptions allowRedirects(boolean on) {
        allowRedirects = on;
        return this;
    }

    /** The redirect limit (default 10): reaching it raises {@link TooManyRedirects}. */
    public RequestOptions maxRedirects(int n) {
        maxRedirects = n;
        return this;
    }

    /** Raise {@link ClientResponseError} on a status of 400 or more. */
    public RequestOptions raiseForStatus(boolean on) {
        raiseForStatus = on;
        return this;
    }

    /** Time limits for this request. */
    public RequestOptions timeout(ClientTimeout t) {
        timeout = t;
        return this;
    }

    /** Whether to decode gzip/deflate bodies (and to send {@code Accept-Encoding}); default true. */
    public RequestOptions autoDecompress(boolean on) {
        autoDecompress = on;
        return this;
    }

    /**
     * An HTTP proxy, e.g. {@code http://user:pass@proxy:3128} (credentials go in Proxy-Authorization); it wins
     * over the environment's proxies of {@link ClientSession.Options#trustEnv}.
     */
    public RequestOptions proxy(String url) {
        proxy = URI.create(url);
        return this;
    }

    /** Use a CONNECT tunnel through the proxy even for http:// URLs (https always tunnels). */
    public RequestOptions proxyTunnel(boolean on) {
        proxyTunnel = on;
        return this;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
