package io.asyncio4j.http.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.asyncio4j.Asyncio;
import io.asyncio4j.VoidCoroutine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against a real aiohttp.web server (python3-aiohttp): bodies, encodings, redirects, cookies. */
@Timeout(30)
class ClientSessionTest {
    static PythonPeer server;

    @BeforeAll
    static void start() throws Exception {
        server = new PythonPeer("aiohttp_server.py");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static String url(String path) {
        return server.url(path);
    }

    interface SessionBody {
        void run(ClientSession s) throws Exception;
    }

    static void withSession(SessionBody body) throws Exception {
        withSession(new ClientSession.Options(), body);
    }

    static void withSession(ClientSession.Options options, SessionBody body) throws Exception {
        Asyncio.run((VoidCoroutine) () -> {
            try (ClientSession s = new ClientSession(options)) {
                body.run(s);
            }
        });
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void contentLengthAndText() throws Exception {
        withSession(s -> {
            try (ClientResponse r = s.get(url("/hello"))) {
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.reason()).isEqualTo("OK");
                assertThat(r.ok()).isTrue();
                assertThat(r.contentLength()).isEqualTo(5);
                assertThat(r.contentType()).isEqualTo("text/plain");
                assertThat(r.charset()).isEqualTo("utf-8");
                assertThat(r.text()).isEqualTo("hello");
                assertThat(r.isReleased()).isTrue();
            }
            assertThat(s.connector().idleCount()).isEqualTo(1);
        });
    }

    @Test
    void chunkedReadWholeAndStreamed() throws Exception {
        withSession(s -> {
            ClientResponse r = s.get(url("/chunked?n=50&size=100"));
            assertThat(r.headers().get("Transfer-Encoding")).isEqualTo("chunked");
            assertThat(r.read()).hasSize(5000);

            r = s.get(url("/chunked?n=20&size=10"));
            List<String> lines = new ArrayList<>();
            for (byte[] line : r.content().lines()) lines.add(new String(line, StandardCharsets.US_ASCII));
            assertThat(lines).hasSize(20);
            assertThat(lines.get(3)).isEqualTo("333333333\n");
            assertThat(r.content().atEof()).isTrue();

            r = s.get(url("/big?size=300000"));
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            int pieces = 0;
            for (byte[] c : r.content().iterChunked(4096)) {
                assertThat(c.length).isLessThanOrEqualTo(4096);
                all.writeBytes(c);
                pieces++;
            }
            assertThat(pieces).isGreaterThanOrEqualTo(300000 / 4096);
            assertThat(sha256(all.toByteArray())).isEqualTo(r.headers().get("X-Sha256"));

            r = s.get(url("/big?size=100000"));
            assertThat(r.content().readExactly(10)).hasSize(10);
            byte[] chunk = r.content().readChunk();
            assertThat(chunk).isNotEmpty();
            r.release();
            // the next request still works (the unread connection was closed, not pooled)
            assertThat(s.get(url("/hello")).text()).isEqualTo("hello");
        });
    }

    @Test
    void gzipAndDeflateDecoded() throws Exception {
        withSession(s -> {
            for (String path : List.of("/gzip", "/gzip-chunked", "/deflate", "/deflate?raw=1")) {
                ClientResponse r = s.get(url(path));
                byte[] body = r.read();
                assertThat(sha256(body)).as(path).isEqualTo(r.headers().get("X-Sha256"));
                assertThat(new String(body, StandardCharsets.US_ASCII)).startsWith("line 0 of a compressible body\n");
            }
            JsonNode echo = s.get(url("/echo")).json();
            assertThat(echo.get("headers").get("Accept-Encoding").asText()).isEqualTo("gzip, deflate");
            ClientResponse raw = s.get(url("/gzip"), new RequestOptions().autoDecompress(false));
            byte[] b = raw.read();
            assertThat(b[0] & 0xff).isEqualTo(0x1f);
            assertThat(b[1] & 0xff).isEqualTo(0x8b);
        });
    }

    @Test
    void queryParamsHeadersJsonAndForms() throws Exception {
        withSession(s -> {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("q", "a b&c=d");
            params.put("n", 5);
            params.put("uni", "h\u00e9");
            JsonNode e = s.get(url("/echo?x=1"), new RequestOptions().params(params).header("X-Test", "yes")).json();
            assertThat(e.get("query").toString()).isEqualTo("[[\"x\",\"1\"],[\"q\",\"a b&c=d\"],[\"n\",\"5\"],[\"uni\",\"h\u00e9\"]]");
            assertThat(e.get("headers").get("X-Test").asText()).isEqualTo("yes");
            assertThat(e.get("headers").get("Host").asText()).isEqualTo("127.0.0.1:" + server.port);
            assertThat(e.get("headers").get("User-Agent").asText()).isEqualTo(ClientSession.USER_AGENT);

            e = s.post(url("/echo"), new RequestOptions().json(Map.of("k", List.of(1, 2)))).json();
            assertThat(e.get("headers").get("Content-Type").asText()).isEqualTo("application/json");
            assertThat(e.get("body").asText()).isEqualTo("{\"k\": [1, 2]}");

            Map<String, String> f = new LinkedHashMap<>();
            f.put("name", "J\u00fcrgen & co");
            f.put("x", "1+1=2");
            JsonNode form = s.post(url("/form"), new RequestOptions().data(f)).json();
            assertThat(form.get("name").asText()).isEqualTo("J\u00fcrgen & co");
            assertThat(form.get("x").asText()).isEqualTo("1+1=2");

            e = s.put(url("/echo"), new RequestOptions().data("caf\u00e9")).json();
            assertThat(e.get("method").asText()).isEqualTo("PUT");
            assertThat(e.get("headers").get("Content-Type").asText()).isEqualTo("text/plain; charset=utf-8");
            assertThat(e.get("body").asText()).isEqualTo(new String("caf\u00e9".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));

            for (String m : List.of("PATCH", "DELETE", "OPTIONS")) {
                assertThat(s.request(m, url("/echo"), new RequestOptions()).json().get("method").asText()).isEqualTo(m);
            }

            JsonNode j = s.get(url("/json")).json();
            assertThat(j.get("text").asText()).isEqualTo("h\u00e9llo");
            record Doc(String name, List<Integer> list, Map<String, Boolean> nested, String text) {}
            Doc d = s.get(url("/json")).json(Doc.class);
            assertThat(d.list()).containsExactly(1, 2, 3);
            assertThatThrownBy(() -> s.get(url("/hello")).json()).isInstanceOf(ContentTypeError.class);
            assertThat(s.get(url("/latin1")).text()).isEqualTo("caf\u00e9");
        });
    }

    @Test
    void multipartUploadStreamsFiles() throws Exception {
        Path dir = Files.createTempDirectory("mp");
        Path big = dir.resolve("big.bin");
        byte[] data = new byte[1_500_000];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 31);
        Files.write(big, data);
        withSession(s -> {
            FormData form = new FormData()
                    .addField("title", "holiday")
                    .addFile("file", big, "application/octet-stream")
                    .addBytes("small", "tiny".getBytes(StandardCharsets.US_ASCII), "t.txt", "text/plain");
            JsonNode res = s.post(url("/multipart"), new RequestOptions().data(form)).json();
            JsonNode parts = res.get("parts");
            assertThat(parts).hasSize(3);
            assertThat(parts.get(0).get("name").asText()).isEqualTo("title");
            assertThat(parts.get(0).get("size").asInt()).isEqualTo(7);
            assertThat(parts.get(1).get("filename").asText()).isEqualTo("big.bin");
            assertThat(parts.get(1).get("size").asInt()).isEqualTo(data.length);
            assertThat(parts.get(1).get("sha256").asText()).isEqualTo(sha256(data));
            assertThat(parts.get(2).get("content_type").asText()).isEqualTo("text/plain");
            assertThat(res.get("content_length").asLong()).isGreaterThan(data.length);
        });
    }

    @Test
    void streamedChunkedRequestBody() throws Exception {
        withSession(s -> {
            List<byte[]> chunks = new ArrayList<>();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int i = 0; i < 200; i++) {
                byte[] c = new byte[10_000];
                java.util.Arrays.fill(c, (byte) i);
                chunks.add(c);
                all.writeBytes(c);
            }
            int[] produced = {0};
            StreamedBody src = () -> {
                if (produced[0] == chunks.size()) return null;
                if (produced[0] % 50 == 0) Asyncio.sleep(0.001); // an async source
                return chunks.get(produced[0]++);
            };
            JsonNode res = s.post(url("/upload"), new RequestOptions().body(src)).json();
            assertThat(res.get("chunked").asBoolean()).isTrue();
            assertThat(res.get("size").asInt()).isEqualTo(2_000_000);
            assertThat(res.get("sha256").asText()).isEqualTo(sha256(all.toByteArray()));
        });
    }

    @Test
    void redirectsOfEachKind() throws Exception {
        withSession(s -> {
            for (int code : new int[]{301, 302, 303}) {
                ClientResponse r = s.post(url("/redirect/" + code + "?to=/echo"), new RequestOptions().data("payload"));
                JsonNode e = r.json();
                assertThat(e.get("method").asText()).as("" + code).isEqualTo("GET");
                assertThat(e.get("body").asText()).isEmpty();
                assertThat(e.get("headers").has("Content-Type")).isFalse();
                assertThat(r.history()).hasSize(1);
                assertThat(r.history().getFirst().status()).isEqualTo(code);
                assertThat(r.url().getPath()).isEqualTo("/echo");
            }
            for (int code : new int[]{307, 308}) {
                JsonNode e = s.post(url("/redirect/" + code + "?to=/echo"), new RequestOptions().data("payload")).json();
                assertThat(e.get("method").asText()).isEqualTo("POST");
                assertThat(e.get("body").asText()).isEqualTo("payload");
            }
            // 303 turns PUT into GET too; 301 keeps PUT
            assertThat(s.put(url("/redirect/303?to=/echo"), new RequestOptions().data("x")).json().get("method").asText())
                    .isEqualTo("GET");
            assertThat(s.put(url("/redirect/301?to=/echo"), new RequestOptions().data("x")).json().get("method").asText())
                    .isEqualTo("PUT");

            ClientResponse chain = s.get(url("/chain/5"));
            assertThat(chain.text()).isEqualTo("done");
            assertThat(chain.history()).hasSize(5);

            assertThatThrownBy(() -> s.get(url("/chain/20")))
                    .isInstanceOfSatisfying(TooManyRedirects.class, e -> assertThat(e.history()).hasSize(10));
            assertThatThrownBy(() -> s.get(url("/chain/5"), new RequestOptions().maxRedirects(3)))
                    .isInstanceOfSatisfying(TooManyRedirects.class, e -> assertThat(e.history()).hasSize(3));

            ClientResponse noFollow = s.get(url("/redirect/302?to=/hello"), new RequestOptions().allowRedirects(false));
            assertThat(noFollow.status()).isEqualTo(302);
            assertThat(noFollow.headers().get("Location")).isEqualTo("/hello");
            noFollow.release();
            assertThat(s.connector().acquiredCount()).isZero();
        });
    }

    @Test
    void cookiesSetAndSentBack() throws Exception {
        // the peer is 127.0.0.1: aiohttp's default jar ignores IP hosts, so the session needs an unsafe one
        Asyncio.run((VoidCoroutine) () -> {
            try (ClientSession safe = new ClientSession(); ClientResponse r = safe.get(url("/setcookie?sid=abc"))) {
                assertThat(r.cookies()).containsKeys("sid");
                assertThat(safe.cookieJar().size()).isZero();
            }
        });
        withSession(new ClientSession.Options().cookieJar(new CookieJar(true)), s -> {
            ClientResponse r = s.get(url("/setcookie?sid=abc&theme=dark"));
            assertThat(r.cookies()).containsKeys("sid", "theme");
            r.release();
            JsonNode e = s.get(url("/echo"), new RequestOptions().cookie("extra", "1")).json();
            assertThat(e.get("cookies").get("sid").asText()).isEqualTo("abc");
            assertThat(e.get("cookies").get("theme").asText()).isEqualTo("dark");
            assertThat(e.get("cookies").get("extra").asText()).isEqualTo("1");
            s.get(url("/delcookie?name=theme")).release();
            e = s.get(url("/echo")).json();
            assertThat(e.get("cookies").has("theme")).isFalse();
            assertThat(e.get("cookies").has("extra")).isFalse();
            assertThat(s.cookieJar().size()).isEqualTo(1);
        });
    }

    @Test
    void headAnd204And304HaveNoBody() throws Exception {
        withSession(s -> {
            ClientResponse h = s.head(url("/page"));
            assertThat(h.status()).isEqualTo(200);
            assertThat(h.contentLength()).isEqualTo(100);
            assertThat(h.read()).isEmpty();
            String port = h.headers().get("X-Peer-Port");
            ClientResponse n = s.get(url("/status/204"));
            assertThat(n.status()).isEqualTo(204);
            assertThat(n.isReleased()).isTrue();
            assertThat(n.read()).isEmpty();
            assertThat(n.headers().get("X-Peer-Port")).isEqualTo(port);
            ClientResponse nm = s.get(url("/status/304"));
            assertThat(nm.status()).isEqualTo(304);
            assertThat(nm.read()).isEmpty();
            assertThat(nm.headers().get("X-Peer-Port")).isEqualTo(port);
        });
    }

    @Test
    void raiseForStatus() throws Exception {
        withSession(s -> {
            ClientResponse r = s.get(url("/status/404"));
            assertThat(r.ok()).isFalse();
            assertThatThrownBy(r::raiseForStatus).isInstanceOfSatisfying(ClientResponseError.class,
                    e -> assertThat(e.status()).isEqualTo(404));
            assertThatThrownBy(() -> s.get(url("/status/503"), new RequestOptions().raiseForStatus(true)))
                    .isInstanceOfSatisfying(ClientResponseError.class, e -> assertThat(e.status()).isEqualTo(503));
            assertThat(s.get(url("/hello"), new RequestOptions().raiseForStatus(true)).text()).isEqualTo("hello");
        });
    }

    @Test
    void serverClosingMidBodyIsAPayloadError() throws Exception {
        withSession(s -> {
            ClientResponse r = s.get(url("/close-mid-body"));
            assertThat(r.status()).isEqualTo(200);
            assertThatThrownBy(r::read).isInstanceOf(ClientPayloadError.class)
                    .hasMessageContaining("not completed");
            assertThat(s.connector().acquiredCount()).isZero();
            assertThat(s.connector().idleCount()).isZero();
            assertThat(s.get(url("/hello")).text()).isEqualTo("hello");
        });
    }

    @Test
    void hostNamesAreResolvedOffLoopWithFailoverAndBaseUrlAndDefaultHeaders() throws Exception {
        List<String> dns = new ArrayList<>();
        TraceConfig trace = new TraceConfig()
                .onDnsResolveHostStart((s, p) -> dns.add("start " + p.host()))
                .onDnsResolveHostEnd((s, p) -> dns.add("end " + p.addresses().size()));
        Asyncio.run((VoidCoroutine) () -> {
            try (ClientSession s = new ClientSession(new ClientSession.Options()
                    .baseUrl("http://localhost:" + server.port + "/")
                    .header("X-Default", "d").header("X-Over", "session")
                    .traceConfig(trace))) {
                // "localhost" may resolve to ::1 first; the server listens on 127.0.0.1 only: failover
                JsonNode e = s.get("echo", new RequestOptions().header("X-Over", "request")).json();
                assertThat(e.get("headers").get("X-Default").asText()).isEqualTo("d");
                assertThat(e.get("headers").get("X-Over").asText()).isEqualTo("request");
                assertThat(e.get("headers").get("Host").asText()).isEqualTo("localhost:" + server.port);
                assertThat(s.get("hello").text()).isEqualTo("hello");
                assertThat(dns).containsExactly("start localhost", dns.get(1)); // cached the second time
            }
        });
    }

    @Test
    void bodyFlowControlBoundsWhatIsBuffered() throws Exception {
        withSession(s -> {
            ClientResponse r = s.get(url("/big?size=6000000"));
            Asyncio.sleep(0.5); // the server keeps sending; we do not read
            long buffered = r.connection().protocol.bufferedBytes();
            assertThat(buffered).isLessThanOrEqualTo(HttpClientProtocol.HIGH_WATER + 256 * 1024);
            assertThat(sha256(r.read())).isEqualTo(r.headers().get("X-Sha256"));
            assertThat(s.connector().idleCount()).isEqualTo(1);
        });
    }

    @Test
    void basicAuthFromOptionsAndUrl() throws Exception {
        withSession(s -> {
            // aiohttp's BasicAuth encodes Latin-1 by default
            String expected = "Basic " + java.util.Base64.getEncoder().encodeToString("al\u00ed:p@ss".getBytes(StandardCharsets.ISO_8859_1));
            JsonNode e = s.get(url("/echo"), new RequestOptions().basicAuth("al\u00ed", "p@ss")).json();
            assertThat(e.get("headers").get("Authorization").asText()).isEqualTo(expected);
            e = s.get("http://al%C3%AD:p%40ss@127.0.0.1:" + server.port + "/echo").json();
            assertThat(e.get("headers").get("Authorization").asText()).isEqualTo(expected);
            assertThat(e.get("headers").get("Host").asText()).isEqualTo("127.0.0.1:" + server.port);
        });
    }

    @Test
    void expect100Continue() throws Exception {
        withSession(s -> {
            JsonNode e = s.post(url("/echo"), new RequestOptions().expect100(true).data("after continue")).json();
            assertThat(e.get("headers").get("Expect").asText()).isEqualTo("100-continue");
            assertThat(e.get("body").asText()).isEqualTo("after continue");
            JsonNode u = s.post(url("/upload"), new RequestOptions().expect100(true)
                    .body(StreamedBody.of(List.of(new byte[70_000], new byte[5])))).json();
            assertThat(u.get("size").asInt()).isEqualTo(70_005);
            // a final answer before 100 Continue: the body is never sent, the connection not reused
            ClientResponse r = s.post(url("/reject"), new RequestOptions().expect100(true).data(new byte[1_000_000]));
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.text()).isEqualTo("too large");
            assertThat(s.connector().idleCount()).isZero();
            assertThat(s.get(url("/hello")).text()).isEqualTo("hello");
        });
    }

    @Test
    void invalidUrlsAndRefusedConnections() throws Exception {
        withSession(s -> {
            assertThatThrownBy(() -> s.get("ftp://x/")).isInstanceOf(InvalidUrlError.class);
            assertThatThrownBy(() -> s.get("/relative")).isInstanceOf(InvalidUrlError.class);
            assertThatThrownBy(() -> s.get("http://127.0.0.1:1/"))
                    .isInstanceOfSatisfying(ClientConnectorError.class, e -> assertThat(e.port()).isEqualTo(1));
            assertThatThrownBy(() -> s.get("https://127.0.0.1:1/"))
                    .isInstanceOfSatisfying(ClientConnectorError.class, e -> assertThat(e.port()).isEqualTo(1));
            assertThat(s.connector().acquiredCount()).isZero();
        });
    }
}
