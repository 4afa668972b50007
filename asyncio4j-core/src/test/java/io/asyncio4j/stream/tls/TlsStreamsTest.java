package io.asyncio4j.stream.tls;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.net.ConnectOptions;
import io.asyncio4j.net.Server;
import io.asyncio4j.net.ServerOptions;
import io.asyncio4j.net.SslTransport;
import io.asyncio4j.net.SocketTransport;
import io.asyncio4j.net.TlsOptions;
import io.asyncio4j.stream.StreamPair;
import io.asyncio4j.stream.StreamReader;
import io.asyncio4j.stream.Streams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** TLS through the stream API: openConnection/startServer with ssl, StreamWriter.startTls, big transfers. */
@Timeout(40)
class TlsStreamsTest {
    static SSLContext server;
    static SSLContext client;

    @BeforeAll
    static void setUp() throws Exception {
        Path dir = Files.createTempDirectory("asyncio4j-tls-streams");
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "key.pem", "-out", "cert.pem", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1");
        openssl(dir, "pkcs12", "-export", "-inkey", "key.pem", "-in", "cert.pem", "-out", "s.p12",
                "-passout", "pass:pw");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("s.p12"))) {
            ks.load(in, "pw".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "pw".toCharArray());
        server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        try (InputStream in = Files.newInputStream(dir.resolve("cert.pem"))) {
            ts.setCertificateEntry("self", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
    }

    private static void openssl(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("openssl failed: " + new String(out, StandardCharsets.UTF_8));
        }
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void lineEchoOverTls() throws Exception {
        Asyncio.run(() -> {
            Server srv = Streams.startServer((reader, writer) -> {
                byte[] line;
                while ((line = reader.readLine()).length > 0) {
                    writer.write(line);
                    writer.drain();
                }
                writer.close();
            }, List.of("127.0.0.1"), 0, StreamReader.DEFAULT_LIMIT, new ServerOptions().ssl(server));
            StreamPair s = Streams.openConnection("localhost", srv.port(), StreamReader.DEFAULT_LIMIT,
                    new ConnectOptions().ssl(client));
            assertThat(s.writer().transport()).isInstanceOf(SslTransport.class);
            assertThat(s.writer().getExtraInfo("peercert")).isNotNull();
            s.writer().write(b("hello\nworld\n"));
            assertThat(s.reader().readLine()).isEqualTo(b("hello\n"));
            assertThat(s.reader().readLine()).isEqualTo(b("world\n"));
            s.writer().close(); // close_notify: the server reads EOF, closes its end
            s.writer().waitClosed();
            assertThat(s.reader().read()).isEmpty();
            srv.close();
            srv.waitClosed();
        });
    }

    @Test
    void fiftyMegabytesBothWaysWithBackpressure() throws Exception {
        int size = 50 * 1024 * 1024;
        Asyncio.run(() -> {
            Server srv = Streams.startServer((reader, writer) -> {
                byte[] chunk;
                while ((chunk = reader.read(256 * 1024)).length > 0) {
                    writer.write(chunk);
                    writer.drain();
                }
                writer.close();
            }, List.of("127.0.0.1"), 0, StreamReader.DEFAULT_LIMIT, new ServerOptions().ssl(server));
            StreamPair s = Streams.openConnection("127.0.0.1", srv.port(), StreamReader.DEFAULT_LIMIT,
                    new ConnectOptions().ssl(client));
            byte[] block = new byte[1024 * 1024];
            new Random(42).nextBytes(block);
            long[] maxAfterDrain = {0};
            boolean[] paused = {false};
            Task<byte[]> sender = Asyncio.createTask(() -> {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                SslTransport t = (SslTransport) s.writer().transport();
                for (int i = 0; i < size / block.length; i++) {
                    block[0] = (byte) i;
                    md.update(block);
                    s.writer().write(block);
                    paused[0] |= t.isWritingPaused();
                    s.writer().drain();
                    maxAfterDrain[0] = Math.max(maxAfterDrain[0], t.getWriteBufferSize());
                }
                return md.digest();
            });
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            long got = 0;
            while (got < size) {
                byte[] chunk = s.reader().read(1 << 20);
                assertThat(chunk).isNotEmpty();
                md.update(chunk);
                got += chunk.length;
            }
            assertThat(md.digest()).isEqualTo(sender.await());
            assertThat(got).isEqualTo(size);
            assertThat(paused[0]).as("the writer was paused at least once").isTrue();
            // after drain() returns the TLS transport holds no more than the high-water mark
            assertThat(maxAfterDrain[0]).isLessThanOrEqualTo(64 * 1024);
            s.writer().close();
            s.writer().waitClosed();
            srv.close();
        });
    }

    @Test
    void startTlsUpgradesALiveConnection() throws Exception {
        Asyncio.run(() -> {
            Server srv = Streams.startServer((reader, writer) -> {
                assertThat(reader.readLine()).isEqualTo(b("EHLO\n"));
                writer.write(b("HELLO plain\n"));
                assertThat(reader.readLine()).isEqualTo(b("STARTTLS\n"));
                writer.write(b("GO\n"));
                writer.startTls(server);
                assertThat(writer.transport()).isInstanceOf(SslTransport.class);
                byte[] line;
                while ((line = reader.readLine()).length > 0) {
                    writer.write(b("secure " + new String(line, StandardCharsets.US_ASCII)));
                    writer.drain();
                }
                writer.close();
            }, "127.0.0.1", 0);
            StreamPair s = Streams.openConnection("127.0.0.1", srv.port());
            assertThat(s.writer().transport()).isInstanceOf(SocketTransport.class);
            s.writer().write(b("EHLO\n"));
            assertThat(s.reader().readLine()).isEqualTo(b("HELLO plain\n"));
            s.writer().write(b("STARTTLS\n"));
            assertThat(s.reader().readLine()).isEqualTo(b("GO\n"));
            s.writer().startTls(client, new TlsOptions().serverHostname("localhost"));
            assertThat(s.writer().transport()).isInstanceOf(SslTransport.class);
            assertThat(s.writer().getExtraInfo("peercert")).isNotNull();
            s.writer().write(b("one\ntwo\n"));
            assertThat(s.reader().readLine()).isEqualTo(b("secure one\n"));
            assertThat(s.reader().readLine()).isEqualTo(b("secure two\n"));
            s.writer().close();
            s.writer().waitClosed();
            srv.close();
            srv.waitClosed();
        });
    }

    @Test
    void tlsOverUnixSocket(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path sock = dir.resolve("tls.sock");
        Asyncio.run(() -> {
            Server srv = io.asyncio4j.net.Net.createUnixServer(() -> new io.asyncio4j.stream.StreamReaderProtocol(
                    new StreamReader(StreamReader.DEFAULT_LIMIT, io.asyncio4j.loop.EventLoop.current()),
                    (reader, writer) -> {
                        writer.write(reader.readLine());
                        writer.close();
                    }, io.asyncio4j.loop.EventLoop.current()), sock, new ServerOptions().ssl(server));
            StreamReader reader = new StreamReader();
            var c = io.asyncio4j.net.Net.createUnixConnection(
                    () -> new io.asyncio4j.stream.StreamReaderProtocol(reader), sock,
                    new ConnectOptions().ssl(client).serverHostname("localhost"));
            assertThat(c.transport()).isInstanceOf(SslTransport.class);
            c.transport().write(b("over unix\n"));
            assertThat(reader.readLine()).isEqualTo(b("over unix\n"));
            assertThat(reader.read()).isEmpty();
            c.transport().close();
            srv.close();
        });
    }
}
