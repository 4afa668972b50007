package io.asyncio4j.mongo;

import io.asyncio4j.Asyncio;
import io.asyncio4j.net.ClientAuth;
import io.asyncio4j.net.Server;
import io.asyncio4j.net.SslContextBuilder;
import io.asyncio4j.net.ServerOptions;
import io.asyncio4j.stream.StreamPair;
import io.asyncio4j.stream.StreamReader;
import io.asyncio4j.stream.StreamWriter;
import io.asyncio4j.stream.Streams;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * TLS against mongo-java-server (which has none) behind a TLS-terminating proxy written with
 * asyncio4j streams; certificates come from /usr/bin/openssl: a throwaway CA, a server certificate
 * for localhost/127.0.0.1, one for another name signed by the same CA, and an unrelated CA.
 */
@Timeout(60)
class TlsTest {
    static final Path OPENSSL = Path.of("/usr/bin/openssl");
    static MongoTestServer srv;
    static Path dir;
    static final AtomicInteger COUNTER = new AtomicInteger();
    static final String KEY_PASSWORD = "k3y-pass";

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(Files.isExecutable(OPENSSL), "needs /usr/bin/openssl");
        srv = new MongoTestServer();
        dir = Files.createTempDirectory("asyncio4j-mongo-tls");
        Files.writeString(dir.resolve("good.ext"), ext("DNS:localhost,IP:127.0.0.1"));
        Files.writeString(dir.resolve("wrong.ext"), ext("DNS:wrong.example"));
        String ec = "ec_paramgen_curve:prime256v1";
        for (String ca : List.of("ca", "other-ca")) {
            openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", ec, "-nodes", "-keyout", ca + ".key", "-out",
                    ca + ".pem", "-days", "2", "-subj", "/CN=asyncio4j mongo test " + ca,
                    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        }
        for (String name : List.of("good", "wrong")) {
            openssl("req", "-newkey", "ec", "-pkeyopt", ec, "-nodes", "-keyout", name + ".key", "-out", name + ".csr",
                    "-subj", "/CN=" + name);
            openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                    "-out", name + ".pem", "-days", "2", "-extfile", name + ".ext");
        }
        // a client certificate for mutual TLS; tlsCertificateKeyFile wants certificate and key in one file
        Files.writeString(dir.resolve("client.ext"), "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n");
        openssl("req", "-newkey", "ec", "-pkeyopt", ec, "-nodes", "-keyout", "client.key", "-out", "client.csr",
                "-subj", "/CN=mongo client");
        openssl("x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "client.pem", "-days", "2", "-extfile", "client.ext");
        openssl("pkcs8", "-topk8", "-in", "client.key", "-out", "client-enc.key", "-passout", "pass:" + KEY_PASSWORD);
        Files.writeString(dir.resolve("client-combined.pem"),
                Files.readString(dir.resolve("client.pem")) + Files.readString(dir.resolve("client.key")));
        Files.writeString(dir.resolve("client-combined-enc.pem"),
                Files.readString(dir.resolve("client.pem")) + Files.readString(dir.resolve("client-enc.key")));
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (srv != null) {
            srv.close();
        }
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static String ext(String san) {
        return "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
                + "extendedKeyUsage=serverAuth\nsubjectAltName=" + san + "\n";
    }

    private static void openssl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(OPENSSL.toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
    }

    /** The proxy's context: the named server certificate, and the test CA to check client certificates. */
    private static SSLContext serverContext(String name) {
        return SslContextBuilder.create().trustPemFile(dir.resolve("ca.pem"))
                .certificateChain(dir.resolve(name + ".pem"), dir.resolve(name + ".key"), null).build();
    }

    /** A client context trusting the named CA (a user's own SSLContext, as MongoClientOptions takes it). */
    private static SSLContext clientContext(String caName) {
        return SslContextBuilder.create().trustPemFile(dir.resolve(caName + ".pem")).build();
    }

    /** The exception and its causes, outermost first. */
    private static List<Throwable> causes(Throwable t) {
        List<Throwable> all = new ArrayList<>();
        for (Throwable c = t; c != null && !all.contains(c); c = c.getCause()) {
            all.add(c);
        }
        return all;
    }

    private static String pem(String name) {
        return dir.resolve(name + ".pem").toString();
    }

    /** A TLS-terminating proxy to mongo-java-server on 127.0.0.1, port 0, on the current loop. */
    static final class Proxy implements AutoCloseable {
        final Server server;
        final AtomicInteger connections = new AtomicInteger();
        final Set<String> sniNames = ConcurrentHashMap.newKeySet();
        final Set<String> clientNames = ConcurrentHashMap.newKeySet();

        Proxy(String certName) throws Exception {
            this(certName, ClientAuth.NONE);
        }

        Proxy(String certName, ClientAuth clientAuth) throws Exception {
            int backend = srv.server.getLocalAddress().getPort();
            server = Streams.startServer((reader, writer) -> {
                connections.incrementAndGet();
                if (writer.getExtraInfo("peercert") instanceof java.security.cert.X509Certificate c) {
                    clientNames.add(c.getSubjectX500Principal().getName());
                }
                if (writer.getExtraInfo("ssl_object") instanceof SSLEngine e
                        && e.getSession() instanceof ExtendedSSLSession s) {
                    for (SNIServerName n : s.getRequestedServerNames()) {
                        if (n instanceof SNIHostName h) {
                            sniNames.add(h.getAsciiName());
                        }
                    }
                }
                StreamPair up = Streams.openConnection("127.0.0.1", backend);
                var a = Asyncio.createTask(() -> pump(reader, up.writer()));
                pump(up.reader(), writer);
                a.cancel();
            }, List.of("127.0.0.1"), 0, StreamReader.DEFAULT_LIMIT, new ServerOptions().ssl(serverContext(certName)).sslClientAuth(clientAuth));
        }

        private static Void pump(StreamReader from, StreamWriter to) {
            try {
                while (true) {
                    byte[] b = from.read(64 * 1024);
                    if (b.length == 0) {
                        break;
                    }
                    to.write(b);
                    to.drain();
                }
            } catch (Exception e) {
                // the other side went away (or the task was cancelled)
            }
            to.close();
            return null;
        }

        String uri(String host, String options) {
            return "mongodb://" + host + ":" + server.port() + "/?serverSelectionTimeoutMS=3000&" + options;
        }

        @Override
        public void close() {
            server.close();
        }
    }

    private static void insertAndFind(String uri, MongoClientOptions options) throws Exception {
        try (AsyncMongoClient client = new AsyncMongoClient(uri, options)) {
            var coll = client.getDatabase("tls").getCollection("c");
            int n = COUNTER.incrementAndGet();
            coll.insertOne(new Document("_id", n).append("v", "over tls"));
            assertThat(coll.findOne(new Document("_id", n))).isNotNull().containsEntry("v", "over tls");
        }
        // what went through the proxy reached the real server
        assertThat(srv.sync.getDatabase("tls").getCollection("c").countDocuments()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void insertAndFindWithTlsCAFile() throws Exception {
        Asyncio.run(() -> {
            try (Proxy proxy = new Proxy("good")) {
                insertAndFind(proxy.uri("127.0.0.1", "tls=true&tlsCAFile=" + pem("ca")), new MongoClientOptions());
                // a monitor connection and at least one pool connection, both over TLS
                assertThat(proxy.connections.get()).isGreaterThanOrEqualTo(2);
            }
        });
    }

    @Test
    void sslAliasAndSniForHostNames() throws Exception {
        Asyncio.run(() -> {
            try (Proxy proxy = new Proxy("good")) {
                insertAndFind(proxy.uri("localhost", "ssl=true&tlsCAFile=" + pem("ca")), new MongoClientOptions());
                assertThat(proxy.sniNames).containsExactly("localhost");
            }
        });
    }

    @Test
    void clientCertificateFromTlsCertificateKeyFile() throws Exception {
        Asyncio.run(() -> {
            try (Proxy proxy = new Proxy("good", ClientAuth.REQUIRED)) {
                String ca = "tlsCAFile=" + pem("ca");
                insertAndFind(proxy.uri("localhost", ca + "&tlsCertificateKeyFile=" + dir.resolve("client-combined.pem")),
                        new MongoClientOptions());
                insertAndFind(proxy.uri("localhost", ca + "&tlsCertificateKeyFile=" + dir.resolve("client-combined-enc.pem")
                        + "&tlsCertificateKeyFilePassword=" + KEY_PASSWORD), new MongoClientOptions());
                assertThat(proxy.clientNames).containsExactly("CN=mongo client");
                // without a certificate the proxy refuses the handshake
                try (AsyncMongoClient client = new AsyncMongoClient(proxy.uri("localhost", ca))) {
                    assertThatThrownBy(() -> client.getDatabase("tls").getCollection("c").findOne(new Document()))
                            .isInstanceOf(ServerSelectionTimeoutError.class);
                }
            }
        });
        assertThatThrownBy(() -> new AsyncMongoClient("mongodb://localhost/?tlsCertificateKeyFile="
                + dir.resolve("client-combined-enc.pem") + "&tlsCertificateKeyFilePassword=wrong"))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("wrong password");
    }

    @Test
    void theOfficialDriverTalksToTheSameTlsEndpoint() throws Exception {
        // the proxy is a TLS endpoint the official driver accepts too: our client's success is not a private handshake
        Asyncio.run(() -> {
            try (Proxy proxy = new Proxy("good")) {
                SSLContext ctx = clientContext("ca");
                long count = Asyncio.toThread(() -> {
                    var settings = com.mongodb.MongoClientSettings.builder()
                            .applyConnectionString(new com.mongodb.ConnectionString(proxy.uri("localhost", "tls=true")))
                            .applyToSslSettings(b -> b.enabled(true).context(ctx)).build();
                    try (var official = com.mongodb.client.MongoClients.create(settings)) {
                        var coll = official.getDatabase("tls").getCollection("official");
                        coll.insertOne(new Document("via", "official driver over tls"));
                        return coll.countDocuments();
                    }
                }).await();
                assertThat(count).isGreaterThanOrEqualTo(1);
                try (AsyncMongoClient ours = new AsyncMongoClient(proxy.uri("localhost", "tls=true&tlsCAFile=" + pem("ca")))) {
                    assertThat(ours.getDatabase("tls").getCollection("official").countDocuments(new Document()))
                            .isEqualTo(count);
                }
            }
        });
    }

    @Test
    void programmaticSslContext() throws Exception {
        Asyncio.run(() -> {
            try (Proxy proxy = new Proxy("good")) {
                insertAndFind(proxy.uri("127.0.0.1", "appName=x"),
                        new MongoClientOptions().sslContext(clientContext("ca")));
                assertThat(proxy.connections.get()).isGreaterThanOrEqualTo(2);
            }
        });
    }

    @Test
    void untrustedCaFailsWithTheHandshakeErrorAsCause() throws Exception {
        Asyncio.run(() -> {
            try (Proxy proxy = new Proxy("good");
                 AsyncMongoClient client = new AsyncMongoClient(
                         proxy.uri("127.0.0.1", "tls=true&tlsCAFile=" + pem("other-ca")))) {
                var coll = client.getDatabase("tls").getCollection("c");
                assertThatThrownBy(() -> coll.insertOne(new Document("x", 1)))
                        .isInstanceOf(ServerSelectionTimeoutError.class)
                        .hasMessageContaining("TLS handshake with 127.0.0.1:" + proxy.server.port() + " failed")
                        .hasMessageContaining("certificate")
                        .cause().isInstanceOf(ConnectionFailure.class)
                        .satisfies(e -> assertThat(causes(e)).hasAtLeastOneElementOfType(SSLHandshakeException.class));
            }
        });
    }

    @Test
    void defaultTrustStoreDoesNotTrustTheTestCa() throws Exception {
        Asyncio.run(() -> {
            try (Proxy proxy = new Proxy("good");
                 AsyncMongoClient client = new AsyncMongoClient(proxy.uri("127.0.0.1", "tls=true"))) {
                assertThatThrownBy(() -> client.getDatabase("tls").getCollection("c").findOne(new Document()))
                        .isInstanceOf(ServerSelectionTimeoutError.class)
                        .hasMessageContaining("TLS handshake")
                        .satisfies(e -> assertThat(causes(e)).hasAtLeastOneElementOfType(SSLHandshakeException.class));
            }
        });
    }

    @Test
    void tlsAllowInvalidCertificatesAcceptsAnUntrustedChain() throws Exception {
        Asyncio.run(() -> {
            try (Proxy proxy = new Proxy("wrong")) {
                insertAndFind(proxy.uri("127.0.0.1", "tls=true&tlsAllowInvalidCertificates=true"),
                        new MongoClientOptions());
            }
        });
    }

    @Test

    void hostnameMismatchFailsUnlessAllowed() throws Exception {
        Asyncio.run(() -> {
            try (Proxy proxy = new Proxy("wrong")) {
                try (AsyncMongoClient client = new AsyncMongoClient(
                        proxy.uri("127.0.0.1", "tls=true&tlsCAFile=" + pem("ca")))) {
                    assertThatThrownBy(() -> client.getDatabase("tls").getCollection("c").insertOne(new Document("x", 1)))
                            .isInstanceOf(ServerSelectionTimeoutError.class)
                            .hasMessageContaining("TLS handshake")
                            .hasMessageContaining("127.0.0.1")
                            .hasRootCauseInstanceOf(java.security.cert.CertificateException.class);
                }
                // the same with the user's context: its trust manager checks the name too
                try (AsyncMongoClient client = new AsyncMongoClient(proxy.uri("localhost", "tls=true"),
                        new MongoClientOptions().sslContext(clientContext("ca")))) {
                    assertThatThrownBy(() -> client.getDatabase("tls").getCollection("c").findOne(new Document()))
                            .isInstanceOf(ServerSelectionTimeoutError.class)
                            .hasRootCauseInstanceOf(java.security.cert.CertificateException.class);
                }
                insertAndFind(proxy.uri("127.0.0.1", "tls=true&tlsAllowInvalidHostnames=true&tlsCAFile=" + pem("ca")),
                        new MongoClientOptions());
                insertAndFind(proxy.uri("localhost", "tlsAllowInvalidHostnames=true&tlsCAFile=" + pem("ca")),
                        new MongoClientOptions());
                assertThat(proxy.sniNames).contains("localhost"); // SNI is still sent
                insertAndFind(proxy.uri("127.0.0.1", "tlsInsecure=true"), new MongoClientOptions());
                insertAndFind(proxy.uri("localhost", "tls=true&tlsAllowInvalidHostnames=true"),
                        new MongoClientOptions().sslContext(clientContext("ca")));
            }
        });
    }

    @Test
    void plainClientAgainstTlsServerFails() throws Exception {
        Asyncio.run(() -> {
            try (Proxy proxy = new Proxy("good");
                 AsyncMongoClient client = new AsyncMongoClient(proxy.uri("127.0.0.1", "connectTimeoutMS=1000"))) {
                assertThatThrownBy(() -> client.getDatabase("tls").getCollection("c").findOne(new Document()))
                        .isInstanceOf(ServerSelectionTimeoutError.class);
            }
        });
    }

    @Test
    void tlsOptions() throws Exception {
        assertThat(MongoUri.parse("mongodb://h/?ssl=true").tls()).isTrue();
        assertThat(MongoUri.parse("mongodb://h/?tls=false&ssl=false").tls()).isFalse();
        assertThat(MongoUri.parse("mongodb://h/?tlsCAFile=/x.pem").tls()).isTrue();
        assertThat(MongoUri.parse("mongodb://h/").tls()).isFalse();
        assertThat(MongoUri.parse("mongodb://h/?tlsInsecure=true").tlsAllowInvalidHostnames()).isTrue();
        assertThat(MongoUri.parse("mongodb://h/?tlsInsecure=true").tlsAllowInvalidCertificates()).isTrue();
        assertThatThrownBy(() -> MongoUri.parse("mongodb://h/?tls=true&ssl=false").tls())
                .isInstanceOf(ConfigurationError.class);
        assertThatThrownBy(() -> new AsyncMongoClient("mongodb://h/?tlsInsecure=true&tlsAllowInvalidCertificates=false"))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("tlsInsecure");
        assertThatThrownBy(() -> new AsyncMongoClient("mongodb://h/?tls=true&tlsCAFile=/no/such/file.pem"))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("/no/such/file.pem");
        assertThatThrownBy(() -> new AsyncMongoClient("mongodb://h/?tls=false",
                new MongoClientOptions().sslContext(SSLContext.getDefault())))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("tls=false");
        assertThatThrownBy(() -> new AsyncMongoClient("mongodb://h/?tlsCAFile=" + pem("ca"),
                new MongoClientOptions().sslContext(SSLContext.getDefault())))
                .isInstanceOf(ConfigurationError.class);
        assertThatThrownBy(() -> new AsyncMongoClient("mongodb://h/?tls=true&tlsCertificateKeyFile=/c.pem"))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("/c.pem");
        assertThatThrownBy(() -> new AsyncMongoClient("mongodb://h/?tlsCertificateKeyFile=" + dir.resolve("client.pem")))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("no PEM private key");
        assertThatThrownBy(() -> new AsyncMongoClient("mongodb://h/?tlsCertificateKeyFilePassword=x"))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("without tlsCertificateKeyFile");
        assertThatThrownBy(() -> new AsyncMongoClient("mongodb://h/?tlsCertificateKeyFile="
                + dir.resolve("client-combined.pem"), new MongoClientOptions().sslContext(SSLContext.getDefault())))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("tlsCertificateKeyFile");
        new AsyncMongoClient("mongodb://h/?tls=true&tlsCAFile=" + pem("ca")).close();
    }
}
