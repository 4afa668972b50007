package io.asyncio4j.http.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.asyncio4j.Asyncio;
import io.asyncio4j.VoidCoroutine;
import io.asyncio4j.http.server.AppRunner;
import io.asyncio4j.http.server.Application;
import io.asyncio4j.http.server.HttpServerConfig;
import io.asyncio4j.http.server.Response;
import io.asyncio4j.net.ServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * https against real peers: aiohttp over ssl (Python), through a CONNECT proxy, and our own server. A throwaway
 * CA and a certificate for localhost/127.0.0.1 are made with /usr/bin/openssl at setup.
 */
@Timeout(60)
class TlsClientTest {
    static Path dir;
    static PythonPeer tls;
    static SSLContext trustCa;
    static SSLContext trustOther;

    @BeforeAll
    static void setUp() throws Exception {
        dir = Files.createTempDirectory("a4j-https-");
        String curve = "ec_paramgen_curve:prime256v1";
        for (String ca : List.of("ca", "other-ca")) {
            openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", curve, "-nodes", "-days", "2",
                    "-subj", "/CN=a4j test " + ca, "-keyout", dir.resolve(ca + ".key").toString(),
                    "-out", dir.resolve(ca + ".crt").toString());
        }
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", curve, "-nodes", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", dir.resolve("server.key").toString(), "-out", dir.resolve("server.csr").toString());
        openssl("x509", "-req", "-in", dir.resolve("server.csr").toString(), "-CA", dir.resolve("ca.crt").toString(),
                "-CAkey", dir.resolve("ca.key").toString(), "-CAcreateserial", "-days", "2", "-copy_extensions", "copy",
                "-out", dir.resolve("server.crt").toString());
        openssl("pkcs12", "-export", "-in", dir.resolve("server.crt").toString(), "-inkey",
                dir.resolve("server.key").toString(), "-out", dir.resolve("server.p12").toString(), "-passout", "pass:pw");
        trustCa = trusting(dir.resolve("ca.crt"));
        trustOther = trusting(dir.resolve("other-ca.crt"));
        tls = new PythonPeer("tls_server.py", dir.resolve("server.crt").toString(), dir.resolve("server.key").toString());
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (tls != null) tls.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static void openssl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IOException("openssl failed: " + cmd + "\n" + out);
    }

    static SSLContext trusting(Path pem) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    interface Body {
        void run(ClientSession s) throws Exception;
    }

    static void withSession(TCPConnector connector, Body body) throws Exception {
        Asyncio.run((VoidCoroutine) () -> {
            try (ClientSession s = new ClientSession(new ClientSession.Options().connector(connector))) {
                body.run(s);
            }
        });
    }

    String url(String host) {
        return "https://" + host + ":" + tls.port + "/info";
    }

    @Test
    void verifiedWithTheRightCaSniAndAlpn() throws Exception {
        withSession(new TCPConnector().sslContext(trustCa), s -> {
            JsonNode j = s.get(url("localhost")).json();
            assertThat(j.get("sni").asText()).isEqualTo("localhost");
            assertThat(j.get("alpn").asText()).isEqualTo("http/1.1"); // the server prefers h2, we offer only http/1.1
            assertThat(j.get("version").asText()).startsWith("TLSv1.");
            // an IP literal: no SNI, checked against the IP SAN
            JsonNode k = s.get(url("127.0.0.1")).json();
            assertThat(k.get("path").asText()).isEqualTo("/info");
            // keep-alive over TLS: the next request reuses the connection
            try (ClientResponse r = s.get(url("localhost"))) {
                assertThat(r.status()).isEqualTo(200);
                r.read();
            }
        });
    }

    @Test
    void untrustedCaFails() throws Exception {
        withSession(new TCPConnector().sslContext(trustOther), s ->
                assertThatThrownBy(() -> s.get(url("localhost")))
                        .isInstanceOf(ClientConnectorCertificateError.class)
                        .isInstanceOf(ClientConnectorSSLError.class)
                        .hasMessageContaining("localhost:" + tls.port)
                        .hasMessageContaining("verifying the certificate"));
        // the default context (the JDK's cacerts) does not know the throwaway CA either
        withSession(new TCPConnector(), s ->
                assertThatThrownBy(() -> s.get(url("localhost"))).isInstanceOf(ClientConnectorCertificateError.class));
    }

    @Test
    void hostNameMismatchFails() throws Exception {
        // wrong.test resolves to 127.0.0.1, but the certificate is for localhost and 127.0.0.1 only
        Resolver pinned = h -> List.of(InetAddress.ofLiteral("127.0.0.1"));
        withSession(new TCPConnector().sslContext(trustCa).resolver(pinned), s ->
                assertThatThrownBy(() -> s.get(url("wrong.test")))
                        .isInstanceOf(ClientConnectorCertificateError.class)
                        .hasMessageContaining("wrong.test"));
        // ssl(false): neither chain nor name is checked (aiohttp's ssl=False)
        withSession(new TCPConnector().ssl(false).resolver(pinned), s ->
                assertThat(s.get(url("wrong.test")).json().get("path").asText()).isEqualTo("/info"));
    }

    @Test
    void plainPeerFailsTheHandshake() throws Exception {
        try (PythonPeer plain = new PythonPeer("aiohttp_server.py")) {
            withSession(new TCPConnector().sslContext(trustCa), s ->
                    assertThatThrownBy(() -> s.get("https://127.0.0.1:" + plain.port + "/hello"))
                            .isInstanceOf(ClientConnectorSSLError.class)
                            .isNotInstanceOf(ClientConnectorCertificateError.class));
        }
    }

    @Test
    void httpsThroughAConnectProxy() throws Exception {
        try (PythonPeer proxy = new PythonPeer("proxy.py")) {
            String proxyUrl = "http://127.0.0.1:" + proxy.port;
            withSession(new TCPConnector().sslContext(trustCa), s -> {
                RequestOptions o = new RequestOptions().proxy(proxyUrl);
                JsonNode j = s.get(url("localhost"), o).json();
                assertThat(j.get("sni").asText()).isEqualTo("localhost");
                assertThat(s.get(url("localhost"), o).json().get("alpn").asText()).isEqualTo("http/1.1");
                assertThat(s.get("http://proxy.stats/", o).text()).startsWith("1 "); // one tunnel, pooled
            });
            // verification happens through the tunnel too
            withSession(new TCPConnector().sslContext(trustOther), s ->
                    assertThatThrownBy(() -> s.get(url("localhost"), new RequestOptions().proxy(proxyUrl)))
                            .isInstanceOf(ClientConnectorCertificateError.class));
        }
    }

    @Test
    void httpsProxyFromTheEnvironment() throws Exception {
        try (PythonPeer proxy = new PythonPeer("proxy.py")) {
            Map<String, String> env = Map.of("HTTPS_PROXY", "http://u:p@127.0.0.1:" + proxy.port, "NO_PROXY", "127.0.0.1");
            Asyncio.run((VoidCoroutine) () -> {
                try (ClientSession s = new ClientSession(new ClientSession.Options().trustEnv(true).environment(() -> env)
                        .connector(new TCPConnector().sslContext(trustCa)))) {
                    assertThat(s.get(url("localhost")).json().get("sni").asText()).isEqualTo("localhost"); // tunnelled
                    assertThat(s.get(url("127.0.0.1")).status()).isEqualTo(200); // NO_PROXY: direct
                    assertThat(s.get("http://proxy.stats/", new RequestOptions().proxy("http://127.0.0.1:" + proxy.port))
                            .text()).startsWith("1 ");
                }
            });
        }
    }

    @Test
    void ourClientAgainstOurHttpsServer() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
            ks.load(in, "pw".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "pw".toCharArray());
        SSLContext serverCtx = SSLContext.getInstance("TLS");
        serverCtx.init(kmf.getKeyManagers(), null, null);
        Application app = new Application();
        app.router().get("/hi", r -> Response.text("hi " + r.transport().getExtraInfo("alpn_protocol")));
        app.router().post("/echo", r -> Response.bytes(r.read(), null));
        app.router().get("/ws", r -> {
            io.asyncio4j.http.server.WebSocketResponse ws = new io.asyncio4j.http.server.WebSocketResponse();
            ws.prepare(r);
            for (io.asyncio4j.http.websocket.WebSocketMessage m : ws) {
                if (m.type() == io.asyncio4j.http.websocket.WebSocketMessage.Type.TEXT) {
                    ws.sendStr("secure " + m.text());
                }
            }
            return ws;
        });
        Asyncio.run((VoidCoroutine) () -> {
            AppRunner runner = new AppRunner(app, new HttpServerConfig().accessLogFormat(null));
            runner.setup();
            runner.start("127.0.0.1", 0, new ServerOptions().ssl(serverCtx).applicationProtocols("http/1.1"));
            try (ClientSession s = new ClientSession(new ClientSession.Options()
                    .connector(new TCPConnector().sslContext(trustCa)))) {
                String base = "https://localhost:" + runner.port();
                assertThat(s.get(base + "/hi").text()).isEqualTo("hi http/1.1");
                byte[] big = new byte[900 * 1024]; // under the server's 1 MiB body limit
                new java.util.Random(1).nextBytes(big);
                try (ClientResponse r = s.post(base + "/echo", new RequestOptions().data(big))) {
                    assertThat(r.status()).isEqualTo(200);
                    assertThat(r.read()).isEqualTo(big);
                }
                // wss:// against the same server: TLS with SNI and verification, then the upgrade
                var ws = io.asyncio4j.http.websocket.WebSocketClient.connect(java.net.URI.create(
                        "wss://localhost:" + runner.port() + "/ws"), io.asyncio4j.http.websocket.WebSocketClient.Options.DEFAULTS, trustCa);
                ws.sendStr("hello");
                assertThat(ws.receiveStr()).isEqualTo("secure hello");
                ws.close();
                assertThat(ws.transport().getExtraInfo("sslcontext")).isNotNull();
                assertThatThrownBy(() -> io.asyncio4j.http.websocket.WebSocketClient.connect(java.net.URI.create(
                        "wss://localhost:" + runner.port() + "/ws"), io.asyncio4j.http.websocket.WebSocketClient.Options.DEFAULTS, trustOther))
                        .isNotNull();
            } finally {
                runner.cleanup();
            }
        });
    }
}
