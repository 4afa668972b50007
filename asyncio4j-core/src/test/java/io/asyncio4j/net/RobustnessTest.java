package io.asyncio4j.net;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.TimeoutError;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.net.TransportTest.Collector;
import io.asyncio4j.net.TransportTest.Echo;
import io.asyncio4j.stream.StreamPair;
import io.asyncio4j.stream.Streams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class RobustnessTest {

    private static SocketChannel resettingClient(int port) throws Exception {
        SocketChannel ch = SocketChannel.open();
        Net.sockConnect(ch, new InetSocketAddress("127.0.0.1", port));
        ch.setOption(StandardSocketOptions.SO_LINGER, 0); // close() sends RST
        return ch;
    }

    @Test
    void peerResetMidRead() throws Exception {
        Asyncio.run(() -> {
            Future<Object> outcome = EventLoop.current().createFuture();
            List<io.asyncio4j.stream.StreamReader> readers = new ArrayList<>();
            var server = Streams.startServer((reader, writer) -> {
                readers.add(reader);
                try {
                    outcome.setResult(reader.readExactly(100));
                } catch (Exception e) {
                    outcome.setResult(e);
                }
            }, "127.0.0.1", 0);
            SocketChannel ch = resettingClient(server.port());
            Net.sockSendall(ch, ByteBuffer.wrap(new byte[10])); // 10 of the 100 bytes, then reset
            while (readers.isEmpty() || readers.getFirst().buffered() < 10) {
                Asyncio.sleep(0.001); // until the server is in readExactly with 10 bytes buffered
            }
            ch.close();
            Object r = outcome.await();
            assertThat(r).isInstanceOf(IOException.class);
            assertThat(((Exception) r).getMessage()).containsIgnoringCase("reset");
            server.close();
            server.waitClosed();
        });
    }

    @Test
    void peerResetMidWrite() throws Exception {
        Asyncio.run(() -> {
            Future<Object> outcome = EventLoop.current().createFuture();
            Future<Void> blocked = EventLoop.current().createFuture();
            var server = Streams.startServer((reader, writer) -> {
                byte[] chunk = new byte[256 * 1024];
                try {
                    for (int i = 0; ; i++) {
                        writer.write(chunk);
                        if (writer.transport().getWriteBufferSize() > 0 && !blocked.isDone()) {
                            blocked.setResult(null); // the peer stopped reading: we are mid-write
                        }
                        writer.drain();
                    }
                } catch (Exception e) {
                    outcome.setResult(e);
                }
            }, "127.0.0.1", 0);
            SocketChannel ch = resettingClient(server.port());
            blocked.await();
            ch.close();
            Object r = outcome.await();
            assertThat(r).isInstanceOf(IOException.class);
            server.close();
            server.waitClosed();
        });
    }

    @Test
    void connectionRefusedIsAConnectException() throws Exception {
        int port;
        try (ServerSocketChannel s = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            port = ((InetSocketAddress) s.getLocalAddress()).getPort();
        }
        Asyncio.run(() -> {
            assertThatThrownBy(() -> Net.createConnection(Collector::new, "127.0.0.1", port))
                    .isInstanceOf(ConnectException.class)
                    .hasMessageContaining("Connect call failed")
                    .hasMessageContaining(String.valueOf(port));
            assertThatThrownBy(() -> Streams.openConnection("127.0.0.1", port)).isInstanceOf(ConnectException.class);
        });
    }

    /**
     * A listener whose accept queue is full drops further SYNs (Linux: {@code sk_acceptq_is_full}),
     * so a connect to it stays pending on loopback: no traffic leaves the machine.
     */
    @Test
    void connectTimeoutIsATimeoutError() throws Exception {
        try (ServerSocketChannel s = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0), 1)) {
            InetSocketAddress addr = (InetSocketAddress) s.getLocalAddress();
            List<SocketChannel> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 6; i++) {
                    SocketChannel f = SocketChannel.open();
                    f.configureBlocking(false);
                    f.connect(addr);
                    fillers.add(f);
                }
                Asyncio.run(() -> {
                    long t0 = System.nanoTime();
                    assertThatThrownBy(() -> Net.createConnection(Collector::new, "127.0.0.1", addr.getPort(),
                            new ConnectOptions().connectTimeout(Duration.ofMillis(300))))
                            .isInstanceOf(TimeoutError.class)
                            .hasMessageContaining("timed out");
                    assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(250_000_000L);
                    // the task itself is not left cancelled
                    assertThat(Asyncio.currentTask().cancelling()).isZero();
                    Asyncio.sleep(0);
                });
            } finally {
                for (SocketChannel f : fillers) {
                    f.close();
                }
            }
        }
    }

    @Test
    void writingToAClosingTransport() throws Exception {
        Asyncio.run(() -> {
            List<Collector> serverSide = new ArrayList<>();
            Server server = Net.createServer(() -> {
                Collector c = new Collector();
                serverSide.add(c);
                return c;
            }, "127.0.0.1", 0);
            Connection<Collector> c = Net.createConnection(Collector::new, "127.0.0.1", server.port());
            Transport t = c.transport();
            t.setWriteBufferLimits(1, 0);
            byte[] big = new byte[8 * 1024 * 1024];
            t.write(big); // more than the socket takes at once: some is buffered
            assertThat(t.getWriteBufferSize()).isPositive();
            t.close();
            assertThat(t.isClosing()).isTrue();
            assertThat(t.isReading()).isFalse();
            t.close(); // idempotent
            t.write("late".getBytes(StandardCharsets.US_ASCII)); // accepted and sent: the buffer is still flushing
            assertThat(c.protocol().lost.await()).isNull();
            t.write("after close".getBytes(StandardCharsets.US_ASCII)); // dropped, no exception
            Collector s = serverSide.getFirst();
            s.lost.await();
            assertThat(s.received.size()).isEqualTo(big.length + 4); // everything buffered before close arrived
            assertThat(c.protocol().events).containsExactly("made", "pause", "resume", "lost");
            server.close();
        });
    }

    @Test
    void exceptionInProtocolCallbackIsReportedAndClosesOnlyThatConnection() throws Exception {
        Asyncio.run(() -> {
            EventLoop loop = EventLoop.current();
            List<Map<String, Object>> reports = new ArrayList<>();
            loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
            RuntimeException boom = new RuntimeException("boom");
            Future<Throwable> serverLost = loop.createFuture();
            Server server = Net.createServer(() -> new Protocol() {
                Transport t;

                @Override
                public void connectionMade(Transport transport) {
                    t = transport;
                }

                @Override
                public void dataReceived(ByteBuffer data) {
                    if (data.get(data.position()) == 'X') {
                        throw boom;
                    }
                    t.write(data);
                }

                @Override
                public void connectionLost(Throwable exc) {
                    if (!serverLost.isDone()) {
                        serverLost.setResult(exc);
                    }
                }
            }, "127.0.0.1", 0);
            Connection<Collector> bad = Net.createConnection(Collector::new, "127.0.0.1", server.port());
            bad.transport().write("X".getBytes(StandardCharsets.US_ASCII));
            assertThat(serverLost.await()).isSameAs(boom);
            bad.protocol().lost.await(); // the server closed the connection
            assertThat(reports).hasSize(1);
            assertThat(reports.getFirst().get("message")).isEqualTo("Fatal error: protocol.dataReceived() call failed.");
            assertThat(reports.getFirst().get("exception")).isSameAs(boom);
            // the loop and the server keep working
            Connection<Collector> good = Net.createConnection(Collector::new, "127.0.0.1", server.port());
            good.transport().write("ok".getBytes(StandardCharsets.US_ASCII));
            good.protocol().awaitBytes(2).await();
            good.transport().close();
            server.close();
        });
    }

    private static long openFds() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    @Test
    void tenThousandConnectionsLeaveNoFileDescriptorsBehind() throws Exception {
        Asyncio.run(() -> {
            Server server = Net.createServer(Echo::new, "127.0.0.1", 0, new ServerOptions().backlog(512));
            int port = server.port();
            VoidBody round = (n) -> {
                List<Task<Void>> tasks = new ArrayList<>();
                for (int w = 0; w < 50; w++) {
                    tasks.add(Asyncio.createTask(() -> {
                        for (int i = 0; i < n; i++) {
                            StreamPair s = Streams.openConnection("127.0.0.1", port);
                            s.writer().write(new byte[] {42});
                            assertThat(s.reader().readExactly(1)).containsExactly(42);
                            s.writer().close();
                            s.writer().waitClosed();
                        }
                    }));
                }
                Asyncio.gather(tasks).await();
                while (server.activeCount() > 0) {
                    Asyncio.sleep(0.001);
                }
                Asyncio.sleep(0.01); // one more select so that closed channels are deregistered
            };
            round.run(2); // warm up: lazily opened JDK resources
            long before = openFds();
            round.run(200); // 50 × 200 = 10,000 connections
            long after = openFds();
            assertThat(after).isLessThanOrEqualTo(before);
            server.close();
        });
    }

    @FunctionalInterface
    interface VoidBody {
        void run(int n) throws Exception;
    }
}
