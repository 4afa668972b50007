package io.asyncio4j.http.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trustEnv}: proxies from an injected environment (and, once, from a child JVM's real one),
 * through the asyncio CONNECT/absolute-form proxy peer to the aiohttp server peer; the variable and
 * {@code no_proxy} rules checked against Python's own urllib functions.
 */
@Timeout(60)
class TrustEnvTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static PythonPeer server;
    static PythonPeer proxy;

    @BeforeAll
    static void start() throws Exception {
        server = new PythonPeer("aiohttp_server.py");
        proxy = new PythonPeer("proxy.py");
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) proxy.close();
        if (server != null) server.close();
    }

    static String proxyUrl() {
        return "http://user:s%40cret@127.0.0.1:" + proxy.port;
    }

    static ClientSession.Options env(Map<String, String> vars) {
        return new ClientSession.Options().trustEnv(true).environment(() -> vars);
    }

    static String stats(ClientSession s) throws Exception {
        return s.get("http://proxy.stats/", new RequestOptions().proxy(proxyUrl())).text();
    }

    static int absoluteCount(ClientSession s) throws Exception {
        return Integer.parseInt(stats(s).split(" ")[1]);
    }

    @Test
    void httpProxyFromTheEnvironmentWithCredentialsAndNoProxy() throws Exception {
        String origin = "http://origin.test:" + server.port; // resolvable only by the proxy
        Map<String, String> vars = Map.of("http_proxy", proxyUrl(),
                "no_proxy", "localhost, .internal.test,127.0.0.1:" + server.port);
        ConnectionPoolTest.withSession(env(vars), s -> {
            int before = absoluteCount(s);
            JsonNode e = s.get(origin + "/echo?x=1").json();
            assertThat(e.get("headers").get("X-Proxied").asText()).isEqualTo("absolute");
            assertThat(e.get("headers").get("X-Proxy-Auth-Seen").asText())
                    .isEqualTo("Basic " + Base64.getEncoder().encodeToString("user:s@cret".getBytes(StandardCharsets.UTF_8)));
            // no_proxy: a host:port entry and a plain host go direct
            assertThat(s.get(server.url("/echo")).json().get("headers").has("X-Proxied")).isFalse();
            assertThat(s.get("http://localhost:" + server.port + "/echo").json().get("headers").has("X-Proxied")).isFalse();
            // the proxy is chosen per URL: a redirect from a proxied host to a no_proxy one goes direct
            JsonNode r = s.get(origin + "/redirect/302?to=" + server.url("/echo")).json();
            assertThat(r.get("headers").has("X-Proxied")).isFalse();
            assertThat(absoluteCount(s) - before).isEqualTo(2); // the echo and the redirect, nothing else
        });
    }

    @Test
    void offByDefaultAndAnExplicitProxyWins() throws Exception {
        int dead;
        try (ServerSocket ss = new ServerSocket(0)) {
            dead = ss.getLocalPort(); // closed again: connections there are refused
        }
        Map<String, String> vars = Map.of("HTTP_PROXY", "http://127.0.0.1:" + dead);
        // without trustEnv the environment is not looked at
        ConnectionPoolTest.withSession(new ClientSession.Options().environment(() -> vars), s ->
                assertThat(s.get(server.url("/echo")).json().get("headers").has("X-Proxied")).isFalse());
        ConnectionPoolTest.withSession(env(vars), s -> {
            assertThatThrownBy(() -> s.get(server.url("/echo"))).isInstanceOf(ClientConnectorError.class)
                    .hasMessageContaining(Integer.toString(dead));
            JsonNode e = s.get("http://origin.test:" + server.port + "/echo", new RequestOptions().proxy(proxyUrl())).json();
            assertThat(e.get("headers").get("X-Proxied").asText()).isEqualTo("absolute");
        });
        // no_proxy=* bypasses everything; an https:// proxy URL is ignored (not supported, as in aiohttp)
        ConnectionPoolTest.withSession(env(Map.of("HTTP_PROXY", "http://127.0.0.1:" + dead, "NO_PROXY", "*")), s ->
                assertThat(s.get(server.url("/echo")).status()).isEqualTo(200));
        ConnectionPoolTest.withSession(env(Map.of("http_proxy", "https://127.0.0.1:" + dead)), s ->
                assertThat(s.get(server.url("/echo")).status()).isEqualTo(200));
    }

    @Test
    void httpsProxyServesHttpsUrlsOnly() throws Exception {
        // TlsClientTest.httpsProxyFromTheEnvironment sends https through it; here: http stays direct
        Map<String, String> vars = Map.of("HTTPS_PROXY", "127.0.0.1:" + proxy.port); // no scheme: http://
        ConnectionPoolTest.withSession(env(vars), s -> {
            assertThat(s.get(server.url("/echo")).json().get("headers").has("X-Proxied")).isFalse();
            assertThat(ProxyEnvironment.of(vars, null).proxyFor(java.net.URI.create("https://origin.test/")))
                    .isEqualTo(java.net.URI.create("http://127.0.0.1:" + proxy.port));
        });
    }

    // ------------------------------------------------------------ the rules, against Python's urllib

    private static String python(Map<String, String> environment, String script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "-c", script));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().clear();
        pb.environment().putAll(environment);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void noProxyMatchesPythonsProxyBypassEnvironment() throws Exception {
        List<String> noProxies = List.of("example.com", ".example.com", "EXAMPLE.com , other.org", "*", " *", "*.example.com",
                "127.0.0.1", "0.0.1", "127.0.0.1:8080", "localhost:8080,internal", "...example.com", "", ",,", "192.168.1.0/24",
                "[::1]", "::1");
        List<String> hosts = List.of("example.com", "a.example.com", "a.b.EXAMPLE.com", "badexample.com", "example.com:8080",
                "other.org", "x.other.org", "127.0.0.1", "127.0.0.1:8080", "127.0.0.1:9090", "localhost", "localhost:8080",
                "localhost:9090", "internal", "x.internal", "internal:1", "192.168.1.7", "[::1]", "[::1]:80");
        List<List<String>> cases = new ArrayList<>();
        StringBuilder ours = new StringBuilder();
        for (String np : noProxies) {
            for (String h : hosts) {
                cases.add(List.of(np, h));
                ours.append(ProxyEnvironment.bypass(h, np)).append('\n');
            }
        }
        String theirs = python(Map.of(), """
                import json, sys, urllib.request
                for np, host in json.loads(sys.argv[1]):
                    print('true' if urllib.request.proxy_bypass_environment(host, {'no': np}) else 'false')
                """, JSON.writeValueAsString(cases));
        List<String> want = theirs.lines().toList();
        List<String> got = ours.toString().lines().toList();
        for (int i = 0; i < cases.size(); i++) {
            assertThat(got.get(i)).as("no_proxy=%s host=%s", cases.get(i).get(0), cases.get(i).get(1)).isEqualTo(want.get(i));
        }
        assertThat(got).hasSameSizeAs(want);
    }

    @Test
    void variablesMatchPythonsGetproxiesEnvironment() throws Exception {
        List<Map<String, String>> envs = List.of(
                Map.of("HTTP_PROXY", "http://upper:1", "http_proxy", "http://lower:2"),
                Map.of("HTTP_PROXY", "http://upper:1", "http_proxy", ""),
                Map.of("Http_Proxy", "http://mixed:1", "HTTPS_PROXY", "http://s:3", "NO_PROXY", "a,b"),
                Map.of("HTTP_PROXY", "http://cgi:1", "REQUEST_METHOD", "GET", "HTTPS_PROXY", "http://s:3"),
                Map.of("http_proxy", "http://lower:2", "REQUEST_METHOD", "GET", "no_proxy", "x", "NO_PROXY", "y"),
                Map.of("HTTP_PROXY", "", "https_proxy", "http://s:3", "ftp_proxy", "ftp://f"));
        for (Map<String, String> e : envs) {
            String theirs = python(e, """
                    import json, urllib.request
                    print(json.dumps(urllib.request.getproxies_environment(), sort_keys=True))
                    """);
            Map<String, String> ours = new TreeMap<>(ProxyEnvironment.getproxies(e));
            assertThat(JSON.readTree(theirs)).as(e.toString()).isEqualTo(JSON.valueToTree(ours));
        }
    }

    @Test
    void netrcCredentialsForTheProxyAndTheOrigin(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve(".netrc"), """
                # proxy and origin credentials
                machine 127.0.0.1 login proxyuser password "proxy pw"
                machine origin.test
                    login alice
                    password wonder\\land
                """);
        Path other = Files.writeString(home.resolve("other-netrc"), "default login bob password builder\n");
        Map<String, String> vars = Map.of("HOME", home.toString(), "http_proxy", "http://127.0.0.1:" + proxy.port);
        String origin = "http://origin.test:" + server.port + "/echo";
        ConnectionPoolTest.withSession(env(vars), s -> {
            JsonNode h = s.get(origin).json().get("headers");
            assertThat(h.get("X-Proxy-Auth-Seen").asText()).isEqualTo(basic("proxyuser:proxy pw"));
            assertThat(h.get("Authorization").asText()).isEqualTo(basic("alice:wonderland")); // a backslash escapes
            // the request's own credentials win
            h = s.get(origin, new RequestOptions().basicAuth("me", "mine")).json().get("headers");
            assertThat(h.get("Authorization").asText()).isEqualTo(basic("me:mine"));
            // no entry and no default: nothing
            assertThat(s.get("http://localhost:" + server.port + "/echo").json().get("headers").has("Authorization")).isFalse();
        });
        // NETRC names the file; its default entry covers every host, the proxy too
        ConnectionPoolTest.withSession(env(Map.of("NETRC", other.toString(), "HOME", home.toString(),
                "http_proxy", "http://127.0.0.1:" + proxy.port)), s -> {
            JsonNode h = s.get(origin).json().get("headers");
            assertThat(h.get("X-Proxy-Auth-Seen").asText()).isEqualTo(basic("bob:builder"));
            assertThat(h.get("Authorization").asText()).isEqualTo(basic("bob:builder"));
        });
        // without trustEnv .netrc is not read
        ConnectionPoolTest.withSession(new ClientSession.Options().environment(() -> vars), s ->
                assertThat(s.get(server.url("/echo")).json().get("headers").has("Authorization")).isFalse());
    }

    static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void netrcParsesLikePythonsNetrcModule(@TempDir Path dir) throws Exception {
        List<String> files = List.of(
                "machine a login u password p\nmachine b login v password q account x\ndefault login d password dp\n",
                "machine a login first password 1\nmachine a login second password 2\n",
                "machine a account acct password p\n",
                "machine a user u password \"quoted pass\" # comment\n# full line\nmachine b login w\\ x password y\n",
                "#comment-without-space\nmachine a login u password p\n",
                "macdef init\ncd /pub\nbinary\n\nmachine a login u password p\n",
                "macdef init\nno terminator\n",
                "machine a login u password p extra\n",
                "machine\n",
                "machine a\nmachine b login v password w\n",
                "default password only\n",
                "machine \"with space\" login \"a\\\"b\" password p\n");
        List<String> hosts = List.of("a", "b", "with space", "zzz");
        StringBuilder ours = new StringBuilder();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path f = Files.writeString(dir.resolve("netrc" + i), files.get(i));
            paths.add(f.toString());
            Netrc n;
            try {
                n = Netrc.parse(files.get(i));
            } catch (IllegalArgumentException e) {
                ours.append(i).append(" error\n");
                continue;
            }
            for (String h : hosts) {
                Netrc.Credentials c = n.lookup(h);
                ours.append(i).append(' ').append(h).append(' ').append(c == null ? "None" : c.login() + "|" + c.password()).append('\n');
            }
        }
        String theirs = python(Map.of(), """
                import json, netrc, sys
                hosts = ['a', 'b', 'with space', 'zzz']
                for i, path in enumerate(json.loads(sys.argv[1])):
                    try:
                        n = netrc.netrc(path)
                    except netrc.NetrcParseError:
                        print(i, 'error')
                        continue
                    for h in hosts:
                        a = n.authenticators(h)
                        print(i, h, 'None' if a is None else (a[0] or a[1]) + '|' + a[2])
                """, JSON.writeValueAsString(paths));
        assertThat(ours.toString()).isEqualTo(theirs);
    }

    // ------------------------------------------------------------ a real environment, in a child JVM

    /** The child: a session with trustEnv and the process's real environment; prints what reached the origin. */
    public static void main(String[] args) throws Exception {
        io.asyncio4j.Asyncio.run((io.asyncio4j.VoidCoroutine) () -> {
            try (ClientSession s = new ClientSession(new ClientSession.Options().trustEnv(true))) {
                JsonNode e = s.get(args[0]).json();
                System.out.println("proxied=" + e.get("headers").path("X-Proxied").asText("no")
                        + " auth=" + e.get("headers").path("X-Proxy-Auth-Seen").asText("none"));
            }
        });
    }

    @Test
    void aChildJvmReadsItsRealEnvironment() throws Exception {
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        List<String> cmd = new ArrayList<>(List.of(java, "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), TrustEnvTest.class.getName(),
                "http://origin.test:" + server.port + "/echo"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.toLowerCase().endsWith("_proxy"));
        pb.environment().put("HTTP_PROXY", "http://child:pw@127.0.0.1:" + proxy.port);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(40, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as(out).contains("proxied=absolute auth=Basic "
                + Base64.getEncoder().encodeToString("child:pw".getBytes(StandardCharsets.UTF_8)));
    }
}
