package io.asyncio4j.http.parser;

import io.asyncio4j.http.HttpHeaders;
import io.asyncio4j.http.HttpVersion;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The incremental HTTP/1.1 parser (RFC 9112) shared by the client and the server.
 *
 * <p>The analog of aiohttp's {@code HttpRequestParser} / {@code HttpResponseParser} (llhttp
 * underneath). Feed it bytes as they arrive, split anywhere (one octet at a time gives the same
 * events as the whole message); it reports each message to an {@link HttpMessageListener} as head,
 * body slices and completion, and handles pipelined messages in one buffer. Body slices are views
 * of the fed buffer (no copy). It never blocks, never allocates per octet, and rejects anything
 * ambiguous with an {@link HttpParseException} that names the {@link HttpParseError} and the status
 * a server answers with.
 *
 * <p>Decisions (see also {@code docs/http-parser.md}):
 * <ul>
 *   <li>Lines end with CRLF only: a bare LF or a lone CR is rejected everywhere.
 *   <li>Requests with both Content-Length and Transfer-Encoding are rejected (400); in responses
 *       Transfer-Encoding wins and the connection is not reused.
 *   <li>Content-Length must be 1*DIGIT; several fields or a comma list are accepted only when every
 *       value is identical (RFC 9110 §8.6), otherwise 400.
 *   <li>Transfer-Encoding: known codings are chunked, gzip, x-gzip, deflate, compress,
 *       x-compress (others: 501); chunked must be last in a request (400) and appear once.
 *   <li>obs-fold is rejected in requests and replaced by SP in responses (RFC 9112 §5.2).
 *   <li>Whitespace before the colon, non-token names, and CTLs (NUL, DEL, ...) in values: 400.
 *   <li>Chunk sizes are 1*HEXDIG (leading zeros fine) up to 2^63-1; no sign, prefix or
 *       whitespace except BWS before a {@code ;} extension.
 *   <li>HTTP/1.x minors above 1 are treated as 1.1 (RFC 9110 §2.5); other majors: 505.
 *   <li>Empty lines before a request line are skipped (RFC 9112 §2.2); they count against the
 *       start-line limit.
 *   <li>After a message that does not keep the connection alive, further octets are discarded.
 * </ul>
 *
 * <pre>{@code
 * HttpParser parser = HttpParser.forRequests(listener);
 * // in Protocol.dataReceived, on the loop thread:
 * parser.feed(buffer);
 * if (parser.isUpgraded()) switchProtocol(buffer); // the rest of buffer belongs to the new protocol
 * // in Protocol.connectionLost / eofReceived:
 * parser.feedEof();
 * }</pre>
 */
public final class HttpParser {
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final List<String> NO_CODINGS = List.of();

    private enum State {
        START_LINE, HEADERS, BODY_LENGTH, CHUNK_SIZE, CHUNK_DATA, CHUNK_CR, CHUNK_LF, TRAILERS,
        BODY_UNTIL_CLOSE, UPGRADED, CLOSED, FAILED
    }

    private final boolean requests;
    private final HttpMessageListener listener;
    private final HttpParserLimits limits;
    private final ArrayDeque<String> pendingMethods = new ArrayDeque<>();

    private State state = State.START_LINE;
    private HttpParseException failure;

    // current line
    private byte[] line = new byte[256];
    private int lineLen;
    private boolean sawCr;
    private int blankPrefix; // empty lines skipped before a request line

    // current message
    private String method;
    private String target;
    private HttpVersion version;
    private int status;
    private String reason;
    private HttpHeaders headers;
    private int sectionSize;
    private long remaining;
    private long bodySize;
    private boolean keepAlive;
    private boolean upgrade;

    private HttpParser(boolean requests, HttpMessageListener listener, HttpParserLimits limits) {
        this.requests = requests;
        this.listener = java.util.Objects.requireNonNull(listener, "listener");
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
    }

    /** A parser of requests (server side) with {@link HttpParserLimits#DEFAULTS}. */
    public static HttpParser forRequests(HttpMessageListener listener) {
        return new HttpParser(true, listener, HttpParserLimits.DEFAULTS);
    }

    /** A parser of requests (server side). */
    public static HttpParser forRequests(HttpMessageListener listener, HttpParserLimits limits) {
        return new HttpParser(true, listener, limits);
    }

    /** A parser of responses (client side) with {@link HttpParserLimits#DEFAULTS}. */
    public static HttpParser forResponses(HttpMessageListener listener) {
        return new HttpParser(false, listener, HttpParserLimits.DEFAULTS);
    }

    /** A parser of responses (client side). */
    public static HttpParser forResponses(HttpMessageListener listener, HttpParserLimits limits) {
        return new HttpParser(false, listener, limits);
    }

    /**
     * Response parsers: records the method of a request sent on this connection, in order, so the
     * matching response is framed right (HEAD has no body; a 2xx to CONNECT is a tunnel). When none
     * is recorded, GET is assumed.
     */
    public void expectResponseTo(String requestMethod) {
        if (requests) throw new IllegalStateException("request parsers do not take request methods");
        pendingMethods.add(requestMethod);
    }

    /** True after a message that switched protocols; the parser consumes nothing more. */
    public boolean isUpgraded() {
        return state == State.UPGRADED;
    }

    /** True after a message that ended the connection's HTTP use (no keep-alive). */
    public boolean isClosed() {
        return state == State.CLOSED;
    }

    /** True between messages (nothing of a next message has been seen). */
    public boolean isIdle() {
        return state == State.START_LINE && lineLen == 0 && !sawCr && blankPrefix == 0;
    }

    /**
     * Resumes HTTP parsing after an upgrade request that the server declined (it answered with an
     * ordinary response): the next octets are a new request.
     */
    public void resumeAfterDeclinedUpgrade() {
        if (state != State.UPGRADED) throw new IllegalStateException("not upgraded");
        state = keepAlive ? State.START_LINE : State.CLOSED;
    }

    /**
     * Consumes {@code in} from its position to its limit (stopping early only after an upgrade),
     * calling the listener for what it completes.
     *
     * @throws HttpParseException if the bytes are not valid HTTP/1.1; the parser then stays failed
     */
    public void feed(ByteBuffer in) {
        if (state == State.FAILED) throw failure;
        try {
            while (in.hasRemaining()) {
                switch (state) {
                    case START_LINE -> {
                        int max = requests ? limits.maxStartLineLength() : limits.maxStartLineLength();
                        if (readLine(in, max - blankPrefix, HttpParseError.START_LINE_TOO_LONG)) onStartLine();
                    }
                    case HEADERS, TRAILERS -> {
                        int max = Math.min(limits.maxFieldLineLength(), limits.maxHeaderSectionSize() - sectionSize);
                        HttpParseError err = max < limits.maxFieldLineLength()
                                ? HttpParseError.HEADER_SECTION_TOO_LARGE : HttpParseError.HEADER_FIELD_TOO_LARGE;
                        if (readLine(in, Math.max(0, max), err)) onFieldLine();
                    }
                    case BODY_LENGTH -> {
                        int n = (int) Math.min(remaining, in.remaining());
                        emitBody(in, n);
                        remaining -= n;
                        if (remaining == 0) completeMessage(new HttpHeaders(1));
                    }
                    case CHUNK_SIZE -> {
                        if (readLine(in, limits.maxChunkLineLength(), HttpParseError.CHUNK_LINE_TOO_LONG)) onChunkLine();
                    }
                    case CHUNK_DATA -> {
                        int n = (int) Math.min(remaining, in.remaining());
                        emitBody(in, n);
                        remaining -= n;
                        if (remaining == 0) state = State.CHUNK_CR;
                    }
                    case CHUNK_CR -> {
                        if (in.get() != CR) throw fail(HttpParseError.INVALID_CHUNK_DATA_END, "chunk data not followed by CRLF");
                        state = State.CHUNK_LF;
                    }
                    case CHUNK_LF -> {
                        if (in.get() != LF) throw fail(HttpParseError.INVALID_CHUNK_DATA_END, "chunk data not followed by CRLF");
                        state = State.CHUNK_SIZE;
                    }
                    case BODY_UNTIL_CLOSE -> {
                        int n = in.remaining();
                        bodySize += n;
                        if (bodySize > limits.maxBodySize()) throw fail(HttpParseError.BODY_TOO_LARGE, "body larger than " + limits.maxBodySize());
                        emitSlice(in, n);
                    }
                    case CLOSED -> in.position(in.limit());
                    case UPGRADED -> {
                        return;
                    }
                    case FAILED -> throw failure;
                }
            }
        } catch (HttpParseException e) {
            state = State.FAILED;
            failure = e;
            throw e;
        }
    }

    /**
     * Signals the end of the input (the peer closed). Completes a read-until-close response.
     *
     * @throws HttpParseException ({@link HttpParseError#INCOMPLETE_MESSAGE}) if a message was cut off
     */
    public void feedEof() {
        switch (state) {
            case FAILED -> throw failure;
            case BODY_UNTIL_CLOSE -> {
                completeMessage(new HttpHeaders(1));
                state = State.CLOSED;
            }
            case START_LINE -> {
                if (lineLen != 0 || sawCr) throw failEof();
                state = State.CLOSED;
            }
            case UPGRADED, CLOSED -> { }
            default -> throw failEof();
        }
    }

    private HttpParseException failEof() {
        HttpParseException e = fail(HttpParseError.INCOMPLETE_MESSAGE, "connection closed in the middle of a message");
        state = State.FAILED;
        failure = e;
        return e;
    }

    private HttpParseException fail(HttpParseError error, String detail) {
        return new HttpParseException(error, !requests, detail);
    }

    // ---------------------------------------------------------------- lines

    /** Accumulates one CRLF-terminated line; true when {@code line[0..lineLen)} is complete. */
    private boolean readLine(ByteBuffer in, int max, HttpParseError tooLong) {
        int pos = in.position();
        int lim = in.limit();
        if (sawCr) {
            if (in.get(pos) != LF) throw fail(HttpParseError.INVALID_LINE_ENDING, "CR not followed by LF");
            in.position(pos + 1);
            sawCr = false;
            return true;
        }
        int i = pos;
        byte b = 0;
        while (i < lim) {
            b = in.get(i);
            if (b == CR || b == LF) break;
            i++;
        }
        int n = i - pos;
        if (lineLen + n > max) {
            throw fail(tooLong, tooLong == HttpParseError.START_LINE_TOO_LONG
                    ? (requests ? "request line too long" : "status line too long")
                    : tooLong == HttpParseError.CHUNK_LINE_TOO_LONG ? "chunk size line too long"
                    : tooLong == HttpParseError.HEADER_FIELD_TOO_LARGE ? "header field line too long"
                    : "header section too large");
        }
        if (n > 0) {
            if (lineLen + n > line.length) {
                line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, lineLen + n));
            }
            in.get(pos, line, lineLen, n);
            lineLen += n;
        }
        if (i == lim) {
            in.position(lim);
            return false;
        }
        if (b == LF) throw fail(HttpParseError.INVALID_LINE_ENDING, "bare LF");
        // b == CR
        if (i + 1 == lim) {
            sawCr = true;
            in.position(lim);
            return false;
        }
        if (in.get(i + 1) != LF) throw fail(HttpParseError.INVALID_LINE_ENDING, "CR not followed by LF");
        in.position(i + 2);
        return true;
    }

    // ---------------------------------------------------------------- start line

    private void onStartLine() {
        int len = lineLen;
        lineLen = 0;
        if (len == 0) {
            if (!requests) throw fail(HttpParseError.INVALID_START_LINE, "empty status line");
            blankPrefix += 2;
            if (blankPrefix >= limits.maxStartLineLength()) {
                throw fail(HttpParseError.START_LINE_TOO_LONG, "too many empty lines before the request line");
            }
            return;
        }
        blankPrefix = 0;
        headers = new HttpHeaders(12);
        sectionSize = 0;
        bodySize = 0;
        if (requests) parseRequestLine(len);
        else parseStatusLine(len);
        state = State.HEADERS;
    }

    private void parseRequestLine(int len) {
        byte[] l = line;
        int sp1 = 0;
        while (sp1 < len && l[sp1] != ' ') {
            if (!HttpSyntax.TCHAR[l[sp1] & 0xff]) throw fail(HttpParseError.INVALID_METHOD, "invalid octet in method");
            sp1++;
        }
        if (sp1 == 0) throw fail(HttpParseError.INVALID_METHOD, "empty method");
        if (sp1 == len) throw fail(HttpParseError.INVALID_START_LINE, "request line without target");
        int sp2 = sp1 + 1;
        while (sp2 < len && l[sp2] != ' ') {
            if (!HttpSyntax.TARGET_CHAR[l[sp2] & 0xff]) throw fail(HttpParseError.INVALID_TARGET, "invalid octet in request target");
            sp2++;
        }
        if (sp2 == sp1 + 1) throw fail(HttpParseError.INVALID_TARGET, "empty request target");
        if (sp2 == len) throw fail(HttpParseError.INVALID_START_LINE, "request line without HTTP version");
        method = methodString(l, sp1);
        target = new String(l, sp1 + 1, sp2 - sp1 - 1, StandardCharsets.ISO_8859_1);
        version = parseVersion(l, sp2 + 1, len);
        checkTargetForm();
    }

    private void checkTargetForm() {
        boolean connect = method.equals("CONNECT");
        char first = target.charAt(0);
        if (connect) {
            if (first == '/' || target.equals("*") || target.contains("/")) {
                throw fail(HttpParseError.INVALID_TARGET, "CONNECT needs an authority-form target");
            }
        } else if (target.equals("*")) {
            if (!method.equals("OPTIONS")) throw fail(HttpParseError.INVALID_TARGET, "asterisk-form is for OPTIONS only");
        } else if (first != '/' && !isAbsoluteForm(target)) {
            throw fail(HttpParseError.INVALID_TARGET, "request target is neither origin-form nor absolute-form");
        }
    }

    private static boolean isAbsoluteForm(String t) {
        int colon = t.indexOf(':');
        if (colon <= 0) return false;
        if (!Character.isLetter(t.charAt(0)) || t.charAt(0) > 0x7f) return false;
        for (int i = 1; i < colon; i++) {
            char c = t.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '-' || c == '.';
            if (!ok) return false;
        }
        return true;
    }

    private static final String[] COMMON_METHODS = {"GET", "PUT", "POST", "HEAD", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE"};

    private static String methodString(byte[] l, int len) {
        outer:
        for (String m : COMMON_METHODS) {
            if (m.length() != len) continue;
            for (int i = 0; i < len; i++) if (l[i] != m.charAt(i)) continue outer;
            return m;
        }
        return new String(l, 0, len, StandardCharsets.ISO_8859_1);
    }

    private HttpVersion parseVersion(byte[] l, int from, int to) {
        if (to - from != 8 || l[from] != 'H' || l[from + 1] != 'T' || l[from + 2] != 'T' || l[from + 3] != 'P'
                || l[from + 4] != '/' || l[from + 6] != '.' || !isDigit(l[from + 5]) || !isDigit(l[from + 7])) {
            throw fail(HttpParseError.INVALID_VERSION, "malformed HTTP version");
        }
        int major = l[from + 5] - '0';
        int minor = l[from + 7] - '0';
        if (major != 1) throw fail(HttpParseError.VERSION_NOT_SUPPORTED, "HTTP/" + major + "." + minor + " is not supported");
        return HttpVersion.of(major, minor);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private void parseStatusLine(int len) {
        byte[] l = line;
        if (len < 12 || l[8] != ' ') throw fail(HttpParseError.INVALID_START_LINE, "malformed status line");
        version = parseVersion(l, 0, 8);
        if (!isDigit(l[9]) || !isDigit(l[10]) || !isDigit(l[11])) throw fail(HttpParseError.INVALID_STATUS, "status code is not 3 digits");
        status = (l[9] - '0') * 100 + (l[10] - '0') * 10 + (l[11] - '0');
        if (status < 100) throw fail(HttpParseError.INVALID_STATUS, "status code below 100");
        if (len == 12) {
            reason = "";
            return;
        }
        if (l[12] != ' ') throw fail(HttpParseError.INVALID_STATUS, "status code is not 3 digits");
        for (int i = 13; i < len; i++) {
            if (!HttpSyntax.FIELD_CHAR[l[i] & 0xff]) throw fail(HttpParseError.INVALID_START_LINE, "control character in reason phrase");
        }
        reason = new String(l, 13, len - 13, StandardCharsets.ISO_8859_1);
    }

    // ---------------------------------------------------------------- fields

    private void onFieldLine() {
        int len = lineLen;
        lineLen = 0;
        sectionSize += len + 2;
        if (len == 0) {
            if (state == State.HEADERS) onHeadersComplete();
            else completeMessage(headers);
            return;
        }
        byte[] l = line;
        if (l[0] == ' ' || l[0] == '\t') {
            onObsFold(len);
            return;
        }
        int colon = 0;
        while (colon < len && l[colon] != ':') {
            if (!HttpSyntax.TCHAR[l[colon] & 0xff]) {
                if (l[colon] == ' ' || l[colon] == '\t') throw fail(HttpParseError.INVALID_HEADER_NAME, "whitespace in field name or before the colon");
                throw fail(HttpParseError.INVALID_HEADER_NAME, "invalid octet in field name");
            }
            colon++;
        }
        if (colon == len) throw fail(HttpParseError.INVALID_HEADER_VALUE, "field line without colon");
        if (colon == 0) throw fail(HttpParseError.INVALID_HEADER_NAME, "empty field name");
        if (headers.size() >= limits.maxHeaderCount()) throw fail(HttpParseError.TOO_MANY_HEADERS, "more than " + limits.maxHeaderCount() + " fields");
        int vs = colon + 1;
        int ve = len;
        while (vs < ve && (l[vs] == ' ' || l[vs] == '\t')) vs++;
        while (ve > vs && (l[ve - 1] == ' ' || l[ve - 1] == '\t')) ve--;
        for (int i = vs; i < ve; i++) {
            if (!HttpSyntax.FIELD_CHAR[l[i] & 0xff]) throw fail(HttpParseError.INVALID_HEADER_VALUE, "control character in field value");
        }
        headers.add(HeaderNames.name(l, colon), new String(l, vs, ve - vs, StandardCharsets.ISO_8859_1));
    }

    private void onObsFold(int len) {
        if (requests) throw fail(HttpParseError.OBS_FOLD, "obs-fold in a request");
        if (headers.isEmpty()) throw fail(HttpParseError.OBS_FOLD, "obs-fold before the first field");
        byte[] l = line;
        int vs = 0;
        int ve = len;
        while (vs < ve && (l[vs] == ' ' || l[vs] == '\t')) vs++;
        while (ve > vs && (l[ve - 1] == ' ' || l[ve - 1] == '\t')) ve--;
        for (int i = vs; i < ve; i++) {
            if (!HttpSyntax.FIELD_CHAR[l[i] & 0xff]) throw fail(HttpParseError.INVALID_HEADER_VALUE, "control character in field value");
        }
        int last = headers.size() - 1;
        String name = headers.name(last);
        String prev = headers.value(last);
        String cont = new String(l, vs, ve - vs, StandardCharsets.ISO_8859_1);
        String joined = prev.isEmpty() ? cont : cont.isEmpty() ? prev : prev + " " + cont;
        // replace the last field's value, keeping its position
        HttpHeaders copy = new HttpHeaders(headers.size() + 4);
        for (int i = 0; i < last; i++) copy.add(headers.name(i), headers.value(i));
        copy.add(name, joined);
        headers = copy;
    }

    // ---------------------------------------------------------------- framing decisions

    private void onHeadersComplete() {
        HttpHeaders h = headers;
        boolean v11 = version.isAtLeast11();
        boolean close = h.containsToken("Connection", "close");
        keepAlive = v11 ? !close : !close && h.containsToken("Connection", "keep-alive");

        long contentLength = parseContentLength(h);
        List<String> codings = parseTransferEncoding(h);
        boolean chunked = codings != null && !codings.isEmpty() && codings.getLast().equals("chunked");
        List<String> applied = codings == null ? NO_CODINGS
                : List.copyOf(chunked ? codings.subList(0, codings.size() - 1) : codings);

        BodyFraming framing;
        MessageHead head;
        if (requests) {
            int hosts = h.count("Host");
            if (hosts > 1) throw fail(HttpParseError.DUPLICATE_HOST, "more than one Host field");
            if (hosts == 0 && v11 && limits.requireHost()) throw fail(HttpParseError.MISSING_HOST, "HTTP/1.1 request without Host");
            if (codings != null && contentLength >= 0) {
                throw fail(HttpParseError.CONFLICTING_FRAMING, "both Content-Length and Transfer-Encoding");
            }
            if (codings != null && !chunked) {
                throw fail(HttpParseError.INVALID_TRANSFER_ENCODING, "chunked is not the final transfer coding");
            }
            if (codings != null && !v11) {
                // RFC 9112 §6.1: TE in HTTP/1.0 is a smuggling vector; frame it but never reuse the connection.
                keepAlive = false;
            }
            upgrade = method.equals("CONNECT")
                    || (h.contains("Upgrade") && h.containsToken("Connection", "upgrade"));
            if (chunked) framing = BodyFraming.CHUNKED;
            else if (contentLength > 0) framing = BodyFraming.CONTENT_LENGTH;
            else framing = BodyFraming.NONE;
            boolean expect = v11 && "100-continue".equalsIgnoreCase(h.get("Expect"));
            head = new RequestHead(method, target, version, h, framing,
                    framing == BodyFraming.CHUNKED ? -1 : Math.max(0, contentLength), applied, keepAlive, upgrade, expect);
        } else {
            String reqMethod = pendingMethods.peekFirst();
            if (reqMethod == null) reqMethod = "GET";
            boolean interim = status < 200 && status != 101;
            if (!interim) pendingMethods.pollFirst();
            upgrade = status == 101 || (reqMethod.equals("CONNECT") && status >= 200 && status < 300);
            if (reqMethod.equals("HEAD") || status < 200 || status == 204 || status == 304 || upgrade) {
                framing = BodyFraming.NONE;
            } else if (codings != null) {
                if (contentLength >= 0) keepAlive = false; // RFC 9112 §6.3 (3): TE wins, do not reuse
                if (chunked) {
                    framing = BodyFraming.CHUNKED;
                } else {
                    framing = BodyFraming.UNTIL_CLOSE;
                    keepAlive = false;
                }
            } else if (contentLength >= 0) {
                framing = contentLength == 0 ? BodyFraming.NONE : BodyFraming.CONTENT_LENGTH;
            } else {
                framing = BodyFraming.UNTIL_CLOSE;
                keepAlive = false;
            }
            long cl = switch (framing) {
                case NONE -> 0;
                case CONTENT_LENGTH -> contentLength;
                default -> -1;
            };
            head = new ResponseHead(version, status, reason, h, framing, cl, applied, keepAlive, upgrade);
        }
        if (framing == BodyFraming.CONTENT_LENGTH && contentLength > limits.maxBodySize()) {
            throw fail(HttpParseError.BODY_TOO_LARGE, "Content-Length " + contentLength + " exceeds " + limits.maxBodySize());
        }
        listener.onHead(head);
        switch (framing) {
            case NONE -> completeMessage(new HttpHeaders(1));
            case CONTENT_LENGTH -> {
                remaining = contentLength;
                state = State.BODY_LENGTH;
            }
            case CHUNKED -> state = State.CHUNK_SIZE;
            case UNTIL_CLOSE -> state = State.BODY_UNTIL_CLOSE;
        }
    }

    /** -1 if absent; the common value if all fields and list members agree. */
    private long parseContentLength(HttpHeaders h) {
        long value = -1;
        for (int i = 0; i < h.size(); i++) {
            if (!h.name(i).equalsIgnoreCase("Content-Length")) continue;
            String v = h.value(i);
            int start = 0;
            while (true) {
                int comma = v.indexOf(',', start);
                int end = comma < 0 ? v.length() : comma;
                int s = start;
                int e = end;
                while (s < e && (v.charAt(s) == ' ' || v.charAt(s) == '\t')) s++;
                while (e > s && (v.charAt(e - 1) == ' ' || v.charAt(e - 1) == '\t')) e--;
                if (s == e) throw fail(HttpParseError.INVALID_CONTENT_LENGTH, "empty Content-Length");
                long n = 0;
                for (int k = s; k < e; k++) {
                    char c = v.charAt(k);
                    if (c < '0' || c > '9') throw fail(HttpParseError.INVALID_CONTENT_LENGTH, "Content-Length is not a decimal number");
                    if (n > (Long.MAX_VALUE - 9) / 10) throw fail(HttpParseError.INVALID_CONTENT_LENGTH, "Content-Length overflows");
                    n = n * 10 + (c - '0');
                }
                if (value >= 0 && value != n) throw fail(HttpParseError.INVALID_CONTENT_LENGTH, "different Content-Length values");
                value = n;
                if (comma < 0) break;
                start = comma + 1;
            }
        }
        return value;
    }

    /** Null if absent; otherwise the lower-cased codings in order. */
    private List<String> parseTransferEncoding(HttpHeaders h) {
        List<String> out = null;
        for (int i = 0; i < h.size(); i++) {
            if (!h.name(i).equalsIgnoreCase("Transfer-Encoding")) continue;
            if (out == null) out = new ArrayList<>(2);
            for (String part : h.value(i).split(",", -1)) {
                String c = part.strip();
                if (c.isEmpty()) continue; // empty list elements are allowed (RFC 9110 §5.6.1)
                if (!HttpSyntax.isToken(c)) throw fail(HttpParseError.INVALID_TRANSFER_ENCODING, "malformed Transfer-Encoding");
                c = c.toLowerCase(java.util.Locale.ROOT);
                switch (c) {
                    case "chunked", "gzip", "x-gzip", "deflate", "compress", "x-compress" -> { }
                    default -> throw fail(HttpParseError.UNSUPPORTED_TRANSFER_ENCODING, "unsupported transfer coding " + c);
                }
                if (out.contains("chunked")) {
                    if (requests) throw fail(HttpParseError.INVALID_TRANSFER_ENCODING, "a coding follows chunked");
                    if (c.equals("chunked")) throw fail(HttpParseError.INVALID_TRANSFER_ENCODING, "chunked applied twice");
                }
                out.add(c);
            }
        }
        if (out != null && out.isEmpty()) throw fail(HttpParseError.INVALID_TRANSFER_ENCODING, "empty Transfer-Encoding");
        return out;
    }

    // ---------------------------------------------------------------- chunked

    private void onChunkLine() {
        int len = lineLen;
        lineLen = 0;
        byte[] l = line;
        long size = 0;
        int i = 0;
        while (i < len) {
            int d = HttpSyntax.HEX[l[i] & 0xff];
            if (d < 0) break;
            if (size > (Long.MAX_VALUE >>> 4)) throw fail(HttpParseError.INVALID_CHUNK_SIZE, "chunk size overflows");
            size = (size << 4) | d;
            i++;
        }
        if (i == 0) throw fail(HttpParseError.INVALID_CHUNK_SIZE, "chunk size is not hexadecimal");
        if (i < len) parseChunkExtensions(l, i, len);
        if (size == 0) {
            headers = new HttpHeaders(1);
            sectionSize = 0;
            state = State.TRAILERS;
            return;
        }
        bodySize += size;
        if (bodySize > limits.maxBodySize() || bodySize < 0) throw fail(HttpParseError.BODY_TOO_LARGE, "body larger than " + limits.maxBodySize());
        remaining = size;
        state = State.CHUNK_DATA;
    }

    /** chunk-ext = *( BWS ";" BWS ext-name [ BWS "=" BWS ( token / quoted-string ) ] ). */
    private void parseChunkExtensions(byte[] l, int i, int len) {
        boolean first = true;
        while (i < len) {
            i = skipWs(l, i, len);
            if (i == len || l[i] != ';') {
                HttpParseError e = first ? HttpParseError.INVALID_CHUNK_SIZE : HttpParseError.INVALID_CHUNK_EXTENSION;
                throw fail(e, i == len ? "trailing whitespace in chunk line" : "invalid octet in chunk line");
            }
            first = false;
            i = skipWs(l, i + 1, len);
            int ns = i;
            while (i < len && HttpSyntax.TCHAR[l[i] & 0xff]) i++;
            if (i == ns) throw fail(HttpParseError.INVALID_CHUNK_EXTENSION, "empty chunk extension name");
            int j = skipWs(l, i, len);
            if (j < len && l[j] == '=') {
                i = skipWs(l, j + 1, len);
                if (i < len && l[i] == '"') {
                    i++;
                    while (true) {
                        if (i >= len) throw fail(HttpParseError.INVALID_CHUNK_EXTENSION, "unterminated quoted string");
                        int c = l[i] & 0xff;
                        if (c == '"') {
                            i++;
                            break;
                        }
                        if (c == '\\') {
                            if (i + 1 >= len || !HttpSyntax.FIELD_CHAR[l[i + 1] & 0xff]) {
                                throw fail(HttpParseError.INVALID_CHUNK_EXTENSION, "invalid quoted pair");
                            }
                            i += 2;
                            continue;
                        }
                        if (!HttpSyntax.FIELD_CHAR[c]) throw fail(HttpParseError.INVALID_CHUNK_EXTENSION, "control character in chunk extension");
                        i++;
                    }
                } else {
                    int vs = i;
                    while (i < len && HttpSyntax.TCHAR[l[i] & 0xff]) i++;
                    if (i == vs) throw fail(HttpParseError.INVALID_CHUNK_EXTENSION, "empty chunk extension value");
                }
            }
            // next: BWS ';' or end (trailing whitespace without ';' is rejected above)
            if (i < len && l[i] != ';' && l[i] != ' ' && l[i] != '\t') {
                throw fail(HttpParseError.INVALID_CHUNK_EXTENSION, "invalid octet in chunk extension");
            }
        }
    }

    private static int skipWs(byte[] l, int i, int len) {
        while (i < len && (l[i] == ' ' || l[i] == '\t')) i++;
        return i;
    }

    // ---------------------------------------------------------------- body and completion

    private void emitBody(ByteBuffer in, int n) {
        emitSlice(in, n);
    }

    private void emitSlice(ByteBuffer in, int n) {
        int pos = in.position();
        ByteBuffer slice = in.slice(pos, n);
        in.position(pos + n);
        listener.onBody(slice);
    }

    private void completeMessage(HttpHeaders trailers) {
        headers = null;
        if (upgrade) state = State.UPGRADED;
        else if (keepAlive) state = State.START_LINE;
        else state = State.CLOSED;
        if (!requests && status >= 100 && status < 200 && status != 101) state = State.START_LINE;
        listener.onComplete(trailers);
    }
}
