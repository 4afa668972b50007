package io.asyncio4j.net;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.loop.EventLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(20)
class TransportTest {

    /** Echoes everything; closes on EOF. */
    static class Echo implements Protocol {
        Transport t;

        @Override
        public void connectionMade(Transport transport) {
            t = transport;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            t.write(data);
        }
    }

    /** Collects what it receives and completes futures on EOF and connection lost. */
    static class Collector implements Protocol {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final List<String> events = new ArrayList<>();
        final Future<Void> eof;
        final Future<Throwable> lost;
        Transport t;
        boolean keepOpen;
        int want = -1;
        Future<Void> gotWanted;

        Collector() {
            EventLoop loop = EventLoop.current();
            eof = loop.createFuture();
            lost = loop.createFuture();
        }

        @Override
        public void connectionMade(Transport transport) {
            t = transport;
            events.add("made");
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            received.writeBytes(b);
            if (gotWanted != null && received.size() >= want && !gotWanted.isDone()) {
                gotWanted.setResult(null);
            }
        }

        Future<Void> awaitBytes(int n) {
            want = n;
            gotWanted = EventLoop.current().createFuture();
            if (received.size() >= n) {
                gotWanted.setResult(null);
            }
            return gotWanted;
        }

        @Override
        public boolean eofReceived() {
            events.add("eof");
            eof.setResult(null);
            return keepOpen;
        }

        @Override
        public void pauseWriting() {
            events.add("pause");
        }

        @Override
        public void resumeWriting() {
            events.add("resume");
        }

        @Override
        public void connectionLost(Throwable exc) {
            events.add("lost");
            if (!lost.isDone()) {
                lost.setResult(exc);
            }
        }
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void echoRoundTripWithLargePayload() throws Exception {
        Asyncio.run(() -> {
            Server server = Net.createServer(Echo::new, "127.0.0.1", 0);
            Connection<Collector> c = Net.createConnection(Collector::new, "127.0.0.1", server.port());
            byte[] data = random(3 * 1024 * 1024);
            c.transport().write(data);
            c.protocol().awaitBytes(data.length).await();
            assertThat(c.protocol().received.toByteArray()).isEqualTo(data);
            assertThat(c.transport().getExtraInfo("peername")).isEqualTo(new InetSocketAddress("127.0.0.1", server.port()));
            assertThat(c.transport().getExtraInfo("sockname")).isInstanceOf(InetSocketAddress.class);
            assertThat(c.transport().getExtraInfo("socket")).isInstanceOf(SocketChannel.class);
            c.transport().close();
            assertThat(c.protocol().lost.await()).isNull();
            assertThat(c.protocol().events).containsExactly("made", "lost");
            server.close();
            server.waitClosed();
        });
    }

    @Test
    void writeBufferLimitsAndPauseResumeWriting() throws Exception {
        Asyncio.run(() -> {
            // A server that does not read until told to.
            List<Transport> accepted = new ArrayList<>();
            Server server = Net.createServer(() -> new Protocol() {
                @Override
                public void connectionMade(Transport t) {
                    t.pauseReading();
                    accepted.add(t);
                }

                @Override
                public void dataReceived(ByteBuffer data) {
                }
            }, "127.0.0.1", 0);
            Connection<Collector> c = Net.createConnection(Collector::new, "127.0.0.1", server.port());
            Transport t = c.transport();
            assertThat(t.getWriteBufferLimits()).containsExactly(16 * 1024, 64 * 1024);
            t.setWriteBufferLimits(null, 1000);
            assertThat(t.getWriteBufferLimits()).containsExactly(1000, 4000);
            t.setWriteBufferLimits(8192, null);
            assertThat(t.getWriteBufferLimits()).containsExactly(2048, 8192);
            assertThatThrownBy(() -> t.setWriteBufferLimits(1, 2)).isInstanceOf(IllegalArgumentException.class);
            byte[] chunk = new byte[64 * 1024];
            while (!c.protocol().events.contains("pause")) {
                t.write(chunk);
            }
            assertThat(t.getWriteBufferSize()).isGreaterThan(8192);
            while (accepted.isEmpty()) {
                Asyncio.sleep(0);
            }
            accepted.getFirst().resumeReading();
            while (!c.protocol().events.contains("resume")) {
                Asyncio.sleep(0.001);
            }
            assertThat(t.getWriteBufferSize()).isLessThanOrEqualTo(2048);
            t.abort();
            c.protocol().lost.await();
            server.close();
            server.abortClients();
            server.waitClosed();
        });
    }

    @Test
    void bufferedProtocolReadsIntoItsOwnBuffer() throws Exception {
        Asyncio.run(() -> {
            Server server = Net.createServer(Echo::new, "127.0.0.1", 0);
            ByteBuffer mine = ByteBuffer.allocate(100_000);
            Future<Void> full = EventLoop.current().createFuture();
            List<Integer> updates = new ArrayList<>();
            Connection<BufferedProtocol> c = Net.createConnection(() -> new BufferedProtocol() {
                @Override
                public ByteBuffer getBuffer(int sizeHint) {
                    assertThat(sizeHint).isEqualTo(-1);
                    return mine;
                }

                @Override
                public void bufferUpdated(int nbytes) {
                    updates.add(nbytes);
                    if (!mine.hasRemaining()) {
                        full.setResult(null);
                    }
                }
            }, "127.0.0.1", server.port());
            byte[] data = random(100_000);
            c.transport().write(data);
            full.await();
            assertThat(mine.array()).isEqualTo(data);
            assertThat(updates.stream().mapToInt(Integer::intValue).sum()).isEqualTo(100_000);
            c.transport().close();
            server.close();
        });
    }

    @Test
    void halfCloseBothWays() throws Exception {
        Asyncio.run(() -> {
            List<Collector> serverSide = new ArrayList<>();
            Server server = Net.createServer(() -> {
                Collector col = new Collector();
                col.keepOpen = true;
                serverSide.add(col);
                return col;
            }, "127.0.0.1", 0);
            Connection<Collector> c = Net.createConnection(Collector::new, "127.0.0.1", server.port());
            c.protocol().keepOpen = true;
            assertThat(c.transport().canWriteEof()).isTrue();
            c.transport().write("request".getBytes(StandardCharsets.US_ASCII));
            c.transport().writeEof();
            assertThatThrownBy(() -> c.transport().write(new byte[1])).isInstanceOf(IllegalStateException.class);
            while (serverSide.isEmpty()) {
                Asyncio.sleep(0);
            }
            Collector s = serverSide.getFirst();
            s.eof.await(); // client -> server half closed; server can still write
            assertThat(s.received.toString(StandardCharsets.US_ASCII)).isEqualTo("request");
            s.t.write("reply".getBytes(StandardCharsets.US_ASCII));
            s.t.writeEof(); // server -> client half closed
            c.protocol().eof.await();
            assertThat(c.protocol().received.toString(StandardCharsets.US_ASCII)).isEqualTo("reply");
            c.transport().close();
            s.t.close();
            assertThat(c.protocol().lost.await()).isNull();
            assertThat(s.lost.await()).isNull();
            server.close();
            server.waitClosed();
        });
    }

    @Test
    void serverCloseKeepsClientsUntilCloseClients() throws Exception {
        Asyncio.run(() -> {
            Server server = Net.createServer(Echo::new, List.of("127.0.0.1", "127.0.0.1"), 0, new ServerOptions()
                    .backlog(10).keepAlive(true).reuseAddress(true));
            assertThat(server.sockets()).hasSize(1); // duplicate addresses are bound once
            assertThat(server.isServing()).isTrue();
            Connection<Collector> c = Net.createConnection(Collector::new, "127.0.0.1", server.port());
            c.transport().write(new byte[] {1});
            c.protocol().awaitBytes(1).await();
            server.close();
            assertThat(server.isServing()).isFalse();
            assertThat(server.sockets()).isEmpty();
            var waiter = Asyncio.createTask(server::waitClosed);
            Asyncio.sleep(0.01);
            assertThat(waiter.isDone()).isFalse(); // a client is still connected
            c.transport().write(new byte[] {2});
            c.protocol().awaitBytes(2).await();
            server.closeClients();
            waiter.await();
            assertThat(c.protocol().lost.await()).isNull();
        });
    }

    @Test
    void serveForeverEndsWhenCancelled() throws Exception {
        Asyncio.run(() -> {
            Server server = Net.createServer(Echo::new, "127.0.0.1", 0, new ServerOptions().startServing(false));
            assertThat(server.isServing()).isFalse();
            var task = Asyncio.createTask(server::serveForever);
            Asyncio.sleep(0);
            assertThat(server.isServing()).isTrue();
            Connection<Collector> c = Net.createConnection(Collector::new, "127.0.0.1", server.port());
            c.transport().close();
            task.cancel();
            assertThatThrownBy(task::await).isInstanceOf(io.asyncio4j.CancelledError.class);
            assertThat(server.sockets()).isEmpty();
        });
    }

    @Test
    void unixServerAndConnectionRemoveTheSocketFile(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("echo.sock");
        Asyncio.run(() -> {
            Server server = Net.createUnixServer(Echo::new, path);
            assertThat(path).exists();
            Connection<Collector> c = Net.createUnixConnection(Collector::new, path);
            c.transport().write("unix".getBytes(StandardCharsets.US_ASCII));
            c.protocol().awaitBytes(4).await();
            assertThat(c.protocol().received.toString(StandardCharsets.US_ASCII)).isEqualTo("unix");
            c.transport().close();
            c.protocol().lost.await();
            server.close();
            server.waitClosed();
            assertThat(path).doesNotExist();
        });
    }

    @Test
    void datagramEndpoints() throws Exception {
        Asyncio.run(() -> {
            EventLoop loop = EventLoop.current();
            DatagramEndpoint<DatagramProtocol> server = Net.createDatagramEndpoint(() -> new DatagramProtocol() {
                DatagramTransport t;

                @Override
                public void connectionMade(DatagramTransport transport) {
                    t = transport;
                }

                @Override
                public void datagramReceived(ByteBuffer data, SocketAddress addr) {
                    t.sendTo(data, addr);
                }
            }, new InetSocketAddress("127.0.0.1", 0), null);
            SocketAddress serverAddr = (SocketAddress) server.transport().getExtraInfo("sockname");
            Future<String> reply = loop.createFuture();
            DatagramEndpoint<DatagramProtocol> client = Net.createDatagramEndpoint(() -> (data, addr) -> {
                reply.setResult(StandardCharsets.US_ASCII.decode(data) + " from " + addr);
            }, null, serverAddr);
            client.transport().sendTo(ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII)), null);
            assertThat(reply.await()).isEqualTo("ping from " + serverAddr);
            client.transport().close();
            server.transport().close();
        });
    }

    @Test
    void sockFunctionsAndConnectAcceptedSocket() throws Exception {
        Asyncio.run(() -> {
            ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0), 5);
            SocketChannel client = SocketChannel.open();
            var accept = Asyncio.createTask(() -> Net.sockAccept(listener));
            Net.sockConnect(client, listener.getLocalAddress());
            SocketChannel accepted = accept.await();
            Net.sockSendall(client, ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)));
            assertThat(new String(Net.sockRecv(accepted, 100), StandardCharsets.US_ASCII)).isEqualTo("hello");
            // hand the accepted socket to a transport
            Connection<Echo> c = Net.connectAcceptedSocket(Echo::new, accepted);
            Net.sockSendall(client, ByteBuffer.wrap("again".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer in = ByteBuffer.allocate(5);
            while (in.hasRemaining()) {
                Net.sockRecv(client, in);
            }
            assertThat(new String(in.array(), StandardCharsets.US_ASCII)).isEqualTo("again");
            client.close();
            c.transport().close();
            listener.close();
        });
    }

    @Test
    void sendfileSendsTheFileAfterBufferedData(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data.bin");
        byte[] content = random(2 * 1024 * 1024 + 17);
        Files.write(file, content);
        Asyncio.run(() -> {
            Server server = Net.createServer(Echo::new, "127.0.0.1", 0);
            Connection<Collector> c = Net.createConnection(Collector::new, "127.0.0.1", server.port());
            c.transport().write("head".getBytes(StandardCharsets.US_ASCII));
            long sent;
            try (FileChannel fc = FileChannel.open(file, StandardOpenOption.READ)) {
                sent = Net.sendfile(c.transport(), fc, 10, content.length - 10);
            }
            assertThat(sent).isEqualTo(content.length - 10);
            c.protocol().awaitBytes(4 + content.length - 10).await();
            byte[] got = c.protocol().received.toByteArray();
            assertThat(new String(got, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("head");
            assertThat(java.util.Arrays.copyOfRange(got, 4, got.length))
                    .isEqualTo(java.util.Arrays.copyOfRange(content, 10, content.length));
            c.transport().close();
            server.close();
        });
    }

    @Test
    void existingConnectedSocketAndLocalAddress() throws Exception {
        Asyncio.run(() -> {
            Server server = Net.createServer(Echo::new, "127.0.0.1", 0);
            Connection<Collector> c = Net.createConnection(Collector::new, "localhost", server.port(),
                    new ConnectOptions().localAddress(new InetSocketAddress("127.0.0.1", 0)).keepAlive(true));
            c.transport().close();
            SocketChannel ch = SocketChannel.open();
            Net.sockConnect(ch, new InetSocketAddress("127.0.0.1", server.port()));
            Connection<Collector> d = Net.createConnection(Collector::new, ch);
            d.transport().write(new byte[] {7});
            d.protocol().awaitBytes(1).await();
            d.transport().close();
            server.close();
        });
    }
}
