package io.asyncio4j.net;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.net.TransportTest.Collector;
import io.asyncio4j.net.TransportTest.Echo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stream transports and servers against asyncio's documented behaviour (each expectation was
 * observed on CPython's asyncio, selector_events.py / base_events.Server).
 */
@Timeout(20)
class TransportSemanticsTest {

    @Test
    void aProtocolAlwaysSeesConnectionMadeBeforeConnectionLost() throws Exception {
        // asyncio schedules connection_made when the transport is made; a close() before it runs
        // (here: create_connection cancelled while waiting for it) only queues connection_lost after it.
        Asyncio.run(() -> {
            EventLoop loop = EventLoop.current();
            Server server = Net.createServer(Echo::new, "127.0.0.1", 0);
            Task<?> me = Asyncio.currentTask();
            Collector[] client = new Collector[1];
            assertThatThrownBy(() -> Net.createConnection(() -> {
                loop.callSoon(me::cancel);
                return client[0] = new Collector();
            }, "127.0.0.1", server.port())).isInstanceOf(CancelledError.class);
            me.uncancel();
            assertThat(client[0].lost.await()).isNull();
            assertThat(client[0].events).containsExactly("made", "lost");
            server.close();
            server.waitClosed();
        });
    }

    @Test
    void closeClientsBeforeConnectionMadeStillMakesTheConnection() throws Exception {
        // Server.close_clients() right after an accept: the protocol gets connection_made, then connection_lost(None).
        Asyncio.run(() -> {
            List<Collector> accepted = new ArrayList<>();
            Server[] server = new Server[1];
            server[0] = Net.createServer(() -> {
                Collector c = new Collector();
                accepted.add(c);
                // queued before the transport's connection_made: the transport closes before it starts
                EventLoop.current().callSoon(() -> server[0].closeClients());
                return c;
            }, "127.0.0.1", 0);
            Connection<Collector> c = Net.createConnection(Collector::new, "127.0.0.1", server[0].port());
            assertThat(c.protocol().lost.await()).isNull();
            Collector s = accepted.get(0);
            assertThat(s.lost.await()).isNull();
            assertThat(s.events).containsExactly("made", "lost");
            server[0].close();
            server[0].waitClosed();
        });
    }

    @Test
    void readingStateAndWriteBufferLimits() throws Exception {
        Asyncio.run(() -> {
            Server server = Net.createServer(Echo::new, "127.0.0.1", 0);
            Transport t = Net.createConnection(Collector::new, "127.0.0.1", server.port()).transport();
            assertThat(t.isReading()).isTrue();
            t.pauseReading();
            t.pauseReading(); // idempotent
            assertThat(t.isReading()).isFalse();
            t.resumeReading();
            t.resumeReading();
            assertThat(t.isReading()).isTrue();
            assertThat(t.getWriteBufferLimits()).containsExactly(16384, 65536);
            t.setWriteBufferLimits(null, 1000);
            assertThat(t.getWriteBufferLimits()).containsExactly(1000, 4000);
            assertThatThrownBy(() -> t.setWriteBufferLimits(10, 20))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("high (10) must be >= low (20) must be >= 0");
            t.setWriteBufferLimits(0, null);
            assertThat(t.getWriteBufferLimits()).containsExactly(0, 0);
            t.close();
            assertThat(t.isClosing()).isTrue();
            assertThat(t.isReading()).isFalse();
            t.write(new byte[] {1}); // ignored: the connection is being lost
            assertThat(t.getWriteBufferSize()).isZero();
            server.close();
            server.waitClosed();
        });
    }

    @Test
    void serveForeverFailsOnAClosedServerAndWhenAlreadyServing() throws Exception {
        Asyncio.run(() -> {
            Server server = Net.createServer(Echo::new, "127.0.0.1", 0);
            Task<Void> forever = Asyncio.createTask(server::serveForever);
            Asyncio.sleep(0);
            assertThatThrownBy(server::serveForever).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is already being awaited on serveForever()");
            server.close(); // cancels serve_forever's future: it ends with CancelledError
            assertThatThrownBy(forever::await).isInstanceOf(CancelledError.class);
            assertThatThrownBy(server::serveForever).isInstanceOf(IllegalStateException.class)
                    .hasMessageEndingWith("is closed");
            server.waitClosed();
        });
    }

    @Test
    void waitClosedWaitsForTheCloseEvenWithoutConnections() throws Exception {
        // 3.12.1: wait_closed() returns only once the server is closed and every connection is gone.
        Asyncio.run(() -> {
            Server server = Net.createServer(Echo::new, "127.0.0.1", 0);
            Task<Void> waiter = Asyncio.createTask(server::waitClosed);
            Asyncio.sleep(0.01);
            assertThat(waiter.isDone()).isFalse();
            server.close();
            waiter.await();
            server.waitClosed(); // and at once afterwards
        });
    }

    @Test
    void abortClientsDropsBufferedDataAndLosesConnectionsWithoutError() throws Exception {
        Asyncio.run(() -> {
            io.asyncio4j.Future<Collector> accepted = EventLoop.current().createFuture();
            Server server = Net.createServer(() -> {
                Collector c = new Collector();
                accepted.setResult(c);
                return c;
            }, "127.0.0.1", 0);
            Connection<Collector> c = Net.createConnection(Collector::new, "127.0.0.1", server.port());
            c.transport().write(new byte[] {1});
            Collector s = accepted.await();
            s.awaitBytes(1).await();
            s.t.setWriteBufferLimits(0, null);
            c.transport().pauseReading();
            byte[] big = new byte[8 * 1024 * 1024];
            s.t.write(big);
            assertThat(s.t.getWriteBufferSize()).isPositive();
            server.abortClients();
            assertThat(s.lost.await()).isNull();
            assertThat(s.t.getWriteBufferSize()).isZero();
            server.close();
            server.waitClosed();
        });
    }

    @Test
    void eofReceivedReturningFalseClosesTheTransport() throws Exception {
        Asyncio.run(() -> {
            Server server = Net.createServer(Echo::new, "127.0.0.1", 0);
            Connection<Collector> c = Net.createConnection(Collector::new, "127.0.0.1", server.port());
            c.transport().writeEof(); // the echo server closes on EOF (its eof_received returns false)
            c.protocol().eof.await();
            assertThat(c.protocol().lost.await()).isNull();
            assertThat(c.protocol().events).containsExactly("made", "eof", "lost");
            assertThat(c.transport().isClosing()).isTrue();
            server.close();
            server.waitClosed();
        });
    }

    @Test
    void writeAfterWriteEofIsAnError() throws Exception {
        Asyncio.run(() -> {
            Server server = Net.createServer(Echo::new, "127.0.0.1", 0);
            Transport t = Net.createConnection(Collector::new, "127.0.0.1", server.port()).transport();
            assertThat(t.canWriteEof()).isTrue();
            t.writeEof();
            t.writeEof(); // idempotent
            assertThatThrownBy(() -> t.write(new byte[] {1})).isInstanceOf(IllegalStateException.class)
                    .hasMessage("Cannot call write() after writeEof()");
            t.close();
            server.close();
            server.waitClosed();
        });
    }

    @Test
    void smallWritesTheSocketTakesNeverPauseTheProtocol() throws Exception {
        // asyncio sends each write at once when nothing is queued: 256 KiB in 1 KiB writes within
        // one callback, all taken by the socket, never go over the high-water mark.
        Asyncio.run(() -> {
            Server server = Net.createServer(Collector::new, "127.0.0.1", 0);
            Connection<Collector> c = Net.createConnection(Collector::new, "127.0.0.1", server.port());
            byte[] chunk = new byte[1024];
            for (int i = 0; i < 256; i++) {
                c.transport().write(chunk);
                assertThat(c.transport().getWriteBufferSize()).isLessThanOrEqualTo(64 * 1024);
            }
            assertThat(c.protocol().events).containsExactly("made");
            c.transport().close();
            c.protocol().lost.await();
            assertThat(c.protocol().events).containsExactly("made", "lost");
            server.close();
            server.closeClients();
            server.waitClosed();
        });
    }

    @Test
    void closingAUnixServerLeavesASocketFileThatReplacedItsOwn(@TempDir Path dir) throws Exception {
        // 3.13 cleanup_socket: the file is removed only if it is still the one the server bound
        Path path = dir.resolve("s.sock");
        Asyncio.run(() -> {
            Server first = Net.createUnixServer(Echo::new, path);
            Server second = Net.createUnixServer(Echo::new, path); // replaces the (live) socket file
            first.close();
            assertThat(path).exists();
            Connection<Collector> c = Net.createUnixConnection(Collector::new, path);
            c.transport().close();
            c.protocol().lost.await();
            second.close();
            assertThat(path).doesNotExist();
            first.waitClosed();
            second.closeClients();
            second.waitClosed();
        });
    }

    @Test
    void aFailingConnectionMadeIsReportedAndTheConnectionStays() throws Exception {
        // connection_made is a plain loop callback in asyncio: "Exception in callback ...", and
        // the transport reads, writes and create_connection returns as usual
        Asyncio.run(() -> {
            EventLoop loop = EventLoop.current();
            List<Map<String, Object>> reported = new ArrayList<>();
            loop.setExceptionHandler((l, ctx) -> reported.add(ctx));
            IllegalStateException boom = new IllegalStateException("boom");
            Server server = Net.createServer(() -> new Echo() {
                @Override
                public void connectionMade(Transport transport) {
                    super.connectionMade(transport);
                    throw boom;
                }
            }, "127.0.0.1", 0);
            Connection<Collector> c = Net.createConnection(() -> new Collector() {
                @Override
                public void connectionMade(Transport transport) {
                    super.connectionMade(transport);
                    throw boom;
                }
            }, "127.0.0.1", server.port());
            assertThat(c.transport().isClosing()).isFalse();
            c.transport().write(new byte[] {7});
            c.protocol().awaitBytes(1).await(); // echoed by the server whose connectionMade failed too
            assertThat(reported).hasSize(2).allSatisfy(ctx -> {
                assertThat((String) ctx.get("message")).startsWith("Exception in callback");
                assertThat(ctx.get("exception")).isSameAs(boom);
            });
            c.transport().close();
            c.protocol().lost.await();
            server.close();
            server.waitClosed();
        });
    }

    @Test
    void anEmptyHostListensOnAllInterfaces() throws Exception {
        // create_server(host='') binds every interface, as host=None does
        Asyncio.run(() -> {
            Server server = Net.createServer(Echo::new, "", 0);
            assertThat(server.addresses()).allSatisfy(a ->
                    assertThat(((java.net.InetSocketAddress) a).getAddress().isAnyLocalAddress()).isTrue());
            Connection<Collector> c = Net.createConnection(Collector::new, "127.0.0.1", server.port());
            c.transport().close();
            c.protocol().lost.await();
            server.close();
            server.waitClosed();
        });
    }

    @Test
    void allAddressesFailingGiveOneErrorOrMultipleExceptions() {
        // base_events.create_connection: one error, the first of identical ones, else OSError('Multiple exceptions: ...')
        java.net.ConnectException a = new java.net.ConnectException("refused");
        java.net.ConnectException b = new java.net.ConnectException("refused");
        java.net.NoRouteToHostException c = new java.net.NoRouteToHostException("unreachable");
        assertThat(Net.connectFailure(List.of(a))).isSameAs(a);
        assertThat(Net.connectFailure(List.of(a, b))).isSameAs(a);
        Exception multi = Net.connectFailure(List.of(a, c));
        assertThat(multi).isExactlyInstanceOf(java.io.IOException.class)
                .hasMessage("Multiple exceptions: refused, unreachable");
        assertThat(multi.getSuppressed()).containsExactly(a, c);
    }

    @Test
    void sendfileLeavesTheFilePositionAfterWhatItSent(@TempDir Path dir) throws Exception {
        // loop.sendfile: "File position is always updated"; count=None sends to EOF; bad values are ValueError
        Path file = dir.resolve("f.bin");
        java.nio.file.Files.write(file, "0123456789".getBytes());
        Asyncio.run(() -> {
            Server server = Net.createServer(Echo::new, "127.0.0.1", 0);
            Connection<Collector> c = Net.createConnection(Collector::new, "127.0.0.1", server.port());
            try (java.nio.channels.FileChannel fc = java.nio.channels.FileChannel.open(file)) {
                assertThat(Net.sendfile(c.transport(), fc, 2, 3)).isEqualTo(3);
                assertThat(fc.position()).isEqualTo(5);
                assertThat(Net.sendfile(c.transport(), fc, 7)).isEqualTo(3); // to the end
                assertThat(fc.position()).isEqualTo(10);
                assertThatThrownBy(() -> Net.sendfile(c.transport(), fc, -1, 1))
                        .isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> Net.sendfile(c.transport(), fc, 0, 0))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("count must be a positive integer (got 0)");
            }
            c.protocol().awaitBytes(6).await();
            assertThat(c.protocol().received.toString()).isEqualTo("234789");
            c.transport().close();
            c.protocol().lost.await();
            server.close();
            server.waitClosed();
        });
    }

    @Test
    void unixConnectionErrors(@TempDir Path dir) throws Exception {
        // FileNotFoundError without a socket file; ConnectionRefusedError with a stale one
        Path stale = dir.resolve("stale.sock");
        try (var s = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            s.bind(java.net.UnixDomainSocketAddress.of(stale));
        }
        Asyncio.run(() -> {
            assertThatThrownBy(() -> Net.createUnixConnection(Collector::new, dir.resolve("none.sock")))
                    .isInstanceOf(java.io.FileNotFoundException.class);
            assertThatThrownBy(() -> Net.createUnixConnection(Collector::new, stale))
                    .isInstanceOf(java.net.ConnectException.class);
        });
    }
}
