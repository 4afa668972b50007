package io.asyncio4j.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RoutingTest {
    private static final String H = " HTTP/1.1\r\nHost: x\r\n";

    @Test
    @Timeout(20)
    void routesParamsNotFoundMethodNotAllowed() throws Exception {
        Application app = new Application();
        app.router().get("/", r -> Response.text("root"));
        app.router().get("/users/{id:\\d+}", r -> Response.text("user " + r.matchInfo("id")));
        app.router().get("/files/{name}/{ext:[a-z]{2,4}}", r -> Response.text(r.matchInfo("name") + "." + r.matchInfo("ext")));
        app.router().post("/users", r -> Response.json(Map.of("created", r.json().get("name").asText())).status(201));
        app.router().route("*", "/any", r -> Response.text("any " + r.method()));
        app.router().get("/q", r -> Response.text(r.query().getAll("a") + " " + r.query().get("b") + " " + r.cookie("c")));
        app.router().get("/cookie", r -> Response.text("ok").setCookie(Cookie.of("s", "v1").httpOnly(true).sameSite("Lax")));
        app.router().post("/form", r -> Response.text(r.post().get("x") + "|" + r.post().getAll("y")));
        TestServer.run(app, (runner, port) -> {
            assertThat(RawClient.request(port, "GET /" + H + "\r\n").text()).isEqualTo("root");
            assertThat(RawClient.request(port, "GET /users/42" + H + "\r\n").text()).isEqualTo("user 42");
            assertThat(RawClient.request(port, "GET /users/abc" + H + "\r\n").status()).isEqualTo(404);
            assertThat(RawClient.request(port, "GET /files/a/txt" + H + "\r\n").text()).isEqualTo("a.txt");
            RawClient.Resp r405 = RawClient.request(port, "DELETE /users/7" + H + "\r\n");
            assertThat(r405.status()).isEqualTo(405);
            assertThat(r405.header("Allow")).contains("GET").contains("HEAD");
            RawClient.Resp created = RawClient.request(port, "POST /users" + H + "Content-Type: application/json\r\nContent-Length: 14\r\n\r\n{\"name\":\"bob\"}");
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.text()).isEqualTo("{\"created\": \"bob\"}");
            assertThat(RawClient.request(port, "PATCH /any" + H + "\r\n").text()).isEqualTo("any PATCH");
            assertThat(RawClient.request(port, "GET /q?a=1&a=2&b=%20x+y" + H + "Cookie: c=cv; d=e\r\n\r\n").text())
                    .isEqualTo("[1, 2]  x y cv");
            RawClient.Resp c = RawClient.request(port, "GET /cookie" + H + "\r\n");
            assertThat(c.header("Set-Cookie")).isEqualTo("s=v1; HttpOnly; Path=/; SameSite=Lax");
            assertThat(RawClient.request(port, "POST /form" + H
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 15\r\n\r\nx=a+b&y=1&y=%32").text())
                    .isEqualTo("a b|[1, 2]");
            try (RawClient rc = new RawClient(port)) {
                rc.expect("HEAD");
                rc.send("HEAD /" + H + "\r\n");
                RawClient.Resp h = rc.next();
                assertThat(h.status()).isEqualTo(200);
                assertThat(h.header("Content-Length")).isEqualTo("4");
                assertThat(h.body()).isEmpty();
                rc.send("GET /" + H + "\r\n");
                assertThat(rc.next().text()).isEqualTo("root");
            }
            assertThat(RawClient.request(port, "POST /users" + H + "Content-Length: 3\r\n\r\n{x}").status()).isEqualTo(400);
        });
    }

    @Test
    @Timeout(20)
    void middlewaresSubappsHooksAndErrors() throws Exception {
        List<String> events = new ArrayList<>();
        Application app = new Application();
        app.middleware((r, next) -> {
            events.add("outer-before " + r.path());
            try {
                StreamResponse resp = next.handle(r);
                resp.headers().set("X-Outer", "1");
                return resp;
            } catch (HttpException e) {
                if (e.status() == 404) return Response.text("custom 404").status(404);
                throw e;
            } finally {
                events.add("outer-after");
            }
        });
        app.middleware((r, next) -> {
            r.state().put("user", "alice");
            return next.handle(r);
        });
        app.router().get("/me", r -> Response.text("me " + r.state().get("user")));
        app.router().get("/boom", r -> {
            throw new IllegalStateException("boom");
        });
        app.router().get("/teapot", r -> {
            throw new HttpException(418, "short and stout");
        });
        Application admin = new Application();
        admin.middleware((r, next) -> {
            StreamResponse resp = next.handle(r);
            resp.headers().set("X-Admin", "yes");
            return resp;
        });
        admin.router().get("/stats/{k}", r -> Response.text("stats " + r.matchInfo("k") + " " + (r.app() == admin)));
        app.addSubapp("/admin", admin);
        app.onStartup(a -> events.add("startup"));
        admin.onStartup(a -> events.add("sub-startup"));
        app.onShutdown(a -> events.add("shutdown"));
        app.onCleanup(a -> events.add("cleanup"));
        TestServer.run(app, (runner, port) -> {
            RawClient.Resp me = RawClient.request(port, "GET /me" + H + "\r\n");
            assertThat(me.text()).isEqualTo("me alice");
            assertThat(me.header("X-Outer")).isEqualTo("1");
            RawClient.Resp nf = RawClient.request(port, "GET /nope" + H + "\r\n");
            assertThat(nf.status()).isEqualTo(404);
            assertThat(nf.text()).isEqualTo("custom 404");
            assertThat(RawClient.request(port, "GET /boom" + H + "\r\n").status()).isEqualTo(500);
            RawClient.Resp tea = RawClient.request(port, "GET /teapot" + H + "\r\n");
            assertThat(tea.status()).isEqualTo(418);
            assertThat(tea.text()).isEqualTo("short and stout");
            RawClient.Resp st = RawClient.request(port, "GET /admin/stats/cpu" + H + "\r\n");
            assertThat(st.text()).isEqualTo("stats cpu true");
            assertThat(st.header("X-Admin")).isEqualTo("yes");
            assertThat(st.header("X-Outer")).isEqualTo("1");
        });
        assertThat(events).startsWith("sub-startup", "startup").contains("outer-before /me", "outer-after")
                .endsWith("shutdown", "cleanup");
    }

    @Test
    @Timeout(10)
    void accessLogFormat() {
        AccessLogger log = new AccessLogger("%a \"%r\" %s %b %{User-Agent}i %{X-Y}o");
        assertThat(log).isNotNull();
    }
}
