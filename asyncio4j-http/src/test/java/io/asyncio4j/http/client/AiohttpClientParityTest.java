package io.asyncio4j.http.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.VoidCoroutine;
import io.asyncio4j.http.server.AppRunner;
import io.asyncio4j.http.server.Application;
import io.asyncio4j.http.server.HttpServerConfig;
import io.asyncio4j.http.server.Response;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Pins the client's documented aiohttp (3.9+) behaviour for responses: how {@code text()} picks and
 * applies the charset and when {@code json()} accepts the content type. The peer is our server
 * sending exact bytes and headers.
 */
@Timeout(30)
class AiohttpClientParityTest {
    interface Body {
        void run(ClientSession s, String base) throws Exception;
    }

    private static void withServer(Application app, Body body) throws Exception {
        Asyncio.run((VoidCoroutine) () -> {
            AppRunner runner = new AppRunner(app, new HttpServerConfig().accessLogFormat(null));
            runner.setup();
            runner.start("127.0.0.1", 0);
            try (ClientSession s = new ClientSession()) {
                body.run(s, "http://127.0.0.1:" + runner.port());
            } finally {
                runner.cleanup();
            }
        });
    }

    private static void bytes(Application app, String path, byte[] body, String contentType) {
        app.router().get(path, r -> new Response(body, null).header("Content-Type", contentType));
    }

    @Test
    void textUsesTheCharsetAsPythonNamesItElseStrictUtf8() throws Exception {
        Application app = new Application();
        bytes(app, "/latin", "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1), "text/plain; charset=latin-1");
        bytes(app, "/quoted", "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1), "text/plain; charset=\"ISO_8859_1\"");
        bytes(app, "/bogus", "caf\u00e9".getBytes(StandardCharsets.UTF_8), "text/plain; charset=bogus");
        bytes(app, "/none", "caf\u00e9".getBytes(StandardCharsets.UTF_8), "text/plain");
        bytes(app, "/bom", "\uFEFFhi".getBytes(StandardCharsets.UTF_8), "text/plain");
        bytes(app, "/invalid", "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1), "text/plain");
        withServer(app, (s, base) -> {
            assertThat(s.get(base + "/latin").text()).isEqualTo("caf\u00e9");
            assertThat(s.get(base + "/quoted").text()).isEqualTo("caf\u00e9");
            assertThat(s.get(base + "/bogus").text()).isEqualTo("caf\u00e9");   // unknown charset: the UTF-8 fallback
            assertThat(s.get(base + "/none").text()).isEqualTo("caf\u00e9");
            assertThat(s.get(base + "/bom").text()).isEqualTo("\uFEFFhi");      // Python's utf-8 codec keeps it
            ClientResponse invalid = s.get(base + "/invalid");                 // UnicodeDecodeError in aiohttp
            assertThatThrownBy(invalid::text).isInstanceOf(CharacterCodingException.class);
            assertThat(invalid.text(StandardCharsets.ISO_8859_1)).isEqualTo("caf\u00e9");
        });
    }

    @Test
    void jsonAcceptsApplicationJsonAndPlusJsonOnly() throws Exception {
        Application app = new Application();
        byte[] doc = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        bytes(app, "/json", doc, "application/json; charset=utf-8");
        bytes(app, "/problem", doc, "application/problem+json");
        bytes(app, "/upper", doc, "Application/JSON");
        bytes(app, "/textjson", doc, "text/json");
        bytes(app, "/plain", doc, "text/plain");
        bytes(app, "/blank", " \r\n".getBytes(StandardCharsets.US_ASCII), "application/json");
        withServer(app, (s, base) -> {
            assertThat(s.get(base + "/json").json().get("a").asInt()).isEqualTo(1);
            assertThat(s.get(base + "/problem").json().get("a").asInt()).isEqualTo(1);
            assertThat(s.get(base + "/upper").json().get("a").asInt()).isEqualTo(1);
            for (String p : new String[] {"/textjson", "/plain"}) {
                ClientResponse r = s.get(base + p);
                assertThatThrownBy(r::json).isInstanceOf(ContentTypeError.class)
                        .hasMessageContaining("Attempt to decode JSON with unexpected mimetype");
                assertThat(r.text()).isEqualTo("{\"a\":1}");                    // aiohttp read the body first
                assertThat(r.json(Object.class, false)).isNotNull();           // content_type=None
            }
            assertThat(s.get(base + "/blank").json()).isNull();
            assertThat(s.connector().idleCount()).isEqualTo(1);
        });
    }

    @Test
    void paramsAreQuotedLikeYarlAndFormBodiesLikeUrlencode() throws Exception {
        // aiohttp 3.8 sent exactly these for params={"p": v, "k y": "1"} and data={"p": v, "k y": "1"}
        String v = "/a b?&=+\u00e9~*!$'(),;:@";
        Application app = new Application();
        app.router().get("/q", r -> Response.text(r.pathQs()));
        app.router().post("/form", r -> Response.text(r.text()));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("p", v);
        fields.put("k y", "1");
        withServer(app, (s, base) -> {
            assertThat(s.get(base + "/q?pre=x", new RequestOptions().params(fields)).text())
                    .isEqualTo("/q?pre=x&p=/a+b?%26%3D%2B%C3%A9~*!$'(),%3B:@&k+y=1");
            assertThat(s.post(base + "/form", new RequestOptions().data(fields)).text())
                    .isEqualTo("p=%2Fa+b%3F%26%3D%2B%C3%A9~%2A%21%24%27%28%29%2C%3B%3A%40&k+y=1");
        });
    }

    @Test
    void urlsAreRequotedLikeYarl() throws Exception {
        // aiohttp 3.8 sent /info/a%20b/1?q=%C3%A9+x&r=a+b&s=A%25zz&t=%5B1%5D for the same string (and
        // decoded %41 to A, which we leave alone)
        Application app = new Application();
        app.router().get("/{p:.*}", r -> Response.text(r.pathQs()));
        app.router().get("/redirect", r -> new Response().status(302).header("Location", "/to here?x=a b"));
        withServer(app, (s, base) -> {
            assertThat(s.get(base + "/a b/\u00e9?q=\u00e9 x&r=a+b&s=%zz&t=[1]#frag").text())
                    .isEqualTo("/a%20b/%C3%A9?q=%C3%A9+x&r=a+b&s=%25zz&t=%5B1%5D");
            assertThat(s.get(base + "/redirect").text()).isEqualTo("/to%20here?x=a+b");
        });
    }

    @Test
    void basicAuthIsLatin1AndCannotBeCombined() throws Exception {
        Application app = new Application();
        app.router().get("/auth", r -> Response.text(String.valueOf(r.header("Authorization"))));
        withServer(app, (s, base) -> {
            String port = base.substring(base.lastIndexOf(':') + 1);
            String latin1 = "Basic " + java.util.Base64.getEncoder().encodeToString("j\u00fcrgen:p+w".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(s.get(base + "/auth", new RequestOptions().basicAuth("j\u00fcrgen", "p+w")).text()).isEqualTo(latin1);
            assertThat(s.get("http://j%C3%BCrgen:p+w@127.0.0.1:" + port + "/auth").text()).isEqualTo(latin1);
            String utf8 = "Basic " + java.util.Base64.getEncoder().encodeToString("j\u00fcrgen:pw".getBytes(StandardCharsets.UTF_8));
            assertThat(s.get(base + "/auth", new RequestOptions().basicAuth("j\u00fcrgen", "pw", StandardCharsets.UTF_8)).text())
                    .isEqualTo(utf8);
            assertThatThrownBy(() -> s.get(base + "/auth", new RequestOptions().basicAuth("a", "b").header("Authorization", "x")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Cannot combine AUTHORIZATION header");
            assertThatThrownBy(() -> s.get("http://u:p@127.0.0.1:" + port + "/auth", new RequestOptions().basicAuth("a", "b")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Cannot combine AUTH argument");
            assertThatThrownBy(() -> new RequestOptions().basicAuth("a:b", "c")).isInstanceOf(IllegalArgumentException.class);
        });
        withServer(app, (ignored, base) -> {
            try (ClientSession s = new ClientSession(new ClientSession.Options().basicAuth("sess", "pw"))) {
                String expected = "Basic " + java.util.Base64.getEncoder().encodeToString("sess:pw".getBytes(StandardCharsets.ISO_8859_1));
                assertThat(s.get(base + "/auth").text()).isEqualTo(expected);
                assertThat(s.get(base + "/auth", new RequestOptions().basicAuth("req", "pw")).text()).contains("Basic ");
            }
        });
    }

    @Test
    void headDoesNotFollowRedirectsButRequestHeadDoes() throws Exception {
        Application app = new Application();
        app.router().get("/from", r -> new Response().status(302).header("Location", "/to"));
        app.router().get("/to", r -> Response.text("here"));
        withServer(app, (s, base) -> {
            try (ClientResponse r = s.head(base + "/from")) {
                assertThat(r.status()).isEqualTo(302);
            }
            try (ClientResponse r = s.request("HEAD", base + "/from", new RequestOptions())) {
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.history()).hasSize(1);
            }
        });
    }

    @Test
    void dataAndJsonTogetherAreRefused() throws Exception {
        withServer(new Application(), (s, base) -> assertThatThrownBy(() -> s.post(base + "/", new RequestOptions().data("x").json(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data and json parameters can not be used at the same time"));
    }

    @Test
    void aCookieHeaderIsMergedWithTheJarsCookies() throws Exception {
        // aiohttp: headers={"Cookie": "a=1; b=2"} with jar cookie b=jar and cookies={"c": "3"} sends one header
        Application app = new Application();
        app.router().get("/set", r -> Response.text("ok").setCookie(io.asyncio4j.http.server.Cookie.of("b", "jar")));
        app.router().get("/c", r -> Response.text(String.join(" | ", r.headers().getAll("Cookie"))));
        withServer(app, (ignored, base) -> {
            try (ClientSession s = new ClientSession(new ClientSession.Options().cookieJar(new CookieJar(true)))) {
                s.get(base + "/set").release();
                assertThat(s.get(base + "/c", new RequestOptions().header("Cookie", "a=1; b=2").cookie("c", "3")).text())
                        .isEqualTo("a=1; b=jar; c=3");
            }
        });
    }

    @Test
    void baseUrlMustBeAbsoluteWithATrailingSlash() throws Exception {
        assertThatThrownBy(() -> new ClientSession.Options().baseUrl("http://h/api")).hasMessageContaining("trailing '/'");
        assertThatThrownBy(() -> new ClientSession.Options().baseUrl("/api/")).hasMessageContaining("absolute");
        Application app = new Application();
        app.router().get("/{p:.*}", r -> Response.text(r.path()));
        withServer(app, (ignored, base) -> {
            try (ClientSession s = new ClientSession(new ClientSession.Options().baseUrl(base + "/api/v1/"))) {
                assertThat(s.get("users").text()).isEqualTo("/api/v1/users");
                assertThat(s.get("/users").text()).isEqualTo("/users");
            }
            try (ClientSession s = new ClientSession(new ClientSession.Options().baseUrl(base))) {
                assertThat(s.get("users").text()).isEqualTo("/users");
            }
        });
    }

    @Test
    void quotedCookiesGoBackAsReceived() throws Exception {
        // aiohttp's set_cookie("s", "a b;c") sends s="a b\073c"; aiohttp's client sends that back as is
        Application app = new Application();
        app.router().get("/set", r -> Response.text("ok").setCookie(io.asyncio4j.http.server.Cookie.of("s", "a b;c")));
        app.router().get("/c", r -> Response.text(r.header("Cookie") + " " + r.cookie("s")));
        withServer(app, (ignored, base) -> {
            try (ClientSession s = new ClientSession(new ClientSession.Options().cookieJar(new CookieJar(true)))) {
                s.get(base + "/set").release();
                assertThat(s.get(base + "/c").text()).isEqualTo("s=\"a b\\073c\" a b;c");
            }
        });
    }
}
