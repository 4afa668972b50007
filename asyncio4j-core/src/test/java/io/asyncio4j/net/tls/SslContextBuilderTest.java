package io.asyncio4j.net.tls;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.net.ClientAuth;
import io.asyncio4j.net.ConnectOptions;
import io.asyncio4j.net.Server;
import io.asyncio4j.net.ServerOptions;
import io.asyncio4j.net.SslContextBuilder;
import io.asyncio4j.net.SslHandshakeError;
import io.asyncio4j.stream.StreamPair;
import io.asyncio4j.stream.StreamReader;
import io.asyncio4j.stream.Streams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Contexts built from openssl's PEM files: server certificates, trust files, client certificates
 * in every key form (PKCS#8, encrypted PKCS#8, PKCS#1 RSA, SEC1 EC, certificate and key in one
 * file), mutual TLS against Python's ssl and openssl s_server, and the errors for bad files.
 */
@Timeout(60)
class SslContextBuilderTest {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static TlsCerts certs;
    static final char[] PASSWORD = TlsCerts.CLIENT_KEY_PASSWORD.toCharArray();

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(Files.isExecutable(TlsCerts.OPENSSL), "needs /usr/bin/openssl");
        certs = TlsCerts.get();
    }

    private static SSLContext pemServer() {
        return SslContextBuilder.create().trustPemFile(certs.caPem)
                .certificateChain(certs.serverPem, certs.serverKey, null).build();
    }

    /** A TLS server on 127.0.0.1 answering each connection with the CN of the client's certificate ("none"). */
    private static Server whoAmIServer(ClientAuth clientAuth) throws Exception {
        return Streams.startServer((reader, writer) -> {
            X509Certificate peer = (X509Certificate) writer.getExtraInfo("peercert");
            writer.write(((peer == null ? "none" : peer.getSubjectX500Principal().getName()) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            writer.drain();
            writer.close();
        }, List.of("127.0.0.1"), 0, StreamReader.DEFAULT_LIMIT,
                new ServerOptions().ssl(pemServer()).sslClientAuth(clientAuth));
    }

    private static String whoAmI(Server srv, SSLContext client) throws Exception {
        StreamPair s = Streams.openConnection("127.0.0.1", srv.port(), StreamReader.DEFAULT_LIMIT,
                new ConnectOptions().ssl(client).serverHostname("localhost"));
        String line = new String(s.reader().readLine(), StandardCharsets.UTF_8).strip();
        s.writer().close();
        return line;
    }

    @Test
    void serverAndTrustFromPemFiles() throws Exception {
        Asyncio.run(() -> {
            Server srv = whoAmIServer(ClientAuth.NONE);
            assertThat(whoAmI(srv, SslContextBuilder.create().trustPemFile(certs.caPem).build())).isEqualTo("none");
            srv.close();
        });
    }

    @Test
    void clientCertificateInEveryKeyForm() throws Exception {
        Asyncio.run(() -> {
            Server srv = whoAmIServer(ClientAuth.REQUIRED);
            SslContextBuilder base = SslContextBuilder.create().trustPemFile(certs.caPem);
            assertThat(whoAmI(srv, base.certificateChain(certs.clientPem, certs.clientKey, null).build()))
                    .isEqualTo("CN=asyncio4j client");
            assertThat(whoAmI(srv, base.certificateChain(certs.clientPem, certs.clientKeySec1, null).build()))
                    .isEqualTo("CN=asyncio4j client");
            assertThat(whoAmI(srv, base.certificateChain(certs.clientPem, certs.clientKeyEncrypted, PASSWORD).build()))
                    .isEqualTo("CN=asyncio4j client");
            assertThat(whoAmI(srv, base.certificateChain(certs.clientCombined, null, null).build()))
                    .isEqualTo("CN=asyncio4j client");
            assertThat(whoAmI(srv, base.certificateChain(certs.rsaClientPem, certs.rsaClientKey, null).build()))
                    .isEqualTo("CN=asyncio4j rsa client");
            srv.close();
        });
    }

    @Test
    void requiredClientAuthRefusesAClientWithoutCertificate() throws Exception {
        Asyncio.run(() -> {
            Server srv = whoAmIServer(ClientAuth.REQUIRED);
            SSLContext noCert = SslContextBuilder.create().trustPemFile(certs.caPem).build();
            // TLS 1.3: the client's handshake ends before the server checks; the refusal arrives as an alert
            assertThatThrownBy(() -> whoAmI(srv, noCert)).isInstanceOfAny(SslHandshakeError.class,
                    java.io.IOException.class, io.asyncio4j.stream.IncompleteReadError.class);
            Server optional = whoAmIServer(ClientAuth.OPTIONAL);
            assertThat(whoAmI(optional, noCert)).isEqualTo("none");
            assertThat(whoAmI(optional, SslContextBuilder.create().trustPemFile(certs.caPem)
                    .certificateChain(certs.clientPem, certs.clientKey, null).build())).isEqualTo("CN=asyncio4j client");
            srv.close();
            optional.close();
        });
    }

    @Test
    void hostNameChecksAndTrustAny() throws Exception {
        Asyncio.run(() -> {
            Server srv = whoAmIServer(ClientAuth.NONE);
            ConnectOptions wrongName = new ConnectOptions().serverHostname("wrong.example");
            SSLContext strict = SslContextBuilder.create().trustPemFile(certs.caPem).build();
            assertThatThrownBy(() -> Streams.openConnection("127.0.0.1", srv.port(), StreamReader.DEFAULT_LIMIT,
                    wrongName.ssl(strict))).isInstanceOf(SslHandshakeError.class);
            SSLContext noNameCheck = SslContextBuilder.create().trustPemFile(certs.caPem).checkHostname(false).build();
            Streams.openConnection("127.0.0.1", srv.port(), StreamReader.DEFAULT_LIMIT, wrongName.ssl(noNameCheck))
                    .writer().close();
            // the chain is still checked without the name check
            SSLContext otherCa = SslContextBuilder.create().trustPemFile(certs.otherCaPem).checkHostname(false).build();
            assertThatThrownBy(() -> Streams.openConnection("127.0.0.1", srv.port(), StreamReader.DEFAULT_LIMIT,
                    wrongName.ssl(otherCa))).isInstanceOf(SslHandshakeError.class);
            SSLContext any = SslContextBuilder.create().trustAnyCertificate().build();
            Streams.openConnection("127.0.0.1", srv.port(), StreamReader.DEFAULT_LIMIT, wrongName.ssl(any))
                    .writer().close();
            srv.close();
        });
    }

    @Test
    void pythonClientWithCertificateAgainstOurServer() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "needs /usr/bin/python3");
        Path script = dir.resolve("client.py");
        Files.writeString(script, """
                import asyncio, ssl, sys
                async def main():
                    ctx = ssl.create_default_context(cafile=sys.argv[2])
                    ctx.load_cert_chain(sys.argv[3], sys.argv[4], password=sys.argv[5])
                    r, w = await asyncio.open_connection("127.0.0.1", int(sys.argv[1]), ssl=ctx,
                                                         server_hostname="localhost")
                    print((await r.readline()).decode().strip(), flush=True)
                    w.close()
                asyncio.run(main())
                """);
        Asyncio.run(() -> {
            Server srv = whoAmIServer(ClientAuth.REQUIRED);
            String out = Asyncio.toThread(() -> {
                Process py = new ProcessBuilder(PYTHON.toString(), script.toString(), String.valueOf(srv.port()),
                        certs.caPem.toString(), certs.clientPem.toString(), certs.clientKeyEncrypted.toString(),
                        TlsCerts.CLIENT_KEY_PASSWORD).redirectErrorStream(true).start();
                String s = new String(py.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(py.waitFor(20, TimeUnit.SECONDS)).isTrue();
                return s;
            }).await();
            assertThat(out.strip()).isEqualTo("CN=asyncio4j client");
            srv.close();
        });
    }

    @Test
    void ourClientCertificateAgainstOpensslServerThatRequiresOne() throws Exception {
        try (OpensslServer openssl = OpensslServer.start(certs, "-CAfile", certs.caPem.toString(), "-Verify", "1",
                "-verify_return_error")) {
            Asyncio.run(() -> {
                SSLContext ctx = SslContextBuilder.create().trustPemFile(certs.caPem)
                        .certificateChain(certs.rsaClientPem, certs.rsaClientKey, null).build();
                StreamPair s = Streams.openConnection("127.0.0.1", openssl.port, StreamReader.DEFAULT_LIMIT,
                        new ConnectOptions().ssl(ctx).serverHostname("localhost"));
                s.writer().write("mutual\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(s.reader().readLine(), StandardCharsets.US_ASCII)).isEqualTo("lautum\n");
                s.writer().close();
            });
        }
    }

    @Test
    void badFilesGiveClearErrors() throws Exception {
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> SslContextBuilder.create().trustPemFile(missing).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> SslContextBuilder.create().trustPemFile(certs.clientKey).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no PEM certificate");
        assertThatThrownBy(() -> SslContextBuilder.create()
                .certificateChain(certs.clientPem, certs.clientKeyEncrypted, null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("encrypted and no password");
        assertThatThrownBy(() -> SslContextBuilder.create()
                .certificateChain(certs.clientPem, certs.clientKeyEncrypted, "wrong".toCharArray()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wrong password");
        assertThatThrownBy(() -> SslContextBuilder.create()
                .certificateChain(certs.clientPem, certs.clientKeyLegacy, PASSWORD).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("openssl pkcs8 -topk8");
        assertThatThrownBy(() -> SslContextBuilder.create()
                .certificateChain(certs.clientPem, certs.serverKey, null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not belong");
        assertThatThrownBy(() -> SslContextBuilder.create().certificateChain(certs.clientPem, null, null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no PEM private key");
        Path garbage = dir.resolve("garbage.pem");
        Files.writeString(garbage, "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> SslContextBuilder.create().trustPemFile(garbage).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(garbage.toString());
    }
}
