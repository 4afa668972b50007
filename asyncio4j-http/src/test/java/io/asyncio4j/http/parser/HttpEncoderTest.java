package io.asyncio4j.http.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.http.HttpHeaders;
import io.asyncio4j.http.HttpVersion;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class HttpEncoderTest {
    static String str(ByteBuffer b) {
        return StandardCharsets.ISO_8859_1.decode(b.duplicate()).toString();
    }

    @Test
    void responseHead() {
        HttpHeaders h = new HttpHeaders().add("Content-Length", "5").add("X-Caf\u00e9".substring(0, 5), "caf\u00e9");
        assertThat(str(HttpHeadEncoder.response(HttpVersion.HTTP_1_1, 404, null, h)))
                .isEqualTo("HTTP/1.1 404 Not Found\r\nContent-Length: 5\r\nX-Caf: caf\u00e9\r\n\r\n");
    }

    @Test
    void requestHead() {
        assertThat(str(HttpHeadEncoder.request("GET", "/a?b=c", HttpVersion.HTTP_1_1, new HttpHeaders().add("Host", "x"))))
                .isEqualTo("GET /a?b=c HTTP/1.1\r\nHost: x\r\n\r\n");
    }

    @Test
    void headerInjectionIsRefused() {
        assertThatThrownBy(() -> HttpHeadEncoder.response(HttpVersion.HTTP_1_1, 200, null, new HttpHeaders().add("X", "a\r\nSet-Cookie: evil")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpHeadEncoder.response(HttpVersion.HTTP_1_1, 200, null, new HttpHeaders().add("X Y", "a")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpHeadEncoder.request("GET", "/a b", HttpVersion.HTTP_1_1, new HttpHeaders()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpHeadEncoder.response(HttpVersion.HTTP_1_1, 200, "OK\r\n", new HttpHeaders()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void chunkedRoundTripsThroughTheParser() {
        HttpHeaders h = new HttpHeaders().add("Host", "h").add("Transfer-Encoding", "chunked");
        ByteBuffer head = HttpHeadEncoder.request("POST", "/", HttpVersion.HTTP_1_1, h);
        StringBuilder wire = new StringBuilder(str(head));
        for (String part : new String[] {"hello", " ", "x".repeat(300)}) {
            for (ByteBuffer b : ChunkedEncoder.chunk(ByteBuffer.wrap(part.getBytes(StandardCharsets.ISO_8859_1)))) wire.append(str(b));
        }
        assertThat(ChunkedEncoder.chunk(ByteBuffer.allocate(0))).isEmpty();
        wire.append(str(ChunkedEncoder.last(new HttpHeaders().add("X-Sum", "1"))));
        assertThat(wire.toString()).contains("12c\r\n");
        Recorder r = HttpRequestParserTest.parse(wire.toString());
        assertThat(r.bodyText(0)).isEqualTo("hello " + "x".repeat(300));
        assertThat(r.trailers.getFirst().get("x-sum")).isEqualTo("1");
        assertThat(str(ChunkedEncoder.chunkCopy(ByteBuffer.wrap(new byte[] {'a', 'b'})))).isEqualTo("2\r\nab\r\n");
        assertThat(str(ChunkedEncoder.sizeLine(0x7fffffffffffffffL))).isEqualTo("7fffffffffffffff\r\n");
    }

    @Test
    void headersMultimap() {
        HttpHeaders h = new HttpHeaders(1).add("Set-Cookie", "a").add("X", "1").add("set-cookie", "b");
        assertThat(h.getAll("SET-COOKIE")).containsExactly("a", "b");
        h.set("Set-Cookie", "c");
        assertThat(h.getAll("set-cookie")).containsExactly("c");
        assertThat(h.name(0)).isEqualTo("Set-Cookie");
        assertThat(h.remove("x")).isEqualTo(1);
        assertThat(h.size()).isEqualTo(1);
        assertThat(new HttpHeaders().add("Connection", "keep-alive, Upgrade").containsToken("connection", "upgrade")).isTrue();
    }
}
