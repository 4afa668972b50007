package io.asyncio4j.stream;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.stream.StreamReaderTest.b;
import static io.asyncio4j.stream.StreamReaderTest.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** StreamReader against asyncio's streams.py; each expectation was observed on CPython. */
@Timeout(10)
class StreamReaderSemanticsTest {

    @Test
    void readUntilWithoutSeparatorReadsALine() throws Exception {
        Asyncio.run(() -> {
            StreamReader r = new StreamReader();
            r.feedData(b("ab\ncd"));
            assertThat(s(r.readUntil())).isEqualTo("ab\n"); // readuntil()'s default separator is b'\n'
            assertThatThrownBy(() -> r.readUntil(new byte[0][])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Separator should contain at least one element");
            assertThatThrownBy(() -> r.readUntil(new byte[0])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Separator should be at least one-byte string");
        });
    }

    @Test
    void readLineOverTheLimitDiscardsTheLine() throws Exception {
        Asyncio.run(() -> {
            StreamReader r = new StreamReader(4, io.asyncio4j.loop.EventLoop.current());
            r.feedData(b("abcdefgh\nxy\n"));
            IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class, r::readLine);
            assertThat(e).hasMessage("Separator is found, but chunk is longer than limit")
                    .hasCauseInstanceOf(LimitOverrunError.class);
            assertThat(r.buffered()).isEqualTo(3); // the line and its separator are gone: "xy\n" is left
            assertThat(s(r.readLine())).isEqualTo("xy\n");

            r.feedData(b("abcdefghij"));
            e = catchThrowableOfType(IllegalArgumentException.class, r::readLine);
            assertThat(e).hasMessage("Separator is not found, and chunk exceed the limit");
            assertThat(r.buffered()).isZero(); // no separator: the whole buffer is dropped
        });
    }

    @Test
    void limitOverrunConsumedAndBufferKept() throws Exception {
        Asyncio.run(() -> {
            StreamReader r = new StreamReader(4, io.asyncio4j.loop.EventLoop.current());
            r.feedData(b("abcdefghij"));
            LimitOverrunError e = catchThrowableOfType(LimitOverrunError.class, () -> r.readUntil(b("\n")));
            assertThat(e.consumed()).isEqualTo(10);
            assertThat(r.buffered()).isEqualTo(10);
            r.feedData(b("\n"));
            e = catchThrowableOfType(LimitOverrunError.class, () -> r.readUntil(b("\n")));
            assertThat(e).hasMessage("Separator is found, but chunk is longer than limit");
            assertThat(e.consumed()).isEqualTo(10);
            assertThat(r.buffered()).isEqualTo(11);
        });
    }

    @Test
    void incompleteReadErrorCarriesPartialAndExpected() throws Exception {
        Asyncio.run(() -> {
            StreamReader r = new StreamReader();
            r.feedEof();
            assertThat(r.readExactly(0)).isEmpty();
            IncompleteReadError e = catchThrowableOfType(IncompleteReadError.class, () -> r.readExactly(3));
            assertThat(e).hasMessage("0 bytes read on a total of 3 expected bytes");
            assertThat(e.partial()).isEmpty();
            assertThat(e.expected()).isEqualTo(3);
            assertThatThrownBy(() -> r.readExactly(-1)).isInstanceOf(IllegalArgumentException.class);

            StreamReader r2 = new StreamReader();
            r2.feedData(b("ab"));
            r2.feedEof();
            e = catchThrowableOfType(IncompleteReadError.class, () -> r2.readUntil(b("\n")));
            assertThat(e).hasMessage("2 bytes read on a total of undefined expected bytes");
            assertThat(s(e.partial())).isEqualTo("ab");
            assertThat(e.expected()).isNull();
            assertThat(r2.atEof()).isTrue();
        });
    }

    @Test
    void anExceptionWinsOverBufferedDataAndWakesTheReader() throws Exception {
        Asyncio.run(() -> {
            StreamReader r = new StreamReader();
            Task<byte[]> waiting = Asyncio.createTask(() -> r.read(10));
            Asyncio.sleep(0);
            IllegalStateException boom = new IllegalStateException("boom");
            r.setException(boom);
            assertThatThrownBy(waiting::await).isSameAs(boom);
            r.feedData(b("x"));
            assertThat(r.exception()).isSameAs(boom);
            assertThatThrownBy(() -> r.read(1)).isSameAs(boom);
            assertThatThrownBy(r::readLine).isSameAs(boom);
            assertThat(r.atEof()).isFalse();
        });
    }

    @Test
    void feedDataAfterFeedEofIsRefused() throws Exception {
        Asyncio.run(() -> {
            StreamReader r = new StreamReader();
            r.feedEof();
            assertThatThrownBy(() -> r.feedData(b("a"))).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> new StreamReader(0, io.asyncio4j.loop.EventLoop.current()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("Limit cannot be <= 0");
        });
    }

    @Test
    void iteratingGivesLinesUntilEof() throws Exception {
        // async for line in reader: readline() until it returns b''
        Asyncio.run(() -> {
            StreamReader r = new StreamReader();
            r.feedData(b("a\nb\nc"));
            Task<List<String>> lines = Asyncio.createTask(() -> {
                List<String> out = new ArrayList<>();
                for (byte[] line : r.lines()) {
                    out.add(s(line));
                }
                return out;
            });
            Asyncio.sleep(0);
            r.feedEof();
            assertThat(lines.await()).containsExactly("a\n", "b\n", "c");
        });
    }
}
