package io.asyncio4j.stream;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import io.asyncio4j.loop.EventLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class StreamReaderTest {
    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static String s(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    @Test
    void readVariants() throws Exception {
        Asyncio.run(() -> {
            StreamReader r = new StreamReader();
            r.feedData(b("line1\nline2\nrest"));
            assertThat(s(r.readLine())).isEqualTo("line1\n");
            assertThat(s(r.read(3))).isEqualTo("lin");
            assertThat(s(r.readExactly(3))).isEqualTo("e2\n");
            assertThat(r.read(0)).isEmpty();
            r.feedEof();
            assertThat(s(r.readLine())).isEqualTo("rest"); // partial last line at EOF
            assertThat(r.atEof()).isTrue();
            assertThat(r.readLine()).isEmpty();
            assertThat(r.read(10)).isEmpty();
            assertThat(r.read()).isEmpty();
        });
    }

    @Test
    void readWaitsForData() throws Exception {
        Asyncio.run(() -> {
            StreamReader r = new StreamReader();
            Task<byte[]> t = Asyncio.createTask(() -> r.readExactly(6));
            Asyncio.sleep(0);
            r.feedData(b("abc"));
            Asyncio.sleep(0);
            assertThat(t.isDone()).isFalse();
            r.feedData(b("defgh"));
            assertThat(s(t.await())).isEqualTo("abcdef");
            Task<byte[]> all = Asyncio.createTask(() -> r.read());
            r.feedData(b("ij"));
            Asyncio.sleep(0);
            r.feedEof();
            assertThat(s(all.await())).isEqualTo("ghij");
        });
    }

    @Test
    void readExactlyAtEofCarriesThePartialData() throws Exception {
        Asyncio.run(() -> {
            StreamReader r = new StreamReader();
            r.feedData(b("abc"));
            r.feedEof();
            IncompleteReadError e = org.junit.jupiter.api.Assertions.assertThrows(IncompleteReadError.class,
                    () -> r.readExactly(5));
            assertThat(s(e.partial())).isEqualTo("abc");
            assertThat(e.expected()).isEqualTo(5);
            assertThat(r.atEof()).isTrue();
        });
    }

    @Test
    void readUntilWithSeveralSeparatorsTakesTheEarliestEnd() throws Exception {
        Asyncio.run(() -> {
            StreamReader r = new StreamReader();
            r.feedData(b("aaa\r\nbbb\nccc--"));
            assertThat(s(r.readUntil(b("\n"), b("\r\n")))).isEqualTo("aaa\r\n");
            assertThat(s(r.readUntil(b("--"), b("\n")))).isEqualTo("bbb\n");
            assertThat(s(r.readUntil(b("--")))).isEqualTo("ccc--");
            assertThatThrownBy(() -> r.readUntil(new byte[0])).isInstanceOf(IllegalArgumentException.class);
            r.feedData(b("tail"));
            r.feedEof();
            IncompleteReadError e = org.junit.jupiter.api.Assertions.assertThrows(IncompleteReadError.class,
                    () -> r.readUntil(b("\n")));
            assertThat(s(e.partial())).isEqualTo("tail");
            assertThat(e.expected()).isNull();
        });
    }

    @Test
    void limitOverrunLeavesTheDataInTheBuffer() throws Exception {
        Asyncio.run(() -> {
            StreamReader r = new StreamReader(8, EventLoop.current());
            r.feedData(b("0123456789ABCDEF\n"));
            LimitOverrunError e = org.junit.jupiter.api.Assertions.assertThrows(LimitOverrunError.class,
                    () -> r.readUntil(b("\n")));
            assertThat(e.getMessage()).contains("Separator is found, but chunk is longer than limit");
            assertThat(e.consumed()).isEqualTo(16);
            assertThat(r.buffered()).isEqualTo(17); // untouched
            assertThat(s(r.readExactly(17))).isEqualTo("0123456789ABCDEF\n");

            r.feedData(b("0123456789ABCDEF")); // no separator, over the limit
            LimitOverrunError e2 = org.junit.jupiter.api.Assertions.assertThrows(LimitOverrunError.class,
                    () -> r.readUntil(b("\n")));
            assertThat(e2.getMessage()).contains("Separator is not found, and chunk exceed the limit");
            assertThat(r.buffered()).isEqualTo(16);
            // readLine discards the too-long line and raises ValueError (IllegalArgumentException)
            r.feedData(b("\nok\n"));
            assertThatThrownBy(r::readLine).isInstanceOf(IllegalArgumentException.class);
            assertThat(s(r.readLine())).isEqualTo("ok\n");
        });
    }

    @Test
    void cancellingReadExactlyLeavesTheBufferIntact() throws Exception {
        Asyncio.run(() -> {
            StreamReader r = new StreamReader();
            r.feedData(b("abcd"));
            Task<byte[]> t = Asyncio.createTask(() -> r.readExactly(10));
            Asyncio.sleep(0);
            r.feedData(b("efg"));
            Asyncio.sleep(0);
            t.cancel();
            assertThatThrownBy(t::await).isInstanceOf(CancelledError.class);
            assertThat(r.buffered()).isEqualTo(7); // nothing was consumed
            r.feedData(b("hij"));
            assertThat(s(r.readExactly(10))).isEqualTo("abcdefghij"); // and the stream is usable
            // a timeout is a cancellation too
            assertThatThrownBy(() -> Asyncio.waitFor(Asyncio.createTask(() -> r.readExactly(5)), 0.01))
                    .isInstanceOf(io.asyncio4j.TimeoutError.class);
            r.feedData(b("12345"));
            assertThat(s(r.readExactly(5))).isEqualTo("12345");
        });
    }

    @Test
    void concurrentReadersAreRejectedAndExceptionsPropagate() throws Exception {
        Asyncio.run(() -> {
            StreamReader r = new StreamReader();
            Task<byte[]> first = Asyncio.createTask(() -> r.read(1));
            Asyncio.sleep(0);
            assertThatThrownBy(() -> r.read(1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already waiting");
            java.io.IOException boom = new java.io.IOException("boom");
            r.setException(boom);
            assertThatThrownBy(first::await).isSameAs(boom);
            assertThatThrownBy(r::readLine).isSameAs(boom);
        });
    }

    @Test
    void wholeBufferHandOverKeepsTheStreamConsistent() throws Exception {
        Asyncio.run(() -> {
            StreamReader r = new StreamReader();
            byte[] big = new byte[10_000];
            new java.util.Random(3).nextBytes(big);
            r.feedData(big);
            byte[] got = r.read(1 << 20);
            assertThat(got).isEqualTo(big).isNotSameAs(big);
            assertThat(r.buffered()).isZero();
            r.feedData(b("small"));
            r.feedData(big);
            assertThat(s(r.readExactly(5))).isEqualTo("small");
            assertThat(r.read(20_000)).isEqualTo(big);
            r.feedData(big);
            big[0]++; // the reader copied the data: later changes to the caller's array do not show
            assertThat(r.read(20_000)[0]).isEqualTo((byte) (big[0] - 1));
        });
    }
}
