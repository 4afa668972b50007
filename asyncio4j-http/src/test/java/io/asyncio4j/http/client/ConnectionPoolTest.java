package io.asyncio4j.http.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.TimeoutError;
import io.asyncio4j.VoidCoroutine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pool, keep-alive, limits, timeouts, cancellation, proxies and tracing against real Python peers. */
@Timeout(30)
class ConnectionPoolTest {
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

    static void withSession(ClientSession.Options o, SessionBody body) throws Exception {
        Asyncio.run((VoidCoroutine) () -> {
            try (ClientSession s = new ClientSession(o)) {
                body.run(s);
            }
        });
    }

    static int port(ClientSession s, String path) throws Exception {
        return s.get(url(path)).json().get("port").asInt();
    }

    @Test
    void keepAliveReusesOneConnectionAndTraces() throws Exception {
        List<String> events = new ArrayList<>();
        TraceConfig trace = new TraceConfig()
                .onRequestStart((s, p) -> events.add("start " + p.method() + " " + p.url().getPath()))
                .onRequestEnd((s, p) -> events.add("end " + p.response().status()))
                .onRequestRedirect((s, p) -> events.add("redirect " + p.response().status()))
                .onRequestException((s, p) -> events.add("exception " + p.exception().getClass().getSimpleName()))
                .onConnectionCreateStart((s, p) -> events.add("create-start"))
                .onConnectionCreateEnd((s, p) -> events.add("create-end"))
                .onConnectionReuseconn((s, p) -> events.add("reuse"));
        withSession(new ClientSession.Options().traceConfig(trace), s -> {
            Set<Integer> ports = new HashSet<>();
            for (int i = 0; i < 5; i++) ports.add(port(s, "/conn"));
            assertThat(ports).hasSize(1);
            assertThat(events.stream().filter(e -> e.equals("reuse")).count()).isEqualTo(4);
            assertThat(events.stream().filter(e -> e.equals("create-end")).count()).isEqualTo(1);
            assertThat(events).startsWith("start GET /conn", "create-start", "create-end", "end 200");
            events.clear();
            s.get(url("/redirect/302?to=/hello")).release();
            assertThat(events).containsExactly("start GET /redirect/302", "reuse", "redirect 302", "reuse", "end 200");
            events.clear();
            assertThatThrownBy(() -> s.get("http://127.0.0.1:1/"));
            assertThat(events).containsExactly("start GET /", "create-start", "exception ClientConnectorError");
            // Connection: close from the server: the (reused) connection is not pooled again
            s.get(url("/close-after")).read();
            assertThat(s.connector().idleCount()).isZero();
            events.clear();
            s.get(url("/hello")).read();
            assertThat(events).contains("create-end").doesNotContain("reuse");
        });
    }

    @Test
    void perHostAndTotalLimitsBoundServerConcurrency() throws Exception {
        for (int[] limits : new int[][]{{100, 2}, {3, 0}}) {
            TCPConnector c = new TCPConnector().limit(limits[0]).limitPerHost(limits[1]);
            withSession(new ClientSession.Options().connector(c), s -> {
                s.get(url("/concurrency/reset")).read();
                List<Future<Integer>> tasks = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    tasks.add(Asyncio.createTask(() -> port(s, "/concurrency?delay=0.15")));
                }
                Set<Integer> ports = new HashSet<>(Asyncio.gather(tasks).await());
                int max = s.get(url("/concurrency/reset")).json().get("max").asInt();
                int expected = limits[1] > 0 ? limits[1] : limits[0];
                assertThat(max).isEqualTo(expected);
                assertThat(ports).hasSize(expected);
                assertThat(c.acquiredCount()).isZero();
            });
        }
    }

    @Test
    void idleConnectionsExpire() throws Exception {
        TCPConnector c = new TCPConnector().keepaliveTimeout(Duration.ofMillis(400));
        assertThat(Json.MAPPER).isNotNull(); // load Jackson now, not between the two requests below
        withSession(new ClientSession.Options().connector(c), s -> {
            int first = port(s, "/conn");
            assertThat(port(s, "/conn")).isEqualTo(first);
            assertThat(c.idleCount()).isEqualTo(1);
            Asyncio.sleep(0.8); // the keep-alive time under test passes
            assertThat(c.idleCount()).isZero();
            assertThat(port(s, "/conn")).isNotEqualTo(first);
        });
    }

    @Test
    void eachTimeoutHasItsOwnError() throws Exception {
        withSession(new ClientSession.Options(), s -> {
            ClientTimeout base = ClientTimeout.NONE;
            assertThatThrownBy(() -> s.get(url("/slow?delay=2"),
                    new RequestOptions().timeout(base.withSockRead(Duration.ofMillis(200)))))
                    .isInstanceOf(SocketReadTimeoutError.class).isInstanceOf(TimeoutError.class);
            assertThatThrownBy(() -> s.get(url("/slow?delay=2"),
                    new RequestOptions().timeout(base.withTotal(Duration.ofMillis(200)))))
                    .isInstanceOf(TotalTimeoutError.class).isInstanceOf(TimeoutError.class);
            // head arrives, the body stalls: the read times out, total covers reading the body too
            ClientResponse r = s.get(url("/slow-body?delay=2"), new RequestOptions().timeout(base.withSockRead(Duration.ofMillis(200))));
            assertThat(r.content().readExactly(5)).hasSize(5);
            assertThatThrownBy(r::read).isInstanceOf(SocketReadTimeoutError.class);
            ClientResponse r2 = s.get(url("/slow-body?delay=2"), new RequestOptions().timeout(base.withTotal(Duration.ofMillis(300))));
            assertThatThrownBy(r2::read).isInstanceOf(TotalTimeoutError.class);
            assertThat(s.connector().acquiredCount()).isZero();
            assertThat(s.connector().idleCount()).isZero();
            assertThat(s.get(url("/hello")).text()).isEqualTo("hello");
        });
    }

    @Test
    void connectTimeout() throws Exception {
        // a listening socket whose accept queue is full: further SYNs are dropped, connect hangs
        try (var listener = java.nio.channels.ServerSocketChannel.open()) {
            listener.bind(new java.net.InetSocketAddress("127.0.0.1", 0), 1);
            int port = ((java.net.InetSocketAddress) listener.getLocalAddress()).getPort();
            List<java.nio.channels.SocketChannel> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open();
                    ch.configureBlocking(false);
                    ch.connect(new java.net.InetSocketAddress("127.0.0.1", port));
                    fillers.add(ch);
                }
                withSession(new ClientSession.Options(), s -> {
                    assertThatThrownBy(() -> s.get("http://127.0.0.1:" + port + "/",
                            new RequestOptions().timeout(ClientTimeout.NONE.withSockConnect(Duration.ofMillis(300)))))
                            .isInstanceOf(ConnectTimeoutError.class).isInstanceOf(TimeoutError.class);
                    assertThatThrownBy(() -> s.get("http://127.0.0.1:" + port + "/",
                            new RequestOptions().timeout(ClientTimeout.NONE.withConnect(Duration.ofMillis(300)))))
                            .isInstanceOf(ConnectTimeoutError.class);
                    assertThat(s.connector().acquiredCount()).isZero();
                });
            } finally {
                for (var ch : fillers) ch.close();
            }
        }
    }

    @Test
    void happyEyeballsMovesOnFromAHangingAddress() throws Exception {
        // 127.0.0.2:P is a listener whose accept queue is full (connects hang); 127.0.0.1:P is the server
        try (var listener = java.nio.channels.ServerSocketChannel.open()) {
            listener.bind(new java.net.InetSocketAddress("127.0.0.2", server.port), 1);
            List<java.nio.channels.SocketChannel> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open();
                    ch.configureBlocking(false);
                    ch.connect(new java.net.InetSocketAddress("127.0.0.2", server.port));
                    fillers.add(ch);
                }
                List<String> dns = new ArrayList<>();
                TCPConnector c = new TCPConnector().resolver(host -> {
                    dns.add(host);
                    return List.of(java.net.InetAddress.ofLiteral("127.0.0.2"), java.net.InetAddress.ofLiteral("127.0.0.1"));
                });
                withSession(new ClientSession.Options().connector(c), s -> {
                    long t0 = System.nanoTime();
                    JsonNode e = s.get("http://two.test:" + server.port + "/echo",
                            new RequestOptions().timeout(ClientTimeout.NONE.withSockConnect(Duration.ofSeconds(20)))).json();
                    assertThat(e.get("headers").get("Host").asText()).isEqualTo("two.test:" + server.port);
                    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
                    assertThat(dns).containsExactly("two.test");
                });
            } finally {
                for (var ch : fillers) ch.close();
            }
        }
    }

    @Test
    void poolExhaustionRaisesPoolTimeoutError() throws Exception {
        TCPConnector c = new TCPConnector().limit(1);
        withSession(new ClientSession.Options().connector(c), s -> {
            ClientResponse holding = s.get(url("/slow-body?delay=0.3"));
            assertThat(c.acquiredCount()).isEqualTo(1);
            assertThatThrownBy(() -> s.get(url("/hello"),
                    new RequestOptions().timeout(ClientTimeout.NONE.withPoolAcquire(Duration.ofMillis(100)))))
                    .isInstanceOf(PoolTimeoutError.class).isInstanceOf(TimeoutError.class);
            // a request cancelled while queued for the pool leaves the queue
            Task<ClientResponse> cancelled = Asyncio.createTask(() -> s.get(url("/hello")));
            Asyncio.sleep(0.02);
            cancelled.cancel();
            assertThatThrownBy(cancelled::await).isInstanceOf(CancelledError.class);
            // a waiter gets the connection once the holder finishes its body
            Task<String> waiter = Asyncio.createTask(() -> s.get(url("/hello")).text());
            assertThat(new String(holding.read())).isEqualTo("1234567890");
            assertThat(waiter.await()).isEqualTo("hello");
            assertThat(c.acquiredCount()).isZero();
            assertThat(c.idleCount()).isEqualTo(1);
        });
    }

    @Test
    void cancelledRequestNeverPoolsAHalfReadConnection() throws Exception {
        TCPConnector c = new TCPConnector();
        withSession(new ClientSession.Options().connector(c), s -> {
            int before = port(s, "/conn");
            // cancelled while reading the body
            Future<Void> gotHead = Asyncio.getRunningLoop().createFuture();
            Task<byte[]> t = Asyncio.createTask(() -> {
                ClientResponse r = s.get(url("/slow-body?delay=1"));
                gotHead.setResult(null);
                return r.read();
            });
            gotHead.await();
            Asyncio.sleep(0.05);
            t.cancel();
            assertThatThrownBy(t::await).isInstanceOf(CancelledError.class);
            assertThat(c.acquiredCount()).isZero();
            assertThat(c.idleCount()).isZero();
            // cancelled while waiting for the head
            Task<ClientResponse> t2 = Asyncio.createTask(() -> s.get(url("/slow?delay=1")));
            Asyncio.sleep(0.1);
            t2.cancel();
            assertThatThrownBy(t2::await).isInstanceOf(CancelledError.class);
            assertThat(c.acquiredCount()).isZero();
            assertThat(c.idleCount()).isZero();
            // the pool is consistent: fresh connection, then reused
            int after = port(s, "/conn");
            assertThat(after).isNotEqualTo(before);
            assertThat(port(s, "/conn")).isEqualTo(after);
        });
    }

    @Test
    void staleReusedConnectionIsRetriedOnceOnAFreshOne() throws Exception {
        try (PythonPeer stale = new PythonPeer("stale_server.py")) {
            withSession(new ClientSession.Options(), s -> {
                assertThat(s.get(stale.url("/n")).text()).isEqualTo("1");
                assertThat(s.connector().idleCount()).isEqualTo(1);
                // the pooled connection is reused, the server closes it without answering: retried
                assertThat(s.get(stale.url("/n")).text()).isEqualTo("2");
                // a streamed body cannot be sent twice: the error surfaces
                assertThatThrownBy(() -> s.post(stale.url("/n"),
                        new RequestOptions().body(StreamedBody.of(List.of("x".getBytes())))))
                        .isInstanceOf(ServerDisconnectedError.class);
            });
        }
    }

    @Test
    void http10ReadUntilClose() throws Exception {
        try (PythonPeer old = new PythonPeer("http10_server.py")) {
            withSession(new ClientSession.Options(), s -> {
                for (int i = 0; i < 2; i++) {
                    ClientResponse r = s.get(old.url("/"));
                    assertThat(r.version().toString()).contains("1.0");
                    List<String> lines = new ArrayList<>();
                    for (byte[] l : r.content().lines()) lines.add(new String(l));
                    assertThat(lines).hasSize(100);
                    assertThat(lines.getLast()).isEqualTo("line 99 of a read-until-close body\n");
                    assertThat(s.connector().idleCount()).isZero();
                }
            });
        }
    }

    @Test
    void proxyAbsoluteFormAndConnectTunnel() throws Exception {
        try (PythonPeer proxy = new PythonPeer("proxy.py")) {
            String proxyUrl = "http://user:secret@127.0.0.1:" + proxy.port;
            String origin = "http://origin.test:" + server.port; // resolvable only by the proxy
            withSession(new ClientSession.Options(), s -> {
                JsonNode e = s.get(origin + "/echo?x=1", new RequestOptions().proxy(proxyUrl)).json();
                assertThat(e.get("headers").get("X-Proxied").asText()).isEqualTo("absolute");
                assertThat(e.get("headers").get("Host").asText()).isEqualTo("origin.test:" + server.port);
                assertThat(e.get("headers").get("X-Proxy-Auth-Seen").asText())
                        .isEqualTo("Basic " + java.util.Base64.getEncoder().encodeToString("user:secret".getBytes()));
                assertThat(e.get("raw_query").asText()).isEqualTo("x=1");

                RequestOptions tunnel = new RequestOptions().proxy(proxyUrl).proxyTunnel(true);
                JsonNode t1 = s.get(origin + "/echo", tunnel).json();
                assertThat(t1.get("headers").has("X-Proxied")).isFalse();
                JsonNode t2 = s.post(origin + "/echo", new RequestOptions().proxy(proxyUrl).proxyTunnel(true).data("b")).json();
                assertThat(t2.get("port").asInt()).isEqualTo(t1.get("port").asInt()); // the tunnel is pooled
                String stats = s.get("http://proxy.stats/", new RequestOptions().proxy(proxyUrl)).text();
                assertThat(stats).isEqualTo("1 1");
            });
        }
    }

    @Test
    void closeClosesConnectionsAndRefusesRequests() throws Exception {
        Asyncio.run((VoidCoroutine) () -> {
            ClientSession s = new ClientSession();
            ClientResponse open = s.get(url("/big?size=2000000"));
            s.get(url("/hello")).read();
            assertThat(s.connector().idleCount()).isEqualTo(1);
            s.close();
            assertThat(s.connector().idleCount()).isZero();
            assertThat(s.connector().isClosed()).isTrue();
            assertThatThrownBy(open::read).isInstanceOf(ClientPayloadError.class);
            assertThatThrownBy(() -> s.get(url("/hello"))).isInstanceOf(ClientError.class);
        });
    }
}
