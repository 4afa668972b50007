package io.asyncio4j.net;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.loop.EventLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Datagram endpoints against asyncio's _SelectorDatagramTransport (3.13), observed on CPython where it predates 3.13. */
@Timeout(20)
class DatagramSemanticsTest {

    /** Records datagrams, errors and the end; completes {@link #next} on each event. */
    static class Recorder implements DatagramProtocol {
        final List<String> events = new ArrayList<>();
        final List<Throwable> errors = new ArrayList<>();
        final Future<Throwable> lost = EventLoop.current().createFuture();
        Future<Void> next = EventLoop.current().createFuture();
        DatagramTransport t;

        @Override
        public void connectionMade(DatagramTransport transport) {
            t = transport;
            events.add("made");
        }

        @Override
        public void datagramReceived(ByteBuffer data, SocketAddress addr) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            events.add("data '" + new String(b) + "'");
            signal();
        }

        @Override
        public void errorReceived(Exception exc) {
            errors.add(exc);
            signal();
        }

        @Override
        public void connectionLost(Throwable exc) {
            events.add("lost");
            lost.setResult(exc);
        }

        void signal() {
            Future<Void> f = next;
            next = EventLoop.current().createFuture();
            f.setResult(null);
        }
    }

    static ByteBuffer b(String s) {
        return ByteBuffer.wrap(s.getBytes());
    }

    @Test
    void emptyDatagramsAreSent() throws Exception {
        // 3.13: sendto(b'') sends a zero-length datagram (3.11 silently dropped it); unconnected
        // endpoints only: a connected JDK channel cannot send one
        Asyncio.run(() -> {
            DatagramEndpoint<Recorder> rx = Net.createDatagramEndpoint(Recorder::new,
                    new InetSocketAddress("127.0.0.1", 0), null);
            SocketAddress addr = (SocketAddress) rx.transport().getExtraInfo("sockname");
            DatagramEndpoint<Recorder> tx = Net.createDatagramEndpoint(Recorder::new,
                    new InetSocketAddress("127.0.0.1", 0), null);
            assertThat(tx.transport().getWriteBufferLimits()).containsExactly(16384, 65536);
            Future<Void> two = rx.protocol().next;
            tx.transport().sendTo(b(""), addr);
            two.await();
            Future<Void> one = rx.protocol().next;
            tx.transport().sendTo(b("a"), addr);
            one.await();
            assertThat(rx.protocol().events).containsExactly("made", "data ''", "data 'a'");
            assertThat(tx.transport().getWriteBufferSize()).isZero();
            tx.transport().close();
            rx.transport().close();
        });
    }

    @Test
    void aConnectedEndpointChecksTheAddressAndHearsConnectionRefused() throws Exception {
        Asyncio.run(() -> {
            DatagramEndpoint<Recorder> rx = Net.createDatagramEndpoint(Recorder::new,
                    new InetSocketAddress("127.0.0.1", 0), null);
            SocketAddress addr = (SocketAddress) rx.transport().getExtraInfo("sockname");
            DatagramEndpoint<Recorder> tx = Net.createDatagramEndpoint(Recorder::new, null, addr);
            assertThat(tx.transport().getExtraInfo("peername")).isEqualTo(addr);
            assertThatThrownBy(() -> tx.transport().sendTo(b("x"), new InetSocketAddress("127.0.0.1", 1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Invalid address: must be null or ");
            rx.transport().close();
            rx.protocol().lost.await();
            // ICMP port unreachable: error_received(ConnectionRefusedError), the endpoint stays open
            Future<Void> err = tx.protocol().next;
            tx.transport().sendTo(b("z"), null);
            err.await();
            assertThat(tx.protocol().errors.getFirst()).isInstanceOf(PortUnreachableException.class);
            assertThat(tx.transport().isClosing()).isFalse();
            tx.transport().close();
            assertThat(tx.transport().isClosing()).isTrue();
            tx.transport().sendTo(b("q"), null); // after close: ignored
            assertThat(tx.protocol().lost.await()).isNull();
            assertThat(tx.protocol().events).containsExactly("made", "lost");
        });
    }

    @Test
    void cancellingCreateDatagramEndpointClosesTheTransport() throws Exception {
        Asyncio.run(() -> {
            EventLoop loop = EventLoop.current();
            Task<?> me = Asyncio.currentTask();
            Recorder[] made = new Recorder[1];
            assertThatThrownBy(() -> Net.createDatagramEndpoint(() -> {
                loop.callSoon(me::cancel);
                return made[0] = new Recorder();
            }, new InetSocketAddress("127.0.0.1", 0), null)).isInstanceOf(CancelledError.class);
            me.uncancel();
            assertThat(made[0].lost.await()).isNull();
            assertThat(made[0].events).containsExactly("made", "lost");
        });
    }

    @Test
    void aFailingDatagramReceivedIsReportedAndTheEndpointStays() throws Exception {
        // asyncio calls datagram_received outside its try: the loop reports it, nothing closes
        Asyncio.run(() -> {
            EventLoop loop = EventLoop.current();
            List<Throwable> reported = new ArrayList<>();
            loop.setExceptionHandler((l, ctx) -> reported.add((Throwable) ctx.get("exception")));
            IllegalStateException boom = new IllegalStateException("boom");
            DatagramEndpoint<Recorder> rx = Net.createDatagramEndpoint(() -> new Recorder() {
                @Override
                public void datagramReceived(ByteBuffer data, SocketAddress addr) {
                    super.datagramReceived(data, addr);
                    if (events.size() == 2) {
                        throw boom;
                    }
                }
            }, new InetSocketAddress("127.0.0.1", 0), null);
            SocketAddress addr = (SocketAddress) rx.transport().getExtraInfo("sockname");
            DatagramEndpoint<Recorder> tx = Net.createDatagramEndpoint(Recorder::new, null, addr);
            Future<Void> first = rx.protocol().next;
            tx.transport().sendTo(b("1"), null);
            first.await();
            Future<Void> second = rx.protocol().next;
            tx.transport().sendTo(b("2"), null);
            second.await();
            assertThat(rx.protocol().events).containsExactly("made", "data '1'", "data '2'");
            assertThat(reported).containsExactly(boom);
            assertThat(rx.transport().isClosing()).isFalse();
            tx.transport().close();
            rx.transport().close();
            rx.protocol().lost.await();
        });
    }
}
