package io.asyncio4j.http.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** jqwik properties: generated well-formed pipelines parse the same under any split. */
class HttpParserProperties {

    @Provide
    Arbitrary<String> requests() {
        Arbitrary<String> method = Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "X-CUSTOM");
        Arbitrary<String> path = Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(20).map(p -> "/" + p);
        Arbitrary<String> body = Arbitraries.strings().ascii().ofMaxLength(200);
        Arbitrary<List<String>> fields = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10)
                .map(n -> "X-" + n + ": v " + n).list().ofMaxSize(5);
        Arbitrary<Boolean> chunked = Arbitraries.of(true, false);
        return Combinators.combine(method, path, body, fields, chunked).as((m, p, b, f, c) -> {
            StringBuilder sb = new StringBuilder(m).append(' ').append(p).append(" HTTP/1.1\r\nHost: h\r\n");
            f.forEach(x -> sb.append(x).append("\r\n"));
            if (c) {
                sb.append("Transfer-Encoding: chunked\r\n\r\n");
                for (int i = 0; i < b.length(); i += 37) {
                    String part = b.substring(i, Math.min(b.length(), i + 37));
                    sb.append(Integer.toHexString(part.length())).append("\r\n").append(part).append("\r\n");
                }
                sb.append("0\r\n\r\n");
            } else {
                sb.append("Content-Length: ").append(b.length()).append("\r\n\r\n").append(b);
            }
            return sb.toString();
        });
    }

    @Provide
    Arbitrary<List<String>> pipelines() {
        return requests().list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 300)
    void anySplitGivesTheSameMessages(@ForAll("pipelines") List<String> pipeline,
                                      @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 1, max = 64) Integer> splits) {
        byte[] input = String.join("", pipeline).getBytes(StandardCharsets.ISO_8859_1);
        int[] s = splits.stream().mapToInt(Integer::intValue).toArray();
        List<String> whole = Recorder.whole(true, input, true);
        assertThat(whole).noneMatch(e -> e.startsWith("error"));
        assertThat(whole.stream().filter(e -> e.startsWith("head"))).hasSize(pipeline.size());
        assertThat(Recorder.run(true, input, s, true)).isEqualTo(whole);
    }

    @Property(tries = 300)
    void serializedHeadsParseBack(@ForAll @IntRange(min = 100, max = 599) int status,
                                  @ForAll @Size(max = 5) List<@IntRange(min = 0, max = 1000) Integer> values) {
        io.asyncio4j.http.HttpHeaders h = new io.asyncio4j.http.HttpHeaders();
        for (int i = 0; i < values.size(); i++) h.add("X-H" + i, "v" + values.get(i));
        h.add("Content-Length", "0");
        byte[] wire = io.asyncio4j.http.parser.HttpEncoderTest.str(
                HttpHeadEncoder.response(io.asyncio4j.http.HttpVersion.HTTP_1_1, status, null, h)).getBytes(StandardCharsets.ISO_8859_1);
        Recorder r = new Recorder();
        HttpParser.forResponses(r).feed(java.nio.ByteBuffer.wrap(wire));
        assertThat(r.response(0).status()).isEqualTo(status);
        assertThat(r.response(0).headers()).isEqualTo(h);
    }
}
