package io.asyncio4j.net;

import io.asyncio4j.Asyncio;
import io.asyncio4j.stream.StreamPair;
import io.asyncio4j.stream.Streams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Small writes of one loop iteration are coalesced and leave together when the iteration ends. */
@Timeout(20)
class CoalescedWritesTest {

    @Test
    void smallWritesWaitForTheEndOfTheIterationLargeOnesGoAtOnce() throws Exception {
        Asyncio.run(() -> {
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            Server server = Streams.startServer((r, w) -> {
                byte[] all = r.read();
                synchronized (received) {
                    received.write(all);
                }
                w.close();
            }, "127.0.0.1", 0);
            StreamPair c = Streams.openConnection("127.0.0.1", server.port());
            Transport t = (Transport) c.writer().transport();
            for (int i = 0; i < 100; i++) {
                c.writer().write(("line " + i + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            long queued = t.getWriteBufferSize();
            assertThat(queued).as("all 100 small writes are still queued in this step").isGreaterThan(600);
            Asyncio.sleep(0); // the iteration ends: one flush
            assertThat(t.getWriteBufferSize()).isZero();

            byte[] big = new byte[64 * 1024];
            c.writer().write(big);
            assertThat(t.getWriteBufferSize()).as("a large write with nothing queued goes straight out").isLessThan(big.length);
            c.writer().writeEof();
            c.reader().read();
            server.close();
            server.waitClosed();
            assertThat(received.size()).isEqualTo((int) queued + big.length);
        });
    }
}
