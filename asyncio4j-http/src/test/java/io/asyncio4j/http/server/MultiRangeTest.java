package io.asyncio4j.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several byte ranges of a static file: {@code multipart/byteranges} checked byte for byte with our
 * raw client, curl, Python's {@code email} parser and aiohttp's {@code MultipartReader}; coalescing,
 * 416, the cap, If-Range, HEAD.
 */
@Timeout(60)
class MultiRangeTest {
    private static final String H = " HTTP/1.1\r\nHost: x\r\n";
    private static final String PY = "/usr/bin/python3";

    @TempDir
    Path tmp;
    Path root;
    byte[] data;

    @BeforeEach
    void files() throws Exception {
        root = Files.createDirectories(tmp.resolve("www"));
        data = new byte[1000];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 7 + 3);
        Files.write(root.resolve("data.bin"), data);
        Files.writeString(root.resolve("digits.txt"), "0123456789".repeat(10));
    }

    Application app() {
        Application app = new Application();
        app.router().addStatic("/static", root);
        return app;
    }

    /** The body RFC 9110 §14.6 describes, built independently of the server's code. */
    static byte[] expectedMultipart(String boundary, String type, byte[] file, long[]... ranges) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < ranges.length; i++) {
            long first = ranges[i][0];
            long last = ranges[i][1];
            String head = (i == 0 ? "" : "\r\n") + "--" + boundary + "\r\nContent-Type: " + type
                    + "\r\nContent-Range: bytes " + first + "-" + last + "/" + file.length + "\r\n\r\n";
            out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(file, (int) first, (int) (last - first + 1));
        }
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    static String boundary(String contentType) {
        assertThat(contentType).startsWith("multipart/byteranges; boundary=");
        String b = contentType.substring("multipart/byteranges; boundary=".length());
        assertThat(b).matches("[0-9a-f]{32}");
        return b;
    }

    RawClient.Resp get(int port, String path, String extraHeaders) throws Exception {
        return RawClient.request(port, "GET " + path + H + extraHeaders + "\r\n");
    }

    @Test
    void severalRangesAreMultipartByteExact() throws Exception {
        TestServer.run(app(), (runner, port) -> {
            RawClient.Resp r = get(port, "/static/data.bin", "Range: bytes=0-9,20-29\r\n");
            assertThat(r.status()).isEqualTo(206);
            assertThat(r.header("Content-Range")).isNull();
            assertThat(r.header("Accept-Ranges")).isEqualTo("bytes");
            String b = boundary(r.header("Content-Type"));
            byte[] want = expectedMultipart(b, "application/octet-stream", data, new long[] {0, 9}, new long[] {20, 29});
            assertThat(r.body()).isEqualTo(want);
            assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(want.length));

            // suffix and open ranges in a set; the request's order is kept when nothing merges
            r = get(port, "/static/data.bin", "Range: bytes=-5, 100-102, 990-\r\n");
            assertThat(r.status()).isEqualTo(206);
            // -5 (995-999) and 990- overlap: coalesced and sorted
            assertThat(r.body()).isEqualTo(expectedMultipart(boundary(r.header("Content-Type")), "application/octet-stream",
                    data, new long[] {100, 102}, new long[] {990, 999}));
            r = get(port, "/static/digits.txt", "Range: bytes=-3,0-1\r\n");
            assertThat(r.body()).isEqualTo(expectedMultipart(boundary(r.header("Content-Type")), "text/plain",
                    "0123456789".repeat(10).getBytes(), new long[] {97, 99}, new long[] {0, 1}));
        });
    }

    @Test
    void coalescedUnsatisfiableMalformedAndTooMany() throws Exception {
        TestServer.run(app(), TestServer.quiet().maxRanges(3), (runner, port) -> {
            // adjacent and overlapping ranges that merge into one: a plain 206, never a one-part multipart
            RawClient.Resp r = get(port, "/static/digits.txt", "Range: bytes=0-4,5-9,3-7\r\n");
            assertThat(r.status()).isEqualTo(206);
            assertThat(r.header("Content-Range")).isEqualTo("bytes 0-9/100");
            assertThat(r.header("Content-Type")).startsWith("text/plain");
            assertThat(r.text()).isEqualTo("0123456789");
            // an unsatisfiable member is dropped
            r = get(port, "/static/digits.txt", "Range: bytes=500-600,10-11\r\n");
            assertThat(r.status()).isEqualTo(206);
            assertThat(r.header("Content-Range")).isEqualTo("bytes 10-11/100");
            assertThat(r.text()).isEqualTo("01");
            // none satisfiable
            r = get(port, "/static/digits.txt", "Range: bytes=100-,200-300,-0\r\n");
            assertThat(r.status()).isEqualTo(416);
            assertThat(r.header("Content-Range")).isEqualTo("bytes */100");
            assertThat(r.body()).isEmpty();
            // malformed member: the header is ignored
            r = get(port, "/static/digits.txt", "Range: bytes=0-1,two-3\r\n");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).hasSize(100);
            // more than maxRanges (3): the whole file, whatever the ranges
            r = get(port, "/static/digits.txt", "Range: bytes=0-0,2-2,4-4,6-6\r\n");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Range")).isNull();
            assertThat(r.text()).isEqualTo("0123456789".repeat(10));
            r = get(port, "/static/digits.txt", "Range: bytes=0-0,2-2,4-4\r\n");
            assertThat(r.status()).isEqualTo(206);
            assertThat(r.body()).isEqualTo(expectedMultipart(boundary(r.header("Content-Type")), "text/plain",
                    "0123456789".repeat(10).getBytes(), new long[] {0, 0}, new long[] {2, 2}, new long[] {4, 4}));
        });
    }

    @Test
    void ifRangeHeadAndKeepAlive() throws Exception {
        TestServer.run(app(), (runner, port) -> {
            RawClient.Resp whole = get(port, "/static/data.bin", "");
            String etag = whole.header("ETag");
            String lastModified = whole.header("Last-Modified");
            try (RawClient c = new RawClient(port)) {
                c.send("GET /static/data.bin" + H + "Range: bytes=1-2,4-5\r\nIf-Range: " + etag + "\r\n\r\n");
                RawClient.Resp r = c.next();
                assertThat(r.status()).isEqualTo(206);
                byte[] body = r.body();
                c.send("GET /static/data.bin" + H + "Range: bytes=1-2,4-5\r\nIf-Range: " + lastModified + "\r\n\r\n");
                assertThat(c.next().status()).isEqualTo(206);
                c.send("GET /static/data.bin" + H + "Range: bytes=1-2,4-5\r\nIf-Range: \"stale\"\r\n\r\n");
                r = c.next();
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.body()).isEqualTo(data);
                c.send("GET /static/data.bin" + H + "Range: bytes=1-2,4-5\r\nIf-Range: W/" + etag + "\r\n\r\n");
                assertThat(c.next().status()).isEqualTo(200); // If-Range needs a strong match
                // HEAD: GET's head (206, multipart type, exact length), no body; the connection stays usable
                c.expect("HEAD");
                c.send("HEAD /static/data.bin" + H + "Range: bytes=1-2,4-5\r\n\r\n");
                r = c.next();
                assertThat(r.status()).isEqualTo(206);
                assertThat(r.header("Content-Type")).startsWith("multipart/byteranges; boundary=");
                assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(body.length));
                assertThat(r.body()).isEmpty();
                c.expect("GET");
                c.send("GET /static/data.bin" + H + "Range: bytes=-1,0-0\r\n\r\n");
                r = c.next();
                assertThat(r.body()).isEqualTo(expectedMultipart(boundary(r.header("Content-Type")), "application/octet-stream",
                        data, new long[] {999, 999}, new long[] {0, 0}));
            }
        });
    }

    @Test
    void fileResponseFromAHandlerCompressionAndOtherMethods() throws Exception {
        Application app = new Application();
        app.router().get("/f", r -> new FileResponse(root.resolve("digits.txt")).enableCompression());
        app.router().post("/f", r -> new FileResponse(root.resolve("digits.txt")));
        TestServer.run(app, (runner, port) -> {
            // ranges are of the identity body: never compressed
            RawClient.Resp r = get(port, "/f", "Accept-Encoding: gzip\r\nRange: bytes=1-2,-2\r\n");
            assertThat(r.status()).isEqualTo(206);
            assertThat(r.header("Content-Encoding")).isNull();
            assertThat(r.body()).isEqualTo(expectedMultipart(boundary(r.header("Content-Type")), "text/plain",
                    "0123456789".repeat(10).getBytes(), new long[] {1, 2}, new long[] {98, 99}));
            // Range is defined for GET only (RFC 9110 §14.2)
            r = RawClient.request(port, "POST /f" + H + "Content-Length: 0\r\nRange: bytes=1-2,4-5\r\n\r\n");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("0123456789".repeat(10));
        });
    }

    @Test
    void largeRangesAreStreamedFromTheFile() throws Exception {
        byte[] big = new byte[6 * 1024 * 1024];
        new java.util.Random(7).nextBytes(big);
        Files.write(root.resolve("big.bin"), big);
        TestServer.run(app(), (runner, port) -> {
            RawClient.Resp r = get(port, "/static/big.bin", "Range: bytes=0-99,1000000-4999999,-100000\r\n");
            assertThat(r.status()).isEqualTo(206);
            long n = big.length;
            assertThat(Arrays.equals(r.body(), expectedMultipart(boundary(r.header("Content-Type")), "application/octet-stream",
                    big, new long[] {0, 99}, new long[] {1_000_000, 4_999_999}, new long[] {n - 100_000, n - 1}))).isTrue();
        });
    }

    @Test
    void curlRequestsSeveralRanges() throws Exception {
        assumeTrue(InteropTest.has("curl", "--version"), "curl is not installed (apt-get install curl)");
        TestServer.run(app(), (runner, port) -> {
            Path out = tmp.resolve("curl.out");
            Path head = tmp.resolve("curl.head");
            InteropTest.Out o = InteropTest.run(List.of("curl", "-sS", "-r", "0-9,20-29", "-D", head.toString(), "-o", out.toString(),
                    "-w", "%{http_code} %{content_type}", "http://127.0.0.1:" + port + "/static/data.bin"));
            assertThat(o.stdout()).startsWith("206 multipart/byteranges; boundary=");
            String b = boundary(o.stdout().substring(4));
            assertThat(Files.readAllBytes(out)).isEqualTo(
                    expectedMultipart(b, "application/octet-stream", data, new long[] {0, 9}, new long[] {20, 29}));
            assertThat(Files.readString(head)).containsIgnoringCase("Content-Length: " + Files.size(out));
            o = InteropTest.run(List.of("curl", "-sS", "-r", "200-,300-", "-w", " %{http_code}", "http://127.0.0.1:" + port + "/static/digits.txt"));
            assertThat(o.stdout()).isEqualTo(" 416");
            o = InteropTest.run(List.of("curl", "-sS", "-I", "-r", "-5,0-4", "http://127.0.0.1:" + port + "/static/digits.txt"));
            assertThat(o.stdout()).startsWith("HTTP/1.1 206").containsIgnoringCase("content-type: multipart/byteranges; boundary=");
        });
    }

    @Test
    void pythonEmailParserAndAiohttpMultipartReader() throws Exception {
        assumeTrue(InteropTest.has(PY, "-c", "import aiohttp"), "python3-aiohttp is not installed (apt-get install python3-aiohttp)");
        String script = """
                import asyncio, email, email.policy, sys, urllib.request, aiohttp
                port = sys.argv[1]
                url = f'http://127.0.0.1:{port}/static/data.bin'
                data = bytes((i * 7 + 3) % 256 for i in range(1000))
                req = urllib.request.Request(url, headers={'Range': 'bytes=0-9,20-29,-5'})
                with urllib.request.urlopen(req) as r:
                    raw = r.read()
                    msg = email.message_from_bytes(b'Content-Type: ' + r.headers['Content-Type'].encode() + b'\\r\\n\\r\\n' + raw,
                                                   policy=email.policy.HTTP)
                    assert r.status == 206 and msg.is_multipart(), (r.status, r.headers)
                    for part in msg.iter_parts():
                        cr = part['Content-Range']
                        first, last = map(int, cr.split()[1].split('/')[0].split('-'))
                        ok = part.get_payload(decode=True) == data[first:last + 1]
                        print('email', part.get_content_type(), cr, ok)
                async def main():
                    async with aiohttp.ClientSession() as s:
                        async with s.get(url, headers={'Range': 'bytes=995-,100-103'}) as r:
                            reader = aiohttp.MultipartReader.from_response(r)
                            while (part := await reader.next()) is not None:
                                body = await part.read()
                                cr = part.headers['Content-Range']
                                first, last = map(int, cr.split()[1].split('/')[0].split('-'))
                                print('aiohttp', r.status, part.headers['Content-Type'], cr, body == data[first:last + 1])
                asyncio.run(main())
                """;
        TestServer.run(app(), (runner, port) -> {
            InteropTest.Out o = InteropTest.run(List.of(PY, "-c", script, Integer.toString(port)));
            List<String> lines = new ArrayList<>(o.stdout().lines().toList());
            assertThat(lines).as(o.stdout()).containsExactly(
                    "email application/octet-stream bytes 0-9/1000 True",
                    "email application/octet-stream bytes 20-29/1000 True",
                    "email application/octet-stream bytes 995-999/1000 True",
                    "aiohttp 206 application/octet-stream bytes 995-999/1000 True",
                    "aiohttp 206 application/octet-stream bytes 100-103/1000 True");
            assertThat(o.code()).isZero();
        });
    }
}
