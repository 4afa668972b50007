package io.asyncio4j.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.http.parser.HttpParserLimits;
import io.asyncio4j.loop.EventLoop;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ConnectionTest {
    private static final String H = " HTTP/1.1\r\nHost: x\r\n";

    private static Application echoApp() {
        Application app = new Application();
        app.router().get("/n/{n}", r -> Response.text("n=" + r.matchInfo("n")));
        app.router().post("/echo", r -> Response.bytes(r.read(), null));
        app.router().post("/len", r -> {
            long n = 0;
            for (byte[] b; (b = r.content().readChunk()) != null; ) n += b.length;
            return Response.text(Long.toString(n));
        });
        return app;
    }

    @Test
    @Timeout(20)
    void keepAliveAndPipelining() throws Exception {
        TestServer.run(echoApp(), (runner, port) -> {
            try (RawClient c = new RawClient(port)) {
                c.send("GET /n/1" + H + "\r\n");
                assertThat(c.next().text()).isEqualTo("n=1");
                c.send("GET /n/2" + H + "\r\n");
                assertThat(c.next().text()).isEqualTo("n=2");
                // three pipelined requests in one write, one with a body
                c.send("GET /n/3" + H + "\r\nPOST /echo" + H + "Content-Length: 5\r\n\r\nhelloGET /n/5" + H + "\r\n");
                assertThat(c.next().text()).isEqualTo("n=3");
                assertThat(c.next().text()).isEqualTo("hello");
                assertThat(c.next().text()).isEqualTo("n=5");
                // chunked upload
                c.send("POST /len" + H + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
                assertThat(c.next().text()).isEqualTo("11");
                // HTTP/1.0 closes
                c.send("GET /n/9 HTTP/1.0\r\n\r\n");
                RawClient.Resp r = c.next();
                assertThat(r.text()).isEqualTo("n=9");
                assertThat(r.header("Connection")).isEqualTo("close");
                assertThat(c.closedByServer()).isTrue();
            }
        });
    }

    @Test
    @Timeout(20)
    void expectContinueAndBodyLimit() throws Exception {
        TestServer.run(echoApp(), (runner, port) -> {
            try (RawClient c = new RawClient(port)) {
                c.send("POST /echo" + H + "Content-Length: 4\r\nExpect: 100-continue\r\n\r\n");
                RawClient.Resp interim = c.next();
                assertThat(interim.status()).isEqualTo(100);
                c.send("data");
                assertThat(c.next().text()).isEqualTo("data");
            }
            // 2 MiB > clientMaxSize (1 MiB): 413 without reading the body, 100 never sent, closed
            try (RawClient c = new RawClient(port)) {
                c.send("POST /echo" + H + "Content-Length: 2097152\r\nExpect: 100-continue\r\n\r\n");
                RawClient.Resp r = c.next();
                assertThat(r.status()).isEqualTo(413);
                assertThat(r.header("Connection")).isEqualTo("close");
            }
            // chunked body over the limit: 413 too
            try (RawClient c = new RawClient(port)) {
                c.send("POST /echo" + H + "Transfer-Encoding: chunked\r\n\r\n");
                byte[] chunk = ("100000\r\n" + "x".repeat(0x100000) + "\r\n").getBytes();
                c.send(chunk);
                c.send("10\r\n0123456789abcdef\r\n");
                assertThat(c.next().status()).isEqualTo(413);
            }
        });
    }

    @Test
    @Timeout(20)
    void limitsAndMalformedRequests() throws Exception {
        HttpServerConfig cfg = TestServer.quiet().limits(HttpParserLimits.DEFAULTS.withMaxStartLineLength(100).withHeaderLimits(200, 400, 5));
        TestServer.run(echoApp(), cfg, (runner, port) -> {
            assertStatusAndClosed(port, "GET /" + "a".repeat(200) + H + "\r\n", 414);
            assertStatusAndClosed(port, "GET /n/1" + H + "X-Big: " + "b".repeat(300) + "\r\n\r\n", 431);
            assertStatusAndClosed(port, "GET /n/1" + H + "A: 1\r\nB: 1\r\nC: 1\r\nD: 1\r\nE: 1\r\n\r\n", 431);
            assertStatusAndClosed(port, "GET /n/1 HTTP/1.1\r\nHost: x\nX: y\r\n\r\n", 400);
            assertStatusAndClosed(port, "GET /n/1" + H + "Content-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", 400);
            assertStatusAndClosed(port, "GET /n/1 HTTP/1.1\r\n\r\n", 400); // no Host
            assertStatusAndClosed(port, "BAD REQUEST LINE\r\n\r\n", 400);
            assertStatusAndClosed(port, "GET /n/1 HTTP/2.0\r\nHost: x\r\n\r\n", 505);
            // a bad request after a good one in the same pipeline: both answered, in order
            try (RawClient c = new RawClient(port)) {
                c.send("GET /n/1" + H + "\r\nGET /n/2 HTTP/1.1\r\nHost : x\r\n\r\n");
                assertThat(c.next().text()).isEqualTo("n=1");
                assertThat(c.next().status()).isEqualTo(400);
                assertThat(c.closedByServer()).isTrue();
            }
            // the server still works
            assertThat(RawClient.request(port, "GET /n/7" + H + "\r\n").text()).isEqualTo("n=7");
        });
    }

    private static void assertStatusAndClosed(int port, String raw, int status) throws Exception {
        try (RawClient c = new RawClient(port)) {
            c.send(raw);
            RawClient.Resp r = c.next();
            assertThat(r.status()).as(raw).isEqualTo(status);
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    @Timeout(20)
    void slowlorisAndIdleTimeouts() throws Exception {
        HttpServerConfig cfg = TestServer.quiet().headerTimeout(Duration.ofMillis(300)).keepaliveTimeout(Duration.ofMillis(300));
        TestServer.run(echoApp(), cfg, (runner, port) -> {
            // one header byte every 100 ms: the head is never complete within 300 ms
            try (RawClient c = new RawClient(port)) {
                Task<Void> dribble = Asyncio.createTask(() -> {
                    for (char ch : ("GET /n/1" + H + "X-Slow: " + "z".repeat(50)).toCharArray()) {
                        c.send(String.valueOf(ch));
                        Asyncio.sleep(0.1);
                    }
                });
                long t0 = System.nanoTime();
                RawClient.Resp r = c.next();
                assertThat(r.status()).isEqualTo(408);
                assertThat(c.closedByServer()).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
                dribble.cancel();
            }
            // idle keep-alive connection closed after the keep-alive timeout
            try (RawClient c = new RawClient(port)) {
                c.send("GET /n/1" + H + "\r\n");
                assertThat(c.next().text()).isEqualTo("n=1");
                assertThat(c.closedByServer()).isTrue();
            }
        });
    }

    @Test
    @Timeout(20)
    void gracefulShutdownLetsInFlightRequestFinish() throws Exception {
        Application app = echoApp();
        EventLoop[] loop = new EventLoop[1];
        Future<?>[] started = new Future<?>[1];
        app.onStartup(a -> {
            loop[0] = EventLoop.current();
            started[0] = loop[0].createFuture();
        });
        app.router().get("/slow", r -> {
            ((Future<Object>) started[0]).setResult(null);
            Asyncio.sleep(0.3);
            return Response.text("finished");
        });
        AtomicReference<RawClient.Resp> got = new AtomicReference<>();
        Asyncio.run(() -> {
            AppRunner runner = new AppRunner(app, TestServer.quiet().shutdownTimeout(Duration.ofSeconds(5)));
            runner.setup();
            runner.start("127.0.0.1", 0);
            int port = runner.port();
            RawClient idle = new RawClient(port);
            idle.send("GET /n/1" + H + "\r\n");
            assertThat(idle.next().status()).isEqualTo(200);
            Task<RawClient.Resp> inflight = Asyncio.createTask(() -> RawClient.request(port, "GET /slow" + H + "\r\n"));
            started[0].await();
            runner.cleanup();
            got.set(inflight.await());
            assertThat(idle.closedByServer()).isTrue();
            // no longer accepting
            try {
                new RawClient(port).close();
                throw new AssertionError("still accepting");
            } catch (java.net.ConnectException expected) {
                // good
            }
        });
        assertThat(got.get().text()).isEqualTo("finished");
        assertThat(got.get().header("Connection")).isEqualTo("close");
    }

    @Test
    @Timeout(20)
    void peerVanishingMidBody() throws Exception {
        Application app = echoApp();
        Future<?>[] failed = new Future<?>[1];
        app.onStartup(a -> failed[0] = EventLoop.current().createFuture());
        app.router().post("/upload", r -> {
            try {
                r.content().readAll(0);
                ((Future<Object>) failed[0]).setResult("no error");
            } catch (java.io.IOException e) {
                ((Future<Object>) failed[0]).setResult("io error");
                throw e;
            }
            return Response.text("?");
        });
        TestServer.run(app, (runner, port) -> {
            RawClient c = new RawClient(port);
            c.send("POST /upload" + H + "Content-Length: 100000\r\n\r\n" + "x".repeat(1000));
            Asyncio.sleep(0.05);
            c.s.writer().transport().abort();
            assertThat(failed[0].await()).isEqualTo("io error");
            assertThat(RawClient.request(port, "GET /n/2" + H + "\r\n").text()).isEqualTo("n=2");
        });
    }
}
