package io.asyncio4j.net.tls;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.net.ConnectOptions;
import io.asyncio4j.net.Server;
import io.asyncio4j.net.ServerOptions;
import io.asyncio4j.net.SslTransport;
import io.asyncio4j.stream.StreamPair;
import io.asyncio4j.stream.StreamReader;
import io.asyncio4j.stream.Streams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Our TLS client and server against openssl s_server / s_client and Python's ssl + asyncio. */
@Timeout(30)
class TlsInteropTest {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static TlsCerts certs;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(Files.isExecutable(TlsCerts.OPENSSL), "needs /usr/bin/openssl");
        certs = TlsCerts.get();
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static Server echoServer(ServerOptions options, Future<Throwable> handlerDone) throws Exception {
        return Streams.startServer((reader, writer) -> {
            try {
                byte[] line;
                while ((line = reader.readLine()).length > 0) {
                    writer.write(line);
                    writer.drain();
                }
                writer.close();
                if (handlerDone != null && !handlerDone.isDone()) {
                    handlerDone.setResult(null);
                }
            } catch (Exception e) {
                if (handlerDone != null && !handlerDone.isDone()) {
                    handlerDone.setResult(e);
                }
            }
        }, List.of("127.0.0.1"), 0, StreamReader.DEFAULT_LIMIT, options);
    }

    @Test
    void ourClientAgainstOpensslServer() throws Exception {
        try (OpensslServer openssl = OpensslServer.start(certs, "-alpn", "h2,http/1.1")) {
            Asyncio.run(() -> {
                StreamPair s = Streams.openConnection("127.0.0.1", openssl.port, StreamReader.DEFAULT_LIMIT,
                        new ConnectOptions().ssl(certs.clientContext()).serverHostname("localhost")
                                .applicationProtocols("http/1.1"));
                assertThat(((SslTransport) s.writer().transport()).applicationProtocol()).isEqualTo("http/1.1");
                s.writer().write(b("hello openssl\n"));
                assertThat(new String(s.reader().readLine(), StandardCharsets.US_ASCII)).isEqualTo("lssnepo olleh\n");
                s.writer().close();
                s.writer().waitClosed();
            });
        }
    }

    @Test
    void opensslClientAgainstOurServer() throws Exception {
        Asyncio.run(() -> {
            Server srv = echoServer(new ServerOptions().ssl(certs.serverContext()).applicationProtocols("h2"), null);
            Process p = new ProcessBuilder(TlsCerts.OPENSSL.toString(), "s_client",
                    "-connect", "127.0.0.1:" + srv.port(), "-servername", "localhost",
                    "-CAfile", certs.caPem.toString(), "-verify_return_error", "-verify_hostname", "localhost",
                    "-alpn", "h2", "-quiet")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                String echoed = Asyncio.toThread(() -> {
                    OutputStream in = p.getOutputStream();
                    in.write(b("hello from s_client\n"));
                    in.flush();
                    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                            .readLine();
                }).await();
                assertThat(echoed).isEqualTo("hello from s_client");
            } finally {
                p.destroy();
                Asyncio.toThread(() -> p.waitFor(5, TimeUnit.SECONDS)).await();
            }
            srv.close();
        });
    }

    private Path python(String name, String code) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, code);
        return f;
    }

    @Test
    void ourClientAgainstPythonAsyncioTlsServer() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "needs /usr/bin/python3");
        Path script = python("tls_server.py", """
                import asyncio, ssl, sys
                async def handle(reader, writer):
                    while data := await reader.read(65536):
                        writer.write(data)
                        await writer.drain()
                    writer.close()
                async def main():
                    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
                    ctx.load_cert_chain(sys.argv[1], sys.argv[2])
                    ctx.set_alpn_protocols(["h2", "http/1.1"])
                    srv = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=ctx)
                    print("PORT", srv.sockets[0].getsockname()[1], flush=True)
                    async with srv:
                        await srv.serve_forever()
                asyncio.run(main())
                """);
        Process py = new ProcessBuilder(PYTHON.toString(), script.toString(), certs.serverPem.toString(),
                certs.serverKey.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String first = new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(first).startsWith("PORT ");
            int port = Integer.parseInt(first.substring(5).trim());
            Asyncio.run(() -> {
                StreamPair s = Streams.openConnection("localhost", port, StreamReader.DEFAULT_LIMIT,
                        new ConnectOptions().ssl(certs.clientContext()).applicationProtocols("h2"));
                assertThat(s.writer().getExtraInfo("alpn_protocol")).isEqualTo("h2");
                byte[] big = new byte[3_000_000];
                java.util.Arrays.fill(big, (byte) 'x');
                big[big.length - 1] = '\n';
                s.writer().write(b("one\n"));
                s.writer().write(big);
                assertThat(s.reader().readLine()).isEqualTo(b("one\n"));
                assertThat(s.reader().readExactly(big.length)).isEqualTo(big);
                s.writer().close(); // close_notify; Python answers by closing
                s.writer().waitClosed();
            });
        } finally {
            py.destroy();
            py.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void pythonAsyncioTlsClientAgainstOurServer() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "needs /usr/bin/python3");
        Path script = python("tls_client.py", """
                import asyncio, ssl, sys
                async def main():
                    ctx = ssl.create_default_context(cafile=sys.argv[2])
                    ctx.set_alpn_protocols(["http/1.1"])
                    r, w = await asyncio.open_connection("127.0.0.1", int(sys.argv[1]), ssl=ctx,
                                                         server_hostname="localhost")
                    w.write(b"hello from python\\n")
                    line = await r.readline()
                    alpn = w.get_extra_info("ssl_object").selected_alpn_protocol()
                    w.close()
                    await w.wait_closed()
                    print(line.decode().strip(), alpn, flush=True)
                asyncio.run(main())
                """);
        Asyncio.run(() -> {
            Future<Throwable> handlerDone = EventLoop.current().createFuture();
            Server srv = echoServer(new ServerOptions().ssl(certs.serverContext())
                    .applicationProtocols("h2", "http/1.1"), handlerDone);
            String out = Asyncio.toThread(() -> {
                Process py = new ProcessBuilder(PYTHON.toString(), script.toString(), String.valueOf(srv.port()),
                        certs.caPem.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                String s = new String(py.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(py.waitFor(20, TimeUnit.SECONDS)).isTrue();
                assertThat(py.exitValue()).isZero();
                return s;
            }).await();
            assertThat(out.trim()).isEqualTo("hello from python http/1.1");
            // Python closed with close_notify: our handler read a clean EOF
            assertThat(handlerDone.await()).isNull();
            srv.close();
            srv.waitClosed();
        });
    }
}
