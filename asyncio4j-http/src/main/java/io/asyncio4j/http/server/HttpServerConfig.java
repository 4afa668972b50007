package io.asyncio4j.http.server;

import io.asyncio4j.http.parser.HttpParserLimits;
import java.time.Duration;

/**
 * Connection-level settings of the HTTP server: timeouts, parser limits, pipelining depth, body
 * buffering, access log.
 *
 * <p>The analog of the keyword arguments of aiohttp's {@code AppRunner}/{@code RequestHandler}
 * ({@code keepalive_timeout}, {@code max_line_size}, {@code max_field_size}, {@code access_log_format},
 * {@code shutdown_timeout}).
 *
 * <pre>{@code
 * HttpServerConfig cfg = new HttpServerConfig()
 *         .keepaliveTimeout(Duration.ofSeconds(30))
 *         .headerTimeout(Duration.ofSeconds(10))
 *         .accessLogFormat(null);               // no access log
 * AppRunner runner = new AppRunner(app, cfg);
 * }</pre>
 */
public final class HttpServerConfig {
    /** aiohttp's default access log format. */
    public static final String DEFAULT_ACCESS_LOG_FORMAT = "%a %t \"%r\" %s %b \"%{Referer}i\" \"%{User-Agent}i\"";

    private Duration keepaliveTimeout = Duration.ofSeconds(75);
    private Duration headerTimeout = Duration.ofSeconds(30);
    private Duration shutdownTimeout = Duration.ofSeconds(60);
    private HttpParserLimits limits = HttpParserLimits.DEFAULTS;
    private int maxPipelined = 32;
    private int bodyBufferSize = 256 * 1024;
    private String accessLogFormat = DEFAULT_ACCESS_LOG_FORMAT;
    private String serverHeader = "asyncio4j";
    private int maxRanges = 100;

    /** The defaults. */
    public HttpServerConfig() {}

    /** How long an idle keep-alive connection stays open (default 75 s, aiohttp's). */
    public Duration keepaliveTimeout() {
        return keepaliveTimeout;
    }

    /** Sets {@link #keepaliveTimeout()}. */
    public HttpServerConfig keepaliveTimeout(Duration d) {
        keepaliveTimeout = d;
        return this;
    }

    /**
     * The most time from the first octet of a request (or from accepting the connection) to the end
     * of its head (slowloris defense; default 30 s). On expiry the server answers 408 and closes.
     */
    public Duration headerTimeout() {
        return headerTimeout;
    }

    /** Sets {@link #headerTimeout()}. */
    public HttpServerConfig headerTimeout(Duration d) {
        headerTimeout = d;
        return this;
    }

    /** How long a graceful shutdown waits for in-flight requests (default 60 s, aiohttp's). */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /** Sets {@link #shutdownTimeout()}. */
    public HttpServerConfig shutdownTimeout(Duration d) {
        shutdownTimeout = d;
        return this;
    }

    /** Request line and header limits of the parser (414/431 when exceeded). */
    public HttpParserLimits limits() {
        return limits;
    }

    /** Sets {@link #limits()}. */
    public HttpServerConfig limits(HttpParserLimits l) {
        limits = l;
        return this;
    }

    /** Parsed requests queued behind the one being handled before reading pauses (default 32). */
    public int maxPipelined() {
        return maxPipelined;
    }

    /** Sets {@link #maxPipelined()}. */
    public HttpServerConfig maxPipelined(int n) {
        maxPipelined = Math.max(1, n);
        return this;
    }

    /** Request body octets buffered before reading pauses (default 256 KiB). */
    public int bodyBufferSize() {
        return bodyBufferSize;
    }

    /** Sets {@link #bodyBufferSize()}. */
    public HttpServerConfig bodyBufferSize(int n) {
        bodyBufferSize = Math.max(1024, n);
        return this;
    }

    /** The access log format (see {@link AccessLogger}); null disables the access log. */
    public String accessLogFormat() {
        return accessLogFormat;
    }

    /** Sets {@link #accessLogFormat()}. */
    public HttpServerConfig accessLogFormat(String f) {
        accessLogFormat = f;
        return this;
    }

    /**
     * The most byte ranges one {@code Range} header of a file request may list (default 100); a longer
     * set is answered with the whole file (200). It bounds the work and the multipart framing a tiny
     * request can cost (RFC 9110 §17.15); overlapping ranges are coalesced whatever the cap.
     */
    public int maxRanges() {
        return maxRanges;
    }

    /** Sets {@link #maxRanges()}; at least 1 (a single range is always honoured). */
    public HttpServerConfig maxRanges(int n) {
        maxRanges = Math.max(1, n);
        return this;
    }

    /** The {@code Server} header value, or null for none. */
    public String serverHeader() {
        return serverHeader;
    }

    /** Sets {@link #serverHeader()}. */
    public HttpServerConfig serverHeader(String v) {
        serverHeader = v;
        return this;
    }
}
