package io.asyncio4j.stream;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.net.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;

import static io.asyncio4j.stream.StreamsTest.b;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** open_connection/start_server and StreamWriter against asyncio's streams.py (observed on CPython). */
@Timeout(20)
class StreamsSemanticsTest {

    @Test
    void writeAfterCloseIsIgnoredAndDrainThenRaisesConnectionReset() throws Exception {
        Asyncio.run(() -> {
            Server server = StreamsTest.lineEcho("127.0.0.1");
            StreamPair s = Streams.openConnection("127.0.0.1", server.port());
            s.writer().close();
            s.writer().close(); // idempotent
            assertThat(s.writer().isClosing()).isTrue();
            s.writer().write(b("dropped\n")); // no error
            // drain() yields once so that connection_lost runs, then raises ConnectionResetError
            assertThatThrownBy(() -> s.writer().drain()).isInstanceOf(SocketException.class)
                    .hasMessage("Connection lost");
            s.writer().waitClosed();
            assertThat(s.reader().read()).isEmpty(); // connection_lost(None) fed EOF
            server.close();
            server.waitClosed();
        });
    }

    @Test
    void extraInfoNames() throws Exception {
        Asyncio.run(() -> {
            Server server = StreamsTest.lineEcho("127.0.0.1");
            StreamPair s = Streams.openConnection("127.0.0.1", server.port());
            assertThat(s.writer().getExtraInfo("peername")).isEqualTo(new InetSocketAddress("127.0.0.1", server.port()));
            assertThat(s.writer().getExtraInfo("sockname")).isInstanceOf(InetSocketAddress.class);
            assertThat(s.writer().getExtraInfo("socket")).isInstanceOf(SocketChannel.class);
            assertThat(s.writer().getExtraInfo("no such key")).isNull();
            assertThat(s.writer().getExtraInfo("no such key", "default")).isEqualTo("default");
            assertThat(server.sockets()).singleElement().isInstanceOf(ServerSocketChannel.class);
            s.writer().close();
            server.close();
            server.waitClosed();
        });
    }

    @Test
    void aFailingClientCallbackIsReportedAndClosesTheConnection() throws Exception {
        Asyncio.run(() -> {
            EventLoop loop = EventLoop.current();
            Future<Map<String, Object>> reported = loop.createFuture();
            loop.setExceptionHandler((l, ctx) -> reported.setResult(ctx));
            IllegalStateException boom = new IllegalStateException("boom");
            Server server = Streams.startServer((reader, writer) -> {
                throw boom;
            }, "127.0.0.1", 0);
            StreamPair s = Streams.openConnection("127.0.0.1", server.port());
            assertThat(s.reader().read()).isEmpty(); // the server closed the transport
            Map<String, Object> ctx = reported.await();
            assertThat(ctx.get("message")).isEqualTo("Unhandled exception in client_connected_cb");
            assertThat(ctx.get("exception")).isSameAs(boom);
            assertThat(ctx).containsKey("transport");
            s.writer().close();
            server.close();
            server.waitClosed();
        });
    }

    @Test
    void aCancelledClientCallbackClosesTheConnection() throws Exception {
        Asyncio.run(() -> {
            Server server = Streams.startServer((reader, writer) -> {
                Task<?> me = Asyncio.currentTask();
                me.cancel();
                Asyncio.sleep(0);
            }, "127.0.0.1", 0);
            StreamPair s = Streams.openConnection("127.0.0.1", server.port());
            assertThat(s.reader().read()).isEmpty();
            s.writer().close();
            server.close();
            server.waitClosed();
        });
    }

    @Test
    void connectionRefusedIsAConnectException() throws Exception {
        Asyncio.run(() -> {
            int port;
            try (ServerSocketChannel probe = ServerSocketChannel.open()) {
                probe.bind(new InetSocketAddress("127.0.0.1", 0));
                port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
            }
            assertThatThrownBy(() -> Streams.openConnection("127.0.0.1", port))
                    .isInstanceOf(ConnectException.class)
                    .hasMessageStartingWith("Connect call failed");
        });
    }

    @Test
    void drainRaisesTheReadersException() throws Exception {
        Asyncio.run(() -> {
            Server server = StreamsTest.lineEcho("127.0.0.1");
            StreamPair s = Streams.openConnection("127.0.0.1", server.port());
            IllegalStateException boom = new IllegalStateException("boom");
            s.reader().setException(boom);
            assertThatThrownBy(() -> s.writer().drain()).isSameAs(boom);
            s.writer().close();
            server.close();
            server.waitClosed();
        });
    }

    @Test
    void eofFromThePeerKeepsAStreamConnectionOpen() throws Exception {
        Asyncio.run(() -> {
            Server server = Streams.startServer((reader, writer) -> {
                ((io.asyncio4j.net.Transport) writer.transport()).abort();
            }, "127.0.0.1", 0);
            StreamPair s = Streams.openConnection("127.0.0.1", server.port());
            // StreamReaderProtocol.eof_received returns True: the client sees EOF and stays open (half-closed)
            assertThat(s.reader().read()).isEmpty();
            assertThat(s.writer().isClosing()).isFalse();
            s.writer().close();
            s.writer().waitClosed();
            server.close();
            server.waitClosed();
        });
    }
}
