package io.asyncio4j.interop;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.net.Connection;
import io.asyncio4j.net.Net;
import io.asyncio4j.net.Protocol;
import io.asyncio4j.net.Server;
import io.asyncio4j.net.Transport;
import io.asyncio4j.stream.StreamPair;
import io.asyncio4j.stream.Streams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Our clients against Python asyncio servers and Python asyncio clients against our servers. */
@Timeout(60)
class PythonAsyncioInteropTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    private Path script(String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/interop/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    private static int readPort(Process p) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
        String line = r.readLine();
        assertThat(line).as("python server output").startsWith("PORT ");
        return Integer.parseInt(line.substring(5).trim());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--streams", "--protocol"})
    void ourStreamsClientAgainstPythonServer(String mode) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "needs /usr/bin/python3");
        Process py = new ProcessBuilder(PYTHON.toString(), script("asyncio_echo_server.py").toString(), mode)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            int port = readPort(py);
            byte[] data = new byte[2_000_000];
            new Random(7).nextBytes(data);
            Asyncio.run(() -> {
                StreamPair s = Streams.openConnection("127.0.0.1", port);
                s.writer().write("line one\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(s.reader().readLine()).isEqualTo("line one\n".getBytes(StandardCharsets.US_ASCII));
                var sender = Asyncio.createTask(() -> {
                    s.writer().write(data);
                    s.writer().drain();
                });
                assertThat(s.reader().readExactly(data.length)).isEqualTo(data);
                sender.await();
                s.writer().close();
                s.writer().waitClosed();
            });
        } finally {
            py.destroy();
            py.waitFor();
        }
    }

    @Test
    void ourProtocolClientAgainstPythonServer() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "needs /usr/bin/python3");
        Process py = new ProcessBuilder(PYTHON.toString(), script("asyncio_echo_server.py").toString(), "--streams")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            int port = readPort(py);
            byte[] data = new byte[1_000_000];
            new Random(8).nextBytes(data);
            Asyncio.run(() -> {
                Future<byte[]> done = EventLoop.current().createFuture();
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                Connection<Protocol> c = Net.createConnection(() -> new Protocol() {
                    @Override
                    public void dataReceived(ByteBuffer b) {
                        byte[] a = new byte[b.remaining()];
                        b.get(a);
                        got.writeBytes(a);
                    }

                    @Override
                    public boolean eofReceived() {
                        done.setResult(got.toByteArray()); // the server closes after our EOF
                        return false;
                    }
                }, "127.0.0.1", port);
                Transport t = c.transport();
                t.write(data);
                t.writeEof();
                assertThat(done.await()).isEqualTo(data);
            });
        } finally {
            py.destroy();
            py.waitFor();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void pythonClientAgainstOurServer(boolean streams) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "needs /usr/bin/python3");
        Path client = script("asyncio_client.py");
        Asyncio.run(() -> {
            Server server = streams
                    ? Streams.startServer((reader, writer) -> {
                        byte[] d;
                        while ((d = reader.read(65536)).length > 0) {
                            writer.write(d);
                            writer.drain();
                        }
                        writer.close();
                    }, "127.0.0.1", 0)
                    : Net.createServer(() -> new Protocol() {
                        Transport t;

                        @Override
                        public void connectionMade(Transport transport) {
                            t = transport;
                        }

                        @Override
                        public void dataReceived(ByteBuffer data) {
                            t.write(data);
                        }
                    }, "127.0.0.1", 0);
            Process py = new ProcessBuilder(PYTHON.toString(), client.toString(), String.valueOf(server.port()))
                    .redirectErrorStream(true).start();
            String out = Asyncio.toThread(() -> {
                String s = new String(py.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                py.waitFor();
                return s;
            }).await();
            assertThat(py.exitValue()).as(out).isZero();
            assertThat(out.trim()).isEqualTo("OK 1048576");
            server.close();
            server.waitClosed();
        });
    }
}
