package io.asyncio4j.net;

import io.asyncio4j.Asyncio;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.net.TransportTest.Echo;
import io.asyncio4j.stream.StreamPair;
import io.asyncio4j.stream.StreamReader;
import io.asyncio4j.stream.Streams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(20)
class LoopGroupTest {

    @Test
    void loopsRunOnTheirOwnThreads() throws Exception {
        try (LoopGroup group = new LoopGroup(2)) {
            assertThat(group.size()).isEqualTo(2);
            List<String> names = group.runOnEach(() -> Thread.currentThread().isVirtual()
                    + ":" + (EventLoop.current() != null));
            assertThat(names).containsExactly("true:true", "true:true");
            assertThat(group.next()).isNotSameAs(group.next());
            assertThat(group.submit(group.loops().get(1), () -> EventLoop.current()).get())
                    .isSameAs(group.loops().get(1));
        }
    }

    @Test
    void reusePortServerOnEveryLoop() throws Exception {
        try (LoopGroup group = new LoopGroup(2)) {
            Set<EventLoop> servedBy = ConcurrentHashMap.newKeySet();
            LoopGroup.GroupServer server = group.createServer(() -> new Echo() {
                @Override
                public void connectionMade(Transport transport) {
                    super.connectionMade(transport);
                    servedBy.add(EventLoop.current());
                }
            }, "127.0.0.1", 0);
            assertThat(server.servers()).hasSize(2);
            assertThat(server.servers()).allMatch(s -> s.port() == server.port());
            assertThat(server.servers().get(0).getLoop()).isNotSameAs(server.servers().get(1).getLoop());
            int port = server.port();
            // Many connections: the kernel spreads them over both listeners.
            Asyncio.run(() -> {
                for (int i = 0; i < 200 && servedBy.size() < 2; i++) {
                    StreamPair s = Streams.openConnection("127.0.0.1", port);
                    s.writer().write(new byte[] {1});
                    assertThat(s.reader().readExactly(1)).containsExactly(1);
                    s.writer().close();
                }
            });
            assertThat(servedBy).hasSize(2);
            server.close();

            // the streams flavour
            LoopGroup.GroupServer streams = group.createServer(() -> Streams.startServer((r, w) -> {
                w.write(r.readLine());
                w.close();
            }, List.of("127.0.0.1"), LoopGroup.currentPort(), StreamReader.DEFAULT_LIMIT,
                    new ServerOptions().reusePort(true)), "127.0.0.1", 0, new ServerOptions());
            Asyncio.run(() -> {
                StreamPair s = Streams.openConnection("127.0.0.1", streams.port());
                s.writer().write("hi\n".getBytes());
                assertThat(s.reader().readLine()).isEqualTo("hi\n".getBytes());
                s.writer().close();
            });
            streams.close();
        }
    }
}
