package io.asyncio4j.files;

import io.asyncio4j.Asyncio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What each open mode does to positions and content, as observed with Python 3.11 and aiofiles. */
@Timeout(10)
class OpenModesTest {
    @TempDir
    Path dir;

    @Test
    void appendPlusStartsAtTheEndReadsAnywhereAndWritesAtTheEnd() throws Exception {
        Path p = Files.writeString(dir.resolve("a.txt"), "hello\n");
        Asyncio.run(() -> {
            try (AsyncTextFile f = AsyncFiles.openText(p, "a+")) {
                assertThat(f.tell()).isEqualTo(6);
                assertThat(f.read()).isEmpty();
                f.seek(0);
                assertThat(f.read(2)).isEqualTo("he");
                assertThat(f.tell()).isEqualTo(2);
                assertThat(f.write("X")).isEqualTo(1);
                assertThat(f.tell()).isEqualTo(7); // Python: 7
                f.seek(0);
                assertThat(f.read()).isEqualTo("hello\nX");
                assertThat(f.readable()).isTrue();
                assertThat(f.writable()).isTrue();
            }
        });
    }

    @Test
    void readPlusOverwritesFromTheStartAndWritePlusTruncates() throws Exception {
        Path p = Files.writeString(dir.resolve("r.txt"), "hello\n");
        Asyncio.run(() -> {
            try (AsyncTextFile f = AsyncFiles.openText(p, "r+")) {
                assertThat(f.write("J")).isEqualTo(1);
                assertThat(f.tell()).isEqualTo(1);
                assertThat(f.read(3)).isEqualTo("ell");
                assertThat(f.tell()).isEqualTo(4);
            }
            assertThat(Files.readString(p)).isEqualTo("Jello\n");
            try (AsyncTextFile f = AsyncFiles.openText(p, "w+")) {
                assertThat(Files.size(p)).isZero(); // truncated at open
                f.write("abc");
                assertThat(f.read()).isEmpty(); // the position is after what was written
                assertThat(f.tell()).isEqualTo(3);
                f.seek(0);
                assertThat(f.read()).isEqualTo("abc");
            }
            try (AsyncTextFile f = AsyncFiles.openText(p, "a")) {
                assertThat(f.readable()).isFalse();
                assertThat(f.truncate(10)).isEqualTo(10); // extends with zeros, the position stays
                assertThat(f.tell()).isEqualTo(3);
            }
            assertThat(Files.size(p)).isEqualTo(10);
            try (AsyncTextFile f = AsyncFiles.openText(p, "r")) {
                // Python: io.UnsupportedOperation: truncate; flush() of a read-only file is fine
                assertThatThrownBy(() -> f.truncate()).isInstanceOf(UnsupportedOperation.class);
                f.flush();
                assertThat(f.writable()).isFalse();
            }
        });
    }

    @Test
    void writingPastTheEndLeavesAHoleOfZeros() throws Exception {
        Path p = Files.writeString(dir.resolve("h.bin"), "a");
        Asyncio.run(() -> {
            try (AsyncBinaryFile f = AsyncFiles.openBinary(p, "rb+")) {
                f.seek(20);
                f.write(new byte[] {'E'});
                assertThat(f.tell()).isEqualTo(21);
            }
        });
        byte[] b = Files.readAllBytes(p);
        assertThat(b).hasSize(21);
        assertThat(b[0]).isEqualTo((byte) 'a');
        assertThat(b[20]).isEqualTo((byte) 'E');
        for (int i = 1; i < 20; i++) {
            assertThat(b[i]).isZero();
        }
    }

    @Test
    void anAppendingWriteLeavesThePositionAtTheEnd() throws Exception {
        Path p = dir.resolve("q.txt");
        Asyncio.run(() -> {
            // Python, for 'a' and 'a+': tell() 7 after seek(0) + write, 7 after flush, 8 after another write
            for (String mode : new String[] {"a", "a+"}) {
                Files.writeString(p, "hello\n");
                try (AsyncTextFile f = AsyncFiles.openText(p, mode)) {
                    f.seek(0);
                    f.write("Q");
                    assertThat(f.tell()).as(mode).isEqualTo(7);
                    f.flush();
                    assertThat(f.tell()).as(mode).isEqualTo(7);
                    f.write("R");
                    assertThat(f.tell()).as(mode).isEqualTo(8);
                }
                assertThat(Files.readString(p)).isEqualTo("hello\nQR");
            }
            // 'ab' and 'a+b': the same after the flush (Python's buffered tell says 1 before it)
            for (String mode : new String[] {"ab", "a+b"}) {
                Files.writeString(p, "hello\n");
                try (AsyncBinaryFile f = AsyncFiles.openBinary(p, mode)) {
                    f.seek(0);
                    f.write(new byte[] {'Q'});
                    f.flush();
                    assertThat(f.tell()).as(mode).isEqualTo(7);
                    f.write(new byte[] {'R'});
                    f.flush();
                    assertThat(f.tell()).as(mode).isEqualTo(8);
                }
                assertThat(Files.readString(p)).isEqualTo("hello\nQR");
            }
        });
    }
}
