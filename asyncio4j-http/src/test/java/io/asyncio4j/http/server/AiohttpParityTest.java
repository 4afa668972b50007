package io.asyncio4j.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.http.websocket.WebSocketClient;
import io.asyncio4j.http.websocket.WebSocketConnection;
import io.asyncio4j.http.websocket.WebSocketMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins server behaviour that users compare with aiohttp.web: every expected value here was observed
 * on a real aiohttp server answering the same request (the comments give the aiohttp handler).
 */
@Timeout(20)
class AiohttpParityTest {
    private static final String H = " HTTP/1.1\r\nHost: x\r\n";

    private static RawClient.Resp get(int port, String path) throws Exception {
        return RawClient.request(port, "GET " + path + H + "\r\n");
    }

    @Test
    void defaultContentTypeIsOctetStream() throws Exception {
        Application app = new Application();
        app.router().get("/empty", r -> new Response());                         // web.Response()
        app.router().get("/bytes", r -> new Response("abc".getBytes(), null));   // web.Response(body=b"abc")
        app.router().get("/stream", r -> {                                        // StreamResponse, one write
            StreamResponse s = new StreamResponse();
            s.prepare(r);
            s.write("a");
            s.writeEof();
            return s;
        });
        app.router().get("/nocontent", r -> new Response().status(204));
        TestServer.run(app, (runner, port) -> {
            RawClient.Resp empty = get(port, "/empty");
            assertThat(empty.header("Content-Type")).isEqualTo("application/octet-stream");
            assertThat(empty.header("Content-Length")).isEqualTo("0");
            assertThat(get(port, "/bytes").header("Content-Type")).isEqualTo("application/octet-stream");
            RawClient.Resp stream = get(port, "/stream");
            assertThat(stream.header("Content-Type")).isEqualTo("application/octet-stream");
            assertThat(stream.header("Transfer-Encoding")).isEqualTo("chunked");
            assertThat(stream.text()).isEqualTo("a");
            RawClient.Resp nc = get(port, "/nocontent");
            assertThat(nc.header("Content-Type")).isNull();
            try (RawClient rc = new RawClient(port)) {
                rc.expect("HEAD");
                rc.send("HEAD /empty" + H + "\r\n");
                assertThat(rc.next().header("Content-Type")).isEqualTo("application/octet-stream");
            }
        });
    }

    @Test
    void httpExceptionsAreResponsesWithStatusAndReasonAsText() throws Exception {
        Application app = new Application();
        app.router().get("/found", r -> {
            throw HttpException.redirect(302, "/x");                              // raise web.HTTPFound("/x")
        });
        app.router().get("/ok", r -> {
            throw new HttpException(200, null);                                   // raise web.HTTPOk()
        });
        app.router().get("/payment", r -> {
            throw new HttpException(402, null);
        });
        app.router().get("/created", r -> {
            throw new HttpException(201, "made");                                 // web.HTTPCreated(text="made")
        });
        app.router().get("/nocontent", r -> {
            throw new HttpException(204, null);                                   // raise web.HTTPNoContent()
        });
        app.router().get("/notmodified", r -> {
            throw new HttpException(304, null);                                   // raise web.HTTPNotModified()
        });
        TestServer.run(app, (runner, port) -> {
            RawClient.Resp found = get(port, "/found");
            assertThat(found.status()).isEqualTo(302);
            assertThat(found.header("Location")).isEqualTo("/x");
            assertThat(found.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(found.text()).isEqualTo("302: Found");
            assertThat(get(port, "/ok").text()).isEqualTo("200: OK");
            assertThat(get(port, "/payment").text()).isEqualTo("402: Payment Required");   // raise web.HTTPPaymentRequired()
            assertThat(get(port, "/created").text()).isEqualTo("made");
            for (String p : new String[] {"/nocontent", "/notmodified"}) {
                RawClient.Resp r = get(port, p);
                assertThat(r.body()).isEmpty();
                assertThat(r.header("Content-Type")).isNull();
            }
            RawClient.Resp nf = get(port, "/nope");
            assertThat(nf.status()).isEqualTo(404);
            assertThat(nf.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(nf.text()).isEqualTo("404: Not Found");
        });
    }

    @Test
    void methodNotAllowedListsTheMethodsSorted() throws Exception {
        Application app = new Application();
        Handler ok = r -> Response.text("ok");
        app.router().put("/r", ok);
        app.router().get("/r", ok);
        app.router().post("/r", ok);
        app.router().delete("/r", ok);
        TestServer.run(app, (runner, port) -> {
            RawClient.Resp r = RawClient.request(port, "PATCH /r" + H + "\r\n");
            assertThat(r.status()).isEqualTo(405);
            assertThat(r.header("Allow")).isEqualTo("DELETE,GET,HEAD,POST,PUT");
            assertThat(r.text()).isEqualTo("405: Method Not Allowed");
        });
    }

    @Test
    void setCookieAndDelCookieAreWrittenLikeAiohttp() throws Exception {
        Application app = new Application();
        // r.del_cookie("a"); r.set_cookie("b", "v", max_age=10, httponly=True, samesite="Lax",
        //                                 secure=True, domain="example.com")
        app.router().get("/c", r -> Response.text("x").delCookie("a")
                .setCookie(Cookie.of("b", "v").maxAge(Duration.ofSeconds(10)).httpOnly(true).sameSite("Lax")
                        .secure(true).domain("example.com")));
        TestServer.run(app, (runner, port) -> {
            assertThat(get(port, "/c").head().headers().getAll("Set-Cookie")).containsExactly(
                    "a=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/",
                    "b=v; Domain=example.com; HttpOnly; Max-Age=10; Path=/; SameSite=Lax; Secure");
        });
    }

    @Test
    void requestCookiesAreParsedLikeSimpleCookie() throws Exception {
        // aiohttp 3.8 (request.cookies) gave {'a': '2'}, {'c': 'x;y"z'}, {'d': 'e=f'}
        Application app = new Application();
        app.router().get("/c", r -> Response.text(r.cookies().toString()));
        TestServer.run(app, (runner, port) -> {
            assertThat(RawClient.request(port, "GET /c" + H + "Cookie: a=1; a=2\r\n\r\n").text()).isEqualTo("{a=2}");
            assertThat(RawClient.request(port, "GET /c" + H + "Cookie: c=\"x\\073y\\\"z\"\r\n\r\n").text()).isEqualTo("{c=x;y\"z}");
            assertThat(RawClient.request(port, "GET /c" + H + "Cookie: d=e=f\r\n\r\n").text()).isEqualTo("{d=e=f}");
        });
    }

    @Test
    void cookieValuesAreQuotedLikeSimpleCookie() {
        // Python: c[k] = v; c.output() for each pair
        assertThat(Cookie.quote("abc=")).isEqualTo("\"abc=\"");
        assertThat(Cookie.quote("a b")).isEqualTo("\"a b\"");
        assertThat(Cookie.quote("x;y,z")).isEqualTo("\"x\\073y\\054z\"");
        assertThat(Cookie.quote("q\"\\")).isEqualTo("\"q\\\"\\\\\"");
        assertThat(Cookie.quote("h\u00e9")).isEqualTo("\"h\\351\"");
        assertThat(Cookie.quote("a/b:c")).isEqualTo("\"a/b:c\"");
        assertThat(Cookie.quote("tok-1.2_3~:")).isEqualTo("tok-1.2_3~:");
        assertThat(Cookie.quote("")).isEqualTo("\"\"");
        assertThat(Cookie.quote("a\r\nb")).isEqualTo("\"a\\015\\012b\"");
    }

    @Test
    void encodedSlashStaysInItsSegmentAndDecodingIsLenient() throws Exception {
        Application app = new Application();
        // add_route("*", "/info/{a}/{b:\\d+}", info) answering path, match_info and query
        app.router().get("/info/{a}/{b:\\d+}", r -> Response.text(
                r.path() + "|" + r.rawPath() + "|" + r.matchInfo() + "|" + r.query().getAll("x") + r.query().getAll("y")));
        app.router().get("/files/{name:.*}", r -> Response.text(r.matchInfo("name")));
        TestServer.run(app, (runner, port) -> {
            assertThat(get(port, "/info/a%2Fb/1").text()).isEqualTo("/info/a/b/1|/info/a%2Fb/1|{a=a/b, b=1}|[][]");
            assertThat(get(port, "/info/x%20y/12").text()).isEqualTo("/info/x y/12|/info/x%20y/12|{a=x y, b=12}|[][]");
            assertThat(get(port, "/info/a%zz/1").text()).isEqualTo("/info/a%zz/1|/info/a%zz/1|{a=a%zz, b=1}|[][]");
            assertThat(get(port, "/info/%E9/1").text()).isEqualTo("/info/%E9/1|/info/%E9/1|{a=%E9, b=1}|[][]");
            assertThat(get(port, "/info/caf%C3%A9/1?x=%zz&y=%E9&y=a+b%2B").text())
                    .isEqualTo("/info/caf\u00e9/1|/info/caf%C3%A9/1|{a=caf\u00e9, b=1}|[%zz][\uFFFD, a b+]");
            assertThat(get(port, "/files/a%2Fb%252F").text()).isEqualTo("a/b%2F");
        });
    }

    @Test
    void hooksCleanupContextsAndSubapplicationsRunInAiohttpsOrder() throws Exception {
        // the same registrations on aiohttp 3.8 gave exactly this order
        List<String> ev = new ArrayList<>();
        Application app = new Application();
        Application sub = new Application();
        app.onStartup(a -> ev.add("s1")).onCleanup(a -> ev.add("c1")).onShutdown(a -> ev.add("d1"));
        app.cleanupCtx(ctx(ev, "x1"));
        sub.onStartup(a -> ev.add("sub-s")).onCleanup(a -> ev.add("sub-c")).onShutdown(a -> ev.add("sub-d"));
        sub.cleanupCtx(ctx(ev, "subx"));
        app.addSubapp("/sub", sub);
        app.onStartup(a -> ev.add("s2")).onCleanup(a -> ev.add("c2")).onShutdown(a -> ev.add("d2"));
        app.cleanupCtx(ctx(ev, "x2"));
        TestServer.run(app, (runner, port) -> ev.add("running"));
        assertThat(ev).containsExactly("x1-enter", "x2-enter", "s1", "subx-enter", "sub-s", "s2", "running",
                "d1", "sub-d", "d2", "x2-exit", "x1-exit", "c1", "subx-exit", "sub-c", "c2");
    }

    private static Application.CleanupContext ctx(List<String> ev, String name) {
        return a -> {
            ev.add(name + "-enter");
            return () -> ev.add(name + "-exit");
        };
    }

    @Test
    void requestTextFindsCharsetsByTheirPythonNames() throws Exception {
        Application app = new Application();
        app.router().post("/text", r -> Response.text(r.text()));                // web.Response(text=await req.text())
        TestServer.run(app, (runner, port) -> {
            String head = "POST /text" + H + "Content-Type: text/plain; charset=latin-1\r\nContent-Length: 4\r\n\r\n";
            assertThat(RawClient.request(port, head + "caf\u00e9").text())   // RawClient sends ISO-8859-1
                    .isEqualTo("caf\u00e9");
        });
    }

    @Test
    void aPeersCloseIsAnsweredWith1000AndAReturningHandlerCloses() throws Exception {
        // aiohttp: the client closing with 4000 gets 1000 back (its close_code), the handler sees 4000
        List<Future<String>> seen = new ArrayList<>();
        Application app = new Application();
        app.router().get("/ws", r -> {
            WebSocketResponse ws = new WebSocketResponse();
            ws.prepare(r);
            WebSocketMessage m = ws.receive();
            seen.getFirst().setResult(m.type() + " " + m.code() + " " + ws.connection().closeCode());
            return ws;
        });
        app.router().get("/noclose", r -> new WebSocketResponse().prepare(r));
        TestServer.run(app, (runner, port) -> {
            seen.add(EventLoop.current().createFuture());
            WebSocketConnection c = WebSocketClient.connect("ws://127.0.0.1:" + port + "/ws");
            assertThat(c.close(4000, "bye")).isTrue();
            assertThat(c.closeCode()).isEqualTo(1000);
            assertThat(c.close()).isFalse();                                  // already closed
            assertThatThrownBy(() -> c.sendStr("late")).isInstanceOf(java.net.SocketException.class);
            assertThat(seen.getFirst().await()).isEqualTo("CLOSE 4000 4000");
            WebSocketConnection nc = WebSocketClient.connect("ws://127.0.0.1:" + port + "/noclose");
            WebSocketMessage m = nc.receive();
            assertThat(m.type()).isEqualTo(WebSocketMessage.Type.CLOSE);
            assertThat(m.code()).isEqualTo(1000);
        });
    }

    @Test
    void namedRoutesBuildUrlsLikeUrlFor() throws Exception {
        // aiohttp 3.8: add_get(..., name=...) then app.router[name].url_for(**parts)
        Handler h = r -> Response.text(r.app().router().urlFor("user", Map.of("id", r.matchInfo("id"))));
        Application app = new Application();
        app.router().addRoutes(List.of(Router.Route.get("/users/{id}", h).named("user"),
                Router.Route.get("/files/{path:.*}", h).named("file"), Router.Route.get("/about us", h).named("about")));
        app.router().addStatic("/static", java.nio.file.Path.of("."), StaticOptions.DEFAULTS, "st");
        Router r = app.router();
        assertThat(r.urlFor("user", Map.of("id", "a b/c?d%"))).isEqualTo("/users/a%20b/c%3Fd%25");
        assertThat(r.urlFor("file", Map.of("path", "a/b c"))).isEqualTo("/files/a/b%20c");
        assertThat(r.urlFor("about", Map.of())).isEqualTo("/about%20us");
        assertThat(r.urlFor("user", Map.of("id", "1"), Map.of("x", "1 2"))).isEqualTo("/users/1?x=1+2");
        assertThat(r.urlFor("st", Map.of("filename", "a b/c.txt"))).isEqualTo("/static/a%20b/c.txt");
        assertThat(r.names()).containsExactly("user", "file", "about", "st");
        assertThatThrownBy(() -> r.urlFor("user", Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.urlFor("nope", Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.get("/x", h, "user")).hasMessageContaining("Duplicate 'user'");
        assertThatThrownBy(() -> r.get("/y", h, "bad name")).hasMessageContaining("Incorrect route name");
        Application sub = new Application();
        sub.router().get("/stats/{k}", h, "stats");
        app.addSubapp("/admin/", sub);
        assertThat(sub.router().urlFor("stats", Map.of("k", "cpu"))).isEqualTo("/admin/stats/cpu");
        TestServer.run(app, (runner, port) -> {
            assertThat(get(port, "/users/x%20y").text()).isEqualTo("/users/x%20y");
            try (RawClient rc = new RawClient(port)) {
                rc.expect("HEAD");
                rc.send("HEAD /users/1" + H + "\r\n");
                assertThat(rc.next().status()).isEqualTo(200);
            }
        });
    }

    @Test
    void schemeHostUrlAndConditionalHeadersIgnoringForwardedHeaders() throws Exception {
        // aiohttp: scheme http, host from Host (X-Forwarded-* ignored), url absolute, if_modified_since parsed
        Application app = new Application();
        app.router().get("/info", r -> Response.text(r.scheme() + " " + r.secure() + " " + r.host() + " " + r.url()
                + " " + r.ifModifiedSince() + " " + r.ifUnmodifiedSince()));
        TestServer.run(app, (runner, port) -> {
            assertThat(RawClient.request(port, "GET /info?a=1 HTTP/1.1\r\nHost: h.test:81\r\nX-Forwarded-Proto: https\r\n"
                    + "X-Forwarded-Host: evil\r\nForwarded: proto=https;host=evil\r\n"
                    + "If-Modified-Since: Wed, 21 Oct 2015 07:28:00 GMT\r\nIf-Unmodified-Since: junk\r\n\r\n").text())
                    .isEqualTo("http false h.test:81 http://h.test:81/info?a=1 2015-10-21T07:28:00Z null");
            String noHost = RawClient.request(port, "GET /info HTTP/1.0\r\n\r\n").text();
            assertThat(noHost).startsWith("http false ").doesNotContain("null http");
        });
    }

    @Test
    void aHandlersExceptionIs500TextOrHtmlAndClosesTheConnection() throws Exception {
        Application app = new Application();
        app.router().get("/boom", r -> {
            throw new IllegalStateException("expected by the test");
        });
        TestServer.run(app, (runner, port) -> {
            RawClient.Resp text = get(port, "/boom");
            assertThat(text.status()).isEqualTo(500);
            assertThat(text.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(text.header("Connection")).isEqualTo("close");
            assertThat(text.text()).isEqualTo("500 Internal Server Error\n\nServer got itself in trouble");
            RawClient.Resp html = RawClient.request(port, "GET /boom" + H + "Accept: text/html,*/*\r\n\r\n");
            assertThat(html.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
            assertThat(html.text()).isEqualTo("<html><head><title>500 Internal Server Error</title></head><body>\n"
                    + "<h1>500 Internal Server Error</h1>\nServer got itself in trouble\n</body></html>\n");
        });
    }

    @Test
    void compressionPrefersDeflateLikeAiohttpAndCanBeForced() throws Exception {
        // aiohttp 3.8: Response(text=...).enable_compression() answers "gzip, deflate" with deflate
        String big = "hello".repeat(100);
        Application app = new Application();
        app.router().get("/c", r -> Response.text(big).enableCompression());
        app.router().get("/gz", r -> Response.text(big).enableCompression("gzip"));
        app.router().get("/html", r -> Response.text("<b>", "text/html"));     // Response(text=, content_type=)
        TestServer.run(app, (runner, port) -> {
            assertThat(RawClient.request(port, "GET /c" + H + "Accept-Encoding: gzip, deflate\r\n\r\n")
                    .header("Content-Encoding")).isEqualTo("deflate");
            assertThat(RawClient.request(port, "GET /c" + H + "Accept-Encoding: gzip\r\n\r\n")
                    .header("Content-Encoding")).isEqualTo("gzip");
            assertThat(get(port, "/c").header("Content-Encoding")).isNull();
            assertThat(get(port, "/gz").header("Content-Encoding")).isEqualTo("gzip");
            assertThat(get(port, "/html").header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        });
    }

    @Test
    void anUnknownExpectationIs417() throws Exception {
        Application app = new Application();
        app.middleware((r, next) -> Response.text("middleware"));   // aiohttp refuses before the middlewares
        app.router().get("/ok", r -> Response.text("ok"));
        TestServer.run(app, (runner, port) -> {
            RawClient.Resp r = RawClient.request(port, "GET /ok" + H + "Expect: foo\r\n\r\n");
            assertThat(r.status()).isEqualTo(417);
            assertThat(r.text()).isEqualTo("Unknown Expect: foo");
            assertThat(RawClient.request(port, "GET /ok HTTP/1.0\r\nExpect: foo\r\n\r\n").text()).isEqualTo("middleware");
        });
    }

    @Test
    void fileResponsesTakeTheirTypeFromPythonsMimetypesWithoutCharset(@TempDir java.nio.file.Path dir) throws Exception {
        for (String n : new String[] {"a.txt", "b.html", "c.ico", "d.unknownext"}) java.nio.file.Files.writeString(dir.resolve(n), "x");
        Application app = new Application();
        app.router().addStatic("/s", dir);
        TestServer.run(app, (runner, port) -> {
            assertThat(get(port, "/s/a.txt").header("Content-Type")).isEqualTo("text/plain");
            assertThat(get(port, "/s/b.html").header("Content-Type")).isEqualTo("text/html");
            assertThat(get(port, "/s/c.ico").header("Content-Type")).isEqualTo("image/vnd.microsoft.icon");
            assertThat(get(port, "/s/d.unknownext").header("Content-Type")).isEqualTo("application/octet-stream");
        });
    }

    @Test
    void onResponsePrepareSeesEveryResponse() throws Exception {
        Application app = new Application();
        app.onResponsePrepare((req, resp) -> resp.headers().add("X-Hook", "outer"));
        app.router().get("/ok", r -> Response.text("ok"));
        app.router().get("/stream", r -> {
            StreamResponse s = new StreamResponse();
            s.prepare(r);
            s.write("x");
            return s;
        });
        app.router().get("/boom", r -> {
            throw new IllegalStateException("expected by the test");
        });
        Application sub = new Application();
        sub.onResponsePrepare((req, resp) -> resp.headers().add("X-Hook", "sub"));
        sub.router().get("/x", r -> Response.text("x"));
        app.addSubapp("/sub", sub);
        TestServer.run(app, (runner, port) -> {
            for (String p : new String[] {"/ok", "/stream", "/boom", "/nope"}) {
                assertThat(get(port, p).head().headers().getAll("X-Hook")).as(p).containsExactly("outer");
            }
            assertThat(get(port, "/sub/x").head().headers().getAll("X-Hook")).containsExactly("outer", "sub");
        });
    }

    @Test
    void theBodyIsKeptForLaterReadsAndCanReadBodyTurnsFalse() throws Exception {
        // aiohttp: read() stores the body, so text() and json() after it see it again
        Application app = new Application();
        app.router().post("/twice", r -> {
            boolean before = r.canReadBody();
            int n = r.read().length;
            return Response.text(before + " " + n + " " + r.read().length + " " + r.text() + " " + r.json().get("a")
                    + " " + r.canReadBody() + " " + r.hasBody());
        });
        app.router().get("/none", r -> Response.text(r.canReadBody() + " " + r.hasBody()));
        TestServer.run(app, (runner, port) -> {
            assertThat(RawClient.request(port, "POST /twice" + H + "Content-Length: 7\r\n\r\n{\"a\":1}").text())
                    .isEqualTo("true 7 7 {\"a\":1} 1 false true");
            assertThat(get(port, "/none").text()).isEqualTo("false false");
        });
    }

    @Test
    void jsonIsWrittenAsPythonsJsonDumps() throws Exception {
        // aiohttp: web.json_response({"a": 1, "b": [1, 2, [], {}], "c": "h\u00e9\U0001F600", "d": None})
        Map<String, Object> doc = new java.util.LinkedHashMap<>();
        doc.put("a", 1);
        doc.put("b", List.of(1, 2, List.of(), Map.of()));
        doc.put("c", "h\u00e9\uD83D\uDE00");
        doc.put("d", null);
        Application app = new Application();
        app.router().get("/j", r -> Response.json(doc));
        TestServer.run(app, (runner, port) -> {
            RawClient.Resp r = get(port, "/j");
            assertThat(r.text()).isEqualTo("{\"a\": 1, \"b\": [1, 2, [], {}], \"c\": \"h\\u00e9\\ud83d\\ude00\", \"d\": null}");
            assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        });
    }

    @Test
    void remoteIsTheIpAsText() throws Exception {
        // Python's inet_ntop, which request.remote shows
        for (String[] c : new String[][] {{"::1", "::1"}, {"0:0:0:0:0:0:0:0", "::"}, {"1:0:0:0:0:0:0:0", "1::"},
                {"2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"}, {"2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"},
                {"fe80:0:0:0:0:0:0:1", "fe80::1"}, {"10.0.0.1", "10.0.0.1"}}) {
            assertThat(Request.ipText(java.net.InetAddress.getByName(c[0]))).as(c[0]).isEqualTo(c[1]);
        }
        Application app = new Application();
        app.router().get("/r", r -> Response.text(r.remote()));
        TestServer.run(app, (runner, port) ->
                assertThat(RawClient.request(port, "GET /r" + H + "X-Forwarded-For: 1.2.3.4\r\n\r\n").text()).isEqualTo("127.0.0.1"));
    }

    @Test
    void streamResponsePrepareWriteWriteEofRules() throws Exception {
        // aiohttp: write() before prepare() and after write_eof() raise RuntimeError; prepare() and
        // write_eof() again are no-ops; the status cannot change once the head is sent
        StringBuilder seen = new StringBuilder();
        Application app = new Application();
        app.router().get("/s", r -> {
            StreamResponse s = new StreamResponse();
            try {
                s.write("x");
            } catch (IllegalStateException e) {
                seen.append("early ");
            }
            s.prepare(r);
            assertThat(s.prepare(r)).isSameAs(s);
            try {
                s.status(201);
            } catch (IllegalStateException e) {
                seen.append("status ");
            }
            s.write("a");
            s.writeEof();
            s.writeEof();
            try {
                s.write("b");
            } catch (IllegalStateException e) {
                seen.append("late");
            }
            return s;
        });
        TestServer.run(app, (runner, port) -> {
            RawClient.Resp r = get(port, "/s");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("a");
            assertThat(seen).hasToString("early status late");
        });
    }
}
