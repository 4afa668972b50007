package io.asyncio4j.http.parser;

import static io.asyncio4j.http.parser.Recorder.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class HttpResponseParserTest {

    static Recorder parse(String s, boolean eof, String... methods) {
        Recorder r = new Recorder();
        HttpParser p = HttpParser.forResponses(r);
        for (String m : methods) p.expectResponseTo(m);
        p.feed(ByteBuffer.wrap(bytes(s)));
        if (eof) p.feedEof();
        return r;
    }

    @Test
    void statusLineAndBody() {
        Recorder r = parse("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi", false);
        ResponseHead h = r.response(0);
        assertThat(h.status()).isEqualTo(200);
        assertThat(h.reason()).isEqualTo("OK");
        assertThat(h.keepAlive()).isTrue();
        assertThat(r.bodyText(0)).isEqualTo("hi");
    }

    @Test
    void reasonMayBeEmptyOrMissing() {
        assertThat(parse("HTTP/1.1 204 \r\n\r\n", false).response(0).reason()).isEmpty();
        assertThat(parse("HTTP/1.1 204\r\n\r\n", false).response(0).status()).isEqualTo(204);
        assertThat(parse("HTTP/1.1 200 Very Fine\tThanks\r\nContent-Length: 0\r\n\r\n", false).response(0).reason()).isEqualTo("Very Fine\tThanks");
    }

    @Test
    void readUntilClose() {
        Recorder r = parse("HTTP/1.1 200 OK\r\n\r\nall of this until EOF", true);
        assertThat(r.response(0).framing()).isEqualTo(BodyFraming.UNTIL_CLOSE);
        assertThat(r.response(0).keepAlive()).isFalse();
        assertThat(r.bodyText(0)).isEqualTo("all of this until EOF");
        assertThat(Recorder.byteAtATime(false, bytes("HTTP/1.0 200 OK\r\n\r\nabc"), true))
                .isEqualTo(Recorder.whole(false, bytes("HTTP/1.0 200 OK\r\n\r\nabc"), true));
    }

    @Test
    void noBodyForHeadAnd204And304And1xx() {
        Recorder r = parse("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\nContent-Length: 7\r\n\r\n"
                + "HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx", false, "HEAD", "GET", "GET", "POST");
        assertThat(r.heads).hasSize(5);
        assertThat(r.response(0).framing()).isEqualTo(BodyFraming.NONE);
        assertThat(r.response(3).isInterim()).isTrue();
        assertThat(r.bodyText(4)).isEqualTo("x");
    }

    @Test
    void chunkedResponseWithTrailers() {
        Recorder r = parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nX-T: 1\r\n\r\n", false);
        assertThat(r.bodyText(0)).isEqualTo("Wikipedia in\r\n\r\nchunks.");
        assertThat(r.trailers.getFirst().get("X-T")).isEqualTo("1");
    }

    @Test
    void transferEncodingWinsOverContentLengthInResponses() {
        Recorder r = parse("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n", false);
        assertThat(r.bodyText(0)).isEqualTo("x");
        assertThat(r.response(0).keepAlive()).isFalse();
    }

    @Test
    void transferEncodingNotEndingInChunkedReadsUntilClose() {
        Recorder r = parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\nraw", true);
        assertThat(r.response(0).framing()).isEqualTo(BodyFraming.UNTIL_CLOSE);
        assertThat(r.bodyText(0)).isEqualTo("raw");
    }

    @Test
    void obsFoldIsUnfoldedInResponses() {
        Recorder r = parse("HTTP/1.1 200 OK\r\nX-Long: a\r\n  b\r\n\tc\r\nContent-Length: 0\r\n\r\n", false);
        assertThat(r.response(0).headers().get("x-long")).isEqualTo("a b c");
        assertThat(r.response(0).headers().name(1)).isEqualTo("Content-Length");
    }

    @Test
    void switchingProtocolsAndConnect() {
        Recorder r = new Recorder();
        HttpParser p = HttpParser.forResponses(r);
        ByteBuffer in = ByteBuffer.wrap(bytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n\u0081\u0002hi"));
        p.feed(in);
        assertThat(p.isUpgraded()).isTrue();
        assertThat(in.remaining()).isEqualTo(4);
        Recorder c = parse("HTTP/1.1 200 Connection established\r\n\r\n", false, "CONNECT");
        assertThat(c.response(0).upgrade()).isTrue();
    }

    @Test
    void errorsAreClientErrors() {
        HttpParser p = HttpParser.forResponses(new Recorder());
        assertThatThrownBy(() -> p.feed(ByteBuffer.wrap(bytes("HTTP/1.1 20 OK\r\n\r\n"))))
                .isInstanceOfSatisfying(HttpParseException.class, e -> {
                    assertThat(e.inResponse()).isTrue();
                    assertThat(e.error()).isEqualTo(HttpParseError.INVALID_STATUS);
                    assertThat(e.getMessage()).startsWith("invalid HTTP response");
                });
        for (String bad : new String[] {"HTTP/2 200 OK\r\n\r\n", "HTTP/1.1 099 X\r\n\r\n", "HTTP/1.1 2000 OK\r\n\r\n", "ICY 200 OK\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", "HTTP/1.1 200 O\u0000K\r\n\r\n", "\r\nHTTP/1.1 200 OK\r\n\r\n"}) {
            assertThat(Recorder.whole(false, bytes(bad), true).getLast()).startsWith("error");
        }
    }

    @Test
    void truncatedResponseIsAnError() {
        assertThat(Recorder.whole(false, bytes("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab"), true).getLast()).isEqualTo("error INCOMPLETE_MESSAGE");
    }
}
