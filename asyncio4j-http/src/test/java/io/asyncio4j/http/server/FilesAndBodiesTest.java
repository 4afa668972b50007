package io.asyncio4j.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FilesAndBodiesTest {
    private static final String H = " HTTP/1.1\r\nHost: x\r\n";

    @TempDir
    Path tmp;

    @Test
    @Timeout(20)
    void staticFilesTraversalRangeAndConditional() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("www"));
        Files.writeString(root.resolve("hello.txt"), "0123456789abcdef");
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("sub/x.html"), "<p>x</p>");
        Files.writeString(tmp.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("escape.txt"), tmp.resolve("secret.txt"));
        Application app = new Application();
        app.router().addStatic("/static", root, StaticOptions.DEFAULTS.showIndex(true));
        TestServer.run(app, (runner, port) -> {
            RawClient.Resp ok = RawClient.request(port, "GET /static/hello.txt" + H + "\r\n");
            assertThat(ok.text()).isEqualTo("0123456789abcdef");
            assertThat(ok.header("Content-Type")).startsWith("text/plain");
            String etag = ok.header("ETag");
            String lm = ok.header("Last-Modified");
            assertThat(etag).isNotNull();
            for (String bad : new String[] {"/static/../secret.txt", "/static/%2e%2e/secret.txt", "/static/sub/..%2F..%2Fsecret.txt",
                    "/static/%2E%2E/%2E%2E/etc/passwd", "/static/..\\secret.txt", "/static/escape.txt"}) {
                RawClient.Resp r = RawClient.request(port, "GET " + bad + H + "\r\n");
                assertThat(r.status()).as(bad).isIn(403, 404);
                assertThat(r.text()).doesNotContain("secret");
            }
            assertThat(RawClient.request(port, "GET /static/missing" + H + "\r\n").status()).isEqualTo(404);
            assertThat(RawClient.request(port, "GET /static/sub" + H + "\r\n").text()).contains("x.html");
            RawClient.Resp range = RawClient.request(port, "GET /static/hello.txt" + H + "Range: bytes=2-5\r\n\r\n");
            assertThat(range.status()).isEqualTo(206);
            assertThat(range.text()).isEqualTo("2345");
            assertThat(range.header("Content-Range")).isEqualTo("bytes 2-5/16");
            assertThat(RawClient.request(port, "GET /static/hello.txt" + H + "Range: bytes=-3\r\n\r\n").text()).isEqualTo("def");
            RawClient.Resp r416 = RawClient.request(port, "GET /static/hello.txt" + H + "Range: bytes=100-\r\n\r\n");
            assertThat(r416.status()).isEqualTo(416);
            assertThat(r416.header("Content-Range")).isEqualTo("bytes */16");
            try (RawClient c = new RawClient(port)) {
                c.expect("GET");
                c.send("GET /static/hello.txt" + H + "If-None-Match: " + etag + "\r\n\r\n");
                RawClient.Resp nm = c.next();
                assertThat(nm.status()).isEqualTo(304);
                assertThat(nm.body()).isEmpty();
                c.send("GET /static/hello.txt" + H + "If-Modified-Since: " + lm + "\r\n\r\n");
                assertThat(c.next().status()).isEqualTo(304);
                c.send("GET /static/hello.txt" + H + "If-None-Match: \"other\"\r\n\r\n");
                assertThat(c.next().status()).isEqualTo(200);
            }
        });
    }

    @Test
    @Timeout(20)
    void chunkedStreamingAndCompression() throws Exception {
        String big = "compress me please ".repeat(500);
        Application app = new Application();
        app.router().get("/stream", r -> {
            StreamResponse s = new StreamResponse().contentType("text/plain");
            s.prepare(r);
            for (int i = 0; i < 3; i++) {
                s.write("part" + i + ";");
                s.drain();
            }
            s.writeEof();
            return s;
        });
        app.router().get("/big", r -> Response.text(big).enableCompression());
        app.router().get("/bigstream", r -> {
            StreamResponse s = new StreamResponse().enableCompression();
            s.prepare(r);
            s.write(big);
            s.write(big);
            return s;
        });
        TestServer.run(app, (runner, port) -> {
            RawClient.Resp s = RawClient.request(port, "GET /stream" + H + "\r\n");
            assertThat(s.header("Transfer-Encoding")).isEqualTo("chunked");
            assertThat(s.text()).isEqualTo("part0;part1;part2;");
            // aiohttp prefers deflate when both are accepted
            assertThat(RawClient.request(port, "GET /big" + H + "Accept-Encoding: gzip, deflate\r\n\r\n")
                    .header("Content-Encoding")).isEqualTo("deflate");
            assertThat(RawClient.request(port, "GET /big" + H + "Accept-Encoding: gzip, deflate;q=0\r\n\r\n")
                    .header("Content-Encoding")).isEqualTo("gzip");
            RawClient.Resp gz = RawClient.request(port, "GET /big" + H + "Accept-Encoding: gzip\r\n\r\n");
            assertThat(gz.header("Content-Encoding")).isEqualTo("gzip");
            assertThat(gz.body().length).isLessThan(big.length() / 5);
            assertThat(new String(new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(big);
            RawClient.Resp df = RawClient.request(port, "GET /big" + H + "Accept-Encoding: deflate\r\n\r\n");
            assertThat(df.header("Content-Encoding")).isEqualTo("deflate");
            assertThat(new String(new InflaterInputStream(new ByteArrayInputStream(df.body())).readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(big);
            RawClient.Resp plain = RawClient.request(port, "GET /big" + H + "\r\n");
            assertThat(plain.header("Content-Encoding")).isNull();
            assertThat(plain.text()).isEqualTo(big);
            RawClient.Resp gs = RawClient.request(port, "GET /bigstream" + H + "Accept-Encoding: gzip\r\n\r\n");
            assertThat(new String(new GZIPInputStream(new ByteArrayInputStream(gs.body())).readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(big + big);
        });
    }

    @Test
    @Timeout(40)
    void multipartUploadOf50MegabytesIsStreamedToDisk() throws Exception {
        Path dest = tmp.resolve("upload.bin");
        long size = 50L << 20;
        Application app = new Application();
        long[] heapPeak = new long[1];
        app.router().post("/upload", r -> {
            MultipartReader mr = r.multipart();
            StringBuilder sb = new StringBuilder();
            for (MultipartReader.Part p; (p = mr.next()) != null; ) {
                if (p.filename() != null) {
                    sb.append(p.name()).append('=').append(p.filename()).append(':').append(p.saveTo(dest)).append(';');
                } else {
                    sb.append(p.name()).append('=').append(p.text()).append(';');
                }
            }
            return Response.text(sb.toString());
        });
        String boundary = "----asyncio4jBoundary7MA4YWxk";
        TestServer.run(app, (runner, port) -> {
            byte[] pre = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nmy file\r\n--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] post = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
            long total = pre.length + size + post.length;
            try (RawClient c = new RawClient(port)) {
                c.send("POST /upload" + H + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: " + total + "\r\n\r\n");
                c.send(pre);
                byte[] block = new byte[1 << 20];
                for (int i = 0; i < block.length; i++) block[i] = (byte) ('a' + i % 26);
                block[100] = '\r';
                block[101] = '\n';
                block[102] = '-';
                block[103] = '-';
                Runtime rt = Runtime.getRuntime();
                for (int i = 0; i < 50; i++) {
                    c.send(block);
                    heapPeak[0] = Math.max(heapPeak[0], rt.totalMemory() - rt.freeMemory());
                }
                c.send(post);
                RawClient.Resp r = c.next();
                assertThat(r.text()).isEqualTo("title=my file;file=big.bin:" + size + ";");
            }
        });
        assertThat(Files.size(dest)).isEqualTo(size);
        // the upload was not buffered whole: at most the body buffer and some pieces in flight
        assertThat(heapPeak[0]).isLessThan(400L << 20);
    }
}
