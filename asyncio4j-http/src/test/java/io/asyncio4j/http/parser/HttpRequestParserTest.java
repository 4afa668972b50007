package io.asyncio4j.http.parser;

import static io.asyncio4j.http.parser.Recorder.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.http.HttpVersion;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
class HttpRequestParserTest {

    static Recorder parse(String s) {
        Recorder r = new Recorder();
        HttpParser p = HttpParser.forRequests(r);
        p.feed(ByteBuffer.wrap(bytes(s)));
        return r;
    }

    static HttpParseError error(String s) {
        return error(s, HttpParserLimits.DEFAULTS);
    }

    static HttpParseError error(String s, HttpParserLimits limits) {
        HttpParser p = HttpParser.forRequests(new Recorder(), limits);
        try {
            p.feed(ByteBuffer.wrap(bytes(s)));
            p.feedEof();
        } catch (HttpParseException e) {
            // byte-at-a-time must fail the same way
            assertThat(Recorder.byteAtATime(true, bytes(s), true, limits).getLast()).isEqualTo("error " + e.error());
            return e.error();
        }
        throw new AssertionError("no error for " + s);
    }

    @Test
    void simpleGet() {
        Recorder r = parse("GET /index.html?q=1 HTTP/1.1\r\nHost: example.com\r\nUser-Agent: t\r\n\r\n");
        RequestHead h = r.request(0);
        assertThat(h.method()).isEqualTo("GET");
        assertThat(h.target()).isEqualTo("/index.html?q=1");
        assertThat(h.version()).isEqualTo(HttpVersion.HTTP_1_1);
        assertThat(h.headers().get("host")).isEqualTo("example.com");
        assertThat(h.headers().name(1)).isEqualTo("User-Agent");
        assertThat(h.framing()).isEqualTo(BodyFraming.NONE);
        assertThat(h.keepAlive()).isTrue();
        assertThat(h.upgrade()).isFalse();
        assertThat(r.bodies).hasSize(1);
    }

    @Test
    void contentLengthBody() {
        Recorder r = parse("POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello");
        assertThat(r.request(0).framing()).isEqualTo(BodyFraming.CONTENT_LENGTH);
        assertThat(r.request(0).contentLength()).isEqualTo(5);
        assertThat(r.bodyText(0)).isEqualTo("hello");
    }

    @Test
    void chunkedWithExtensionsAndTrailers() {
        String msg = "POST /p HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value;q=\"quoted \\\" str\"\r\nhello\r\n"
                + "6 ; ext\r\n world\r\n"
                + "0\r\nExpires: never\r\nX-Checksum: abc\r\n\r\n";
        Recorder r = parse(msg);
        assertThat(r.request(0).framing()).isEqualTo(BodyFraming.CHUNKED);
        assertThat(r.request(0).contentLength()).isEqualTo(-1);
        assertThat(r.bodyText(0)).isEqualTo("hello world");
        assertThat(r.trailers.getFirst().get("x-checksum")).isEqualTo("abc");
        assertThat(r.trailers.getFirst().size()).isEqualTo(2);
        assertThat(Recorder.byteAtATime(true, bytes(msg), false)).isEqualTo(Recorder.whole(true, bytes(msg), false));
    }

    @Test
    void pipelinedRequestsInOneBuffer() {
        String msg = "GET /a HTTP/1.1\r\nHost: h\r\n\r\n"
                + "POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
                + "PUT /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nxyz\r\n0\r\n\r\n"
                + "GET /d HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n";
        Recorder r = parse(msg);
        assertThat(r.heads).extracting(h -> ((RequestHead) h).target()).containsExactly("/a", "/b", "/c", "/d");
        assertThat(r.bodyText(1)).isEqualTo("abc");
        assertThat(r.bodyText(2)).isEqualTo("xyz");
        assertThat(r.request(3).keepAlive()).isFalse();
        assertThat(Recorder.byteAtATime(true, bytes(msg), true)).isEqualTo(Recorder.whole(true, bytes(msg), true));
    }

    @Test
    void keepAliveRules() {
        assertThat(parse("GET / HTTP/1.0\r\n\r\n").request(0).keepAlive()).isFalse();
        assertThat(parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").request(0).keepAlive()).isTrue();
        assertThat(parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: foo, close\r\n\r\n").request(0).keepAlive()).isFalse();
        assertThat(parse("GET / HTTP/1.1\r\nHost: h\r\n\r\n").request(0).keepAlive()).isTrue();
    }

    @Test
    void dataAfterConnectionCloseIsDiscarded() {
        Recorder r = new Recorder();
        HttpParser p = HttpParser.forRequests(r);
        p.feed(ByteBuffer.wrap(bytes("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\nGET /x HTTP/1.1\r\n\r\n")));
        assertThat(r.heads).hasSize(1);
        assertThat(p.isClosed()).isTrue();
    }

    @Test
    void upgradeStopsTheParserAndLeavesTheRest() {
        Recorder r = new Recorder();
        HttpParser p = HttpParser.forRequests(r);
        ByteBuffer in = ByteBuffer.wrap(bytes("GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n\r\n\u0081\u0000"));
        p.feed(in);
        assertThat(r.request(0).upgrade()).isTrue();
        assertThat(p.isUpgraded()).isTrue();
        assertThat(in.remaining()).isEqualTo(2);
        p.resumeAfterDeclinedUpgrade();
        assertThat(p.isUpgraded()).isFalse();
    }

    @Test
    void connectAndOptionsTargets() {
        RequestHead c = parse("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n").request(0);
        assertThat(c.upgrade()).isTrue();
        assertThat(parse("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n").request(0).target()).isEqualTo("*");
        assertThat(parse("GET http://a.example/x HTTP/1.1\r\nHost: a.example\r\n\r\n").request(0).target()).isEqualTo("http://a.example/x");
        assertThat(error("GET * HTTP/1.1\r\nHost: h\r\n\r\n")).isEqualTo(HttpParseError.INVALID_TARGET);
        assertThat(error("CONNECT /x HTTP/1.1\r\nHost: h\r\n\r\n")).isEqualTo(HttpParseError.INVALID_TARGET);
        assertThat(error("GET foo HTTP/1.1\r\nHost: h\r\n\r\n")).isEqualTo(HttpParseError.INVALID_TARGET);
    }

    @Test
    void leadingEmptyLinesAreSkipped() {
        assertThat(parse("\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n").heads).hasSize(1);
    }

    @Test
    void expectContinue() {
        assertThat(parse("PUT / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n").request(0).expectContinue()).isTrue();
    }

    @Test
    void headerValuesAreTrimmedAndKeepObsText() {
        Recorder r = parse("GET / HTTP/1.1\r\nHost: h\r\nX-A: \t  v a l \t \r\nX-B:\r\nX-C: caf\u00e9\r\n\r\n");
        assertThat(r.request(0).headers().get("x-a")).isEqualTo("v a l");
        assertThat(r.request(0).headers().get("x-b")).isEmpty();
        assertThat(r.request(0).headers().get("x-c")).isEqualTo("caf\u00e9");
    }

    @Test
    void versions() {
        assertThat(parse("GET / HTTP/1.2\r\nHost: h\r\n\r\n").request(0).version()).isEqualTo(new HttpVersion(1, 2));
        assertThat(error("GET / HTTP/2.0\r\n\r\n")).isEqualTo(HttpParseError.VERSION_NOT_SUPPORTED);
        assertThat(error("GET / HTTP/0.9\r\n\r\n")).isEqualTo(HttpParseError.VERSION_NOT_SUPPORTED);
        assertThat(error("GET / HTTP/1.10\r\n\r\n")).isEqualTo(HttpParseError.INVALID_VERSION);
        assertThat(error("GET / http/1.1\r\n\r\n")).isEqualTo(HttpParseError.INVALID_VERSION);
        assertThat(error("GET /\r\n\r\n")).isEqualTo(HttpParseError.INVALID_START_LINE);
        assertThat(error("GET / HTTP/1.1 \r\n\r\n")).isEqualTo(HttpParseError.INVALID_VERSION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET  / HTTP/1.1", " GET / HTTP/1.1", "G(T / HTTP/1.1", "GET /\u0000 HTTP/1.1", "GET /a\u007f HTTP/1.1",
        "GET /\u00e9 HTTP/1.1", "GET\t/ HTTP/1.1", "GET /  HTTP/1.1"})
    void malformedRequestLines(String line) {
        assertThat(error(line + "\r\nHost: h\r\n\r\n").status()).isEqualTo(400);
    }

    @Test
    void hostRules() {
        assertThat(error("GET / HTTP/1.1\r\n\r\n")).isEqualTo(HttpParseError.MISSING_HOST);
        assertThat(error("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")).isEqualTo(HttpParseError.DUPLICATE_HOST);
        assertThat(parse("GET / HTTP/1.0\r\n\r\n").heads).hasSize(1);
        Recorder r = new Recorder();
        HttpParser.forRequests(r, HttpParserLimits.DEFAULTS.withRequireHost(false)).feed(ByteBuffer.wrap(bytes("GET / HTTP/1.1\r\n\r\n")));
        assertThat(r.heads).hasSize(1);
    }

    @Test
    void limitsGiveTheRightStatus() {
        String longTarget = "/" + "a".repeat(9000);
        assertThat(error("GET " + longTarget + " HTTP/1.1\r\nHost: h\r\n\r\n").status()).isEqualTo(414);
        assertThat(error("GET / HTTP/1.1\r\nHost: h\r\nX: " + "v".repeat(9000) + "\r\n\r\n").status()).isEqualTo(431);
        StringBuilder many = new StringBuilder("GET / HTTP/1.1\r\nHost: h\r\n");
        for (int i = 0; i < 100; i++) many.append("X-").append(i).append(": v\r\n");
        assertThat(error(many + "\r\n")).isEqualTo(HttpParseError.TOO_MANY_HEADERS);
        StringBuilder big = new StringBuilder("GET / HTTP/1.1\r\nHost: h\r\n");
        for (int i = 0; i < 5; i++) big.append("X-").append(i).append(": ").append("v".repeat(4000)).append("\r\n");
        assertThat(error(big + "\r\n")).isEqualTo(HttpParseError.HEADER_SECTION_TOO_LARGE);
        HttpParserLimits small = HttpParserLimits.DEFAULTS.withMaxBodySize(4);
        assertThat(error("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello", small).status()).isEqualTo(413);
        assertThat(error("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n", small).status()).isEqualTo(413);
        assertThat(error("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1;" + "e".repeat(5000) + "\r\n")).isEqualTo(HttpParseError.CHUNK_LINE_TOO_LONG);
    }

    @Test
    void incompleteMessageAtEof() {
        assertThat(error("GET / HTTP/1.1\r\nHost: h\r\n")).isEqualTo(HttpParseError.INCOMPLETE_MESSAGE);
        assertThat(error("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhel")).isEqualTo(HttpParseError.INCOMPLETE_MESSAGE);
    }

    @Test
    void failedParserStaysFailed() {
        HttpParser p = HttpParser.forRequests(new Recorder());
        assertThatThrownBy(() -> p.feed(ByteBuffer.wrap(bytes("BAD\r\n")))).isInstanceOf(HttpParseException.class);
        assertThatThrownBy(() -> p.feed(ByteBuffer.wrap(bytes("GET / HTTP/1.1\r\n")))).isInstanceOf(HttpParseException.class);
    }

    @Test
    void splitsAnywhereGiveTheSameEvents() {
        String msg = "POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
                + "PUT /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nxyz\r\n10\r\n0123456789abcdef\r\n0\r\nT: v\r\n\r\n";
        List<String> whole = Recorder.whole(true, bytes(msg), true);
        for (int a = 1; a < 7; a++) {
            for (int b = 1; b < 13; b++) {
                assertThat(Recorder.run(true, bytes(msg), new int[] {a, b, a + b, 1, 2, 3, b, a}, true)).isEqualTo(whole);
            }
        }
    }

    @Test
    void directBuffersWork() {
        byte[] msg = bytes("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nok");
        ByteBuffer d = ByteBuffer.allocateDirect(msg.length).put(msg).flip();
        Recorder r = new Recorder();
        HttpParser.forRequests(r).feed(d);
        assertThat(r.bodyText(0)).isEqualTo("ok");
    }
}
