package io.asyncio4j.stream;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.net.Server;
import io.asyncio4j.net.SocketTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(20)
class StreamsTest {
    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static Server lineEcho(String host) throws Exception {
        return Streams.startServer((reader, writer) -> {
            byte[] line;
            while ((line = reader.readLine()).length > 0) {
                writer.write(line);
                writer.drain();
            }
            writer.close();
        }, host, 0);
    }

    @Test
    void openConnectionAndStartServer() throws Exception {
        Asyncio.run(() -> {
            Server server = lineEcho("127.0.0.1");
            StreamPair s = Streams.openConnection("127.0.0.1", server.port());
            s.writer().writeLines(List.of(b("hello\n"), b("world\n")));
            s.writer().drain();
            assertThat(new String(s.reader().readLine(), StandardCharsets.US_ASCII)).isEqualTo("hello\n");
            assertThat(new String(s.reader().readLine(), StandardCharsets.US_ASCII)).isEqualTo("world\n");
            assertThat(s.writer().getExtraInfo("peername").toString()).contains(String.valueOf(server.port()));
            assertThat(s.writer().transport()).isInstanceOf(SocketTransport.class);
            s.writer().writeEof(); // server sees EOF, closes
            assertThat(s.reader().read()).isEmpty();
            assertThat(s.reader().atEof()).isTrue();
            s.writer().close();
            assertThat(s.writer().isClosing()).isTrue();
            s.writer().waitClosed();
            server.close();
            server.waitClosed();
        });
    }

    @Test
    void halfCloseWithStreams() throws Exception {
        Asyncio.run(() -> {
            Server server = Streams.startServer((reader, writer) -> {
                byte[] all = reader.read(); // to EOF: the client half-closed
                writer.write(b("got " + all.length));
                writer.close();
            }, "127.0.0.1", 0);
            StreamPair s = Streams.openConnection("127.0.0.1", server.port());
            assertThat(s.writer().canWriteEof()).isTrue();
            s.writer().write(new byte[100_000]);
            s.writer().writeEof();
            assertThat(new String(s.reader().read(), StandardCharsets.US_ASCII)).isEqualTo("got 100000");
            s.writer().close();
            server.close();
        });
    }

    @Test
    void unixStreams(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("s.sock");
        Asyncio.run(() -> {
            Server server = Streams.startUnixServer((reader, writer) -> {
                writer.write(reader.readLine());
                writer.close();
            }, path);
            StreamPair s = Streams.openUnixConnection(path);
            s.writer().write(b("over unix\n"));
            assertThat(new String(s.reader().readLine(), StandardCharsets.US_ASCII)).isEqualTo("over unix\n");
            s.writer().close();
            server.close();
            server.waitClosed();
            assertThat(path).doesNotExist();
        });
    }

    /**
     * A writer to a slow reader: after every write (before drain) the transport holds at most the
     * high-water mark plus that one write; drain() suspends until the buffer is at the low mark.
     */
    @Test
    void slowReaderBackpressure() throws Exception {
        Asyncio.run(() -> {
            int chunk = 16 * 1024;
            int total = 8 * 1024 * 1024;
            Future<Integer> received = EventLoop.current().createFuture();
            Server server = Streams.startServer((reader, writer) -> {
                int n = 0;
                byte[] data;
                while ((data = reader.read(1024)).length > 0) { // small reads, one per loop turn
                    n += data.length;
                    Asyncio.sleep(0);
                }
                received.setResult(n);
                writer.close();
            }, "127.0.0.1", 0);
            StreamPair s = Streams.openConnection("127.0.0.1", server.port());
            long high = s.writer().transport().getWriteBufferLimits()[1];
            long maxHeld = 0;
            int drainsThatWaited = 0;
            byte[] buf = new byte[chunk];
            for (int sent = 0; sent < total; sent += chunk) {
                s.writer().write(buf);
                long held = s.writer().transport().getWriteBufferSize();
                maxHeld = Math.max(maxHeld, held);
                assertThat(held).isLessThanOrEqualTo(high + chunk);
                boolean over = held > high;
                s.writer().drain();
                if (over) {
                    drainsThatWaited++;
                    assertThat(s.writer().transport().getWriteBufferSize())
                            .isLessThanOrEqualTo(s.writer().transport().getWriteBufferLimits()[0]);
                }
            }
            s.writer().writeEof();
            assertThat(received.await()).isEqualTo(total);
            assertThat(drainsThatWaited).isPositive(); // backpressure really happened
            assertThat(maxHeld).isGreaterThan(high);
            s.writer().close();
            server.close();
        });
    }

    @Test
    void severalTasksMayDrainAtOnce() throws Exception {
        Asyncio.run(() -> {
            List<StreamReader> readers = new ArrayList<>();
            Future<Void> go = EventLoop.current().createFuture();
            Server server = Streams.startServer((reader, writer) -> {
                readers.add(reader);
                go.await(); // do not read until every drainer waits
                int n = 0;
                byte[] d;
                while ((d = reader.read(65536)).length > 0) {
                    n += d.length;
                }
                writer.write(b(String.valueOf(n)));
                writer.close();
            }, "127.0.0.1", 0);
            StreamPair s = Streams.openConnection("127.0.0.1", server.port());
            byte[] big = new byte[1 << 20];
            // Fill every buffer on the way (ours, both kernels', the server's reader up to its pause
            // point) until a pause of the loop no longer moves anything: the writer stays paused.
            do {
                s.writer().write(big);
                Asyncio.sleep(0.02);
            } while (s.writer().transport().getWriteBufferSize() <= 64 * 1024);
            List<Task<Void>> drainers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                drainers.add(Asyncio.createTask(() -> s.writer().drain()));
            }
            Asyncio.sleep(0.01);
            assertThat(drainers).noneMatch(Task::isDone);
            go.setResult(null);
            Asyncio.gather(drainers).await();
            s.writer().writeEof();
            long expected = 0;
            assertThat(Long.parseLong(new String(s.reader().read(), StandardCharsets.US_ASCII))).isPositive();
            s.writer().close();
            server.close();
        });
    }

    @Test
    void drainAfterConnectionLostThrows() throws Exception {
        Asyncio.run(() -> {
            Server server = Streams.startServer((reader, writer) -> writer.close(), "127.0.0.1", 0);
            StreamPair s = Streams.openConnection("127.0.0.1", server.port());
            assertThat(s.reader().read()).isEmpty(); // the server closed
            s.writer().close();
            s.writer().waitClosed();
            assertThatThrownBy(() -> s.writer().drain()).isInstanceOf(SocketException.class)
                    .hasMessageContaining("Connection lost");
            server.close();
        });
    }

    @Test
    void cancelDuringReadExactlyOverTheNetworkLeavesTheStreamUsable() throws Exception {
        Asyncio.run(() -> {
            Server server = lineEcho("127.0.0.1");
            StreamPair s = Streams.openConnection("127.0.0.1", server.port());
            s.writer().write(b("12345\n"));
            Task<byte[]> t = Asyncio.createTask(() -> s.reader().readExactly(12)); // only 6 will come now
            while (s.reader().buffered() < 6) {
                Asyncio.sleep(0.001);
            }
            t.cancel();
            assertThatThrownBy(t::await).isInstanceOf(CancelledError.class);
            s.writer().write(b("67890\n"));
            assertThat(new String(s.reader().readExactly(12), StandardCharsets.US_ASCII)).isEqualTo("12345\n67890\n");
            s.writer().close();
            server.close();
        });
    }

    @Test
    void largeRandomEcho() throws Exception {
        Asyncio.run(() -> {
            Server server = Streams.startServer((reader, writer) -> {
                byte[] d;
                while ((d = reader.read(100_000)).length > 0) {
                    writer.write(d);
                    writer.drain();
                }
                writer.close();
            }, "127.0.0.1", 0);
            StreamPair s = Streams.openConnection("127.0.0.1", server.port());
            byte[] data = new byte[5_000_000];
            new Random(1).nextBytes(data);
            Task<Void> w = Asyncio.createTask(() -> {
                s.writer().write(data);
                s.writer().drain();
                s.writer().writeEof();
            });
            assertThat(s.reader().read()).isEqualTo(data);
            w.await();
            s.writer().close();
            server.close();
        });
    }
}
