package io.asyncio4j.files;

import io.asyncio4j.Asyncio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code read(size)}, {@code readline(size)}, {@code readlines(hint)} and {@code write()}'s count,
 * each expectation observed with Python 3.11 and aiofiles.
 */
@Timeout(10)
class TextAndLineReadsTest {
    static final String GRIN = new String(Character.toChars(0x1F600)); // two Java chars, one Python char

    @TempDir
    Path dir;

    @Test
    void textCountsCodePointsAndNeverSplitsASurrogatePair() throws Exception {
        Path p = dir.resolve("e.txt");
        Asyncio.run(() -> {
            try (AsyncTextFile f = AsyncFiles.openText(p, "w")) {
                assertThat(f.write("a" + GRIN + "b\n")).isEqualTo(4); // Python: 4
                assertThat(f.write("")).isZero();
                assertThat(f.write(GRIN)).isEqualTo(1);
            }
            try (AsyncTextFile f = AsyncFiles.openText(p, "r")) {
                assertThat(f.read(2)).isEqualTo("a" + GRIN);
                assertThat(f.read(0)).isEmpty();
                assertThat(f.readLine(1)).isEqualTo("b");
                assertThat(f.readLine()).isEqualTo("\n");
                assertThat(f.readLine(1)).isEqualTo(GRIN);
                assertThat(f.readLine(1)).isEmpty();
            }
        });
    }

    @Test
    void textReadLineWithASizeTranslatesNewlinesFirst() throws Exception {
        Path p = dir.resolve("c.txt");
        Files.write(p, "\r\nx\ry\r".getBytes(StandardCharsets.US_ASCII));
        Asyncio.run(() -> {
            try (AsyncTextFile f = AsyncFiles.openText(p, "r")) {
                // Python: ['\n', 'x', '\n', 'y\n', '', 6]: "\r\n" is one character.
                assertThat(f.readLine(1)).isEqualTo("\n");
                assertThat(f.readLine(1)).isEqualTo("x");
                assertThat(f.read(1)).isEqualTo("\n");
                assertThat(f.readLine(5)).isEqualTo("y\n");
                assertThat(f.read(1)).isEmpty();
                assertThat(f.tell()).isEqualTo(6);
            }
        });
    }

    @Test
    void readLinesHintStopsOnceTheTotalExceedsIt() throws Exception {
        Path p = dir.resolve("u.txt");
        Files.write(p, "ab\r\ncd\ref\n\u00e9xyz\n".getBytes(StandardCharsets.UTF_8));
        Asyncio.run(() -> {
            try (AsyncTextFile f = AsyncFiles.openText(p, "r")) {
                // Python: readlines(3) -> ['ab\n', 'cd\n'] (3 does not exceed 3, 6 does)
                assertThat(f.readLines(3)).containsExactly("ab\n", "cd\n");
                assertThat(f.readLines(0)).containsExactly("ef\n", "\u00e9xyz\n");
                assertThat(f.readLines()).isEmpty();
                f.seek(0);
                assertThat(f.readLines(-5)).hasSize(4);
                f.seek(0);
                assertThat(f.readLine(2)).isEqualTo("ab");
                assertThat(f.readLine(-1)).isEqualTo("\n");
            }
            try (AsyncBinaryFile f = AsyncFiles.openBinary(p, "rb")) {
                // Python: [b'a', b'b\r\n', b'cd\ref\n', b''] then readlines(1) -> one line
                assertThat(f.readLine(1)).containsExactly('a');
                assertThat(f.readLine(3)).containsExactly('b', '\r', '\n');
                assertThat(new String(f.readLine(-1), StandardCharsets.UTF_8)).isEqualTo("cd\ref\n");
                assertThat(f.readLine(0)).isEmpty();
                assertThat(f.readLine(1)).containsExactly((byte) 0xC3); // splits a UTF-8 sequence, bytes are bytes
                List<byte[]> rest = f.readLines(1);
                assertThat(rest).hasSize(1);
                assertThat(rest.get(0)).containsExactly((byte) 0xA9, 'x', 'y', 'z', '\n');
                assertThat(f.readLines()).isEmpty();
                f.seek(0);
                assertThat(f.readLines(7)).hasSize(2); // 4 bytes, then 4+7 > 7
            }
        });
    }

    @Test
    void binaryReadLineWithASizeAcrossTheBuffer() throws Exception {
        Path p = dir.resolve("long.bin");
        byte[] data = new byte[200_000];
        java.util.Arrays.fill(data, (byte) 'z');
        data[data.length - 1] = '\n';
        Files.write(p, data);
        Asyncio.run(() -> {
            try (AsyncBinaryFile f = AsyncFiles.openBinary(p, "rb")) {
                List<Integer> sizes = new ArrayList<>();
                for (byte[] part; (part = f.readLine(70_000)).length > 0; ) {
                    sizes.add(part.length);
                }
                assertThat(sizes).containsExactly(70_000, 70_000, 60_000);
            }
        });
    }

    @Test
    void binaryPeekRead1AndReadIntoAsPython() throws Exception {
        Path p = dir.resolve("p.bin");
        byte[] ten = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        Files.write(p, ten);
        Asyncio.run(() -> {
            try (AsyncBinaryFile f = AsyncFiles.openBinary(p, "rb")) {
                assertThat(f.seekable()).isTrue();
                // Python: peek(0) and peek(2) both give the whole buffer, the position stays
                assertThat(f.peek(0)).isEqualTo(ten);
                assertThat(f.peek(2)).isEqualTo(ten);
                assertThat(f.tell()).isZero();
                assertThat(f.read1(3)).containsExactly(0, 1, 2);
                assertThat(f.read1(0)).isEmpty();
                assertThat(f.read1(-1)).containsExactly(3, 4, 5, 6, 7, 8, 9);
                assertThat(f.tell()).isEqualTo(10);
                assertThat(f.read1(5)).isEmpty();
                assertThat(f.peek(1)).isEmpty();
                f.seek(0);
                byte[] four = new byte[4];
                assertThat(f.readInto(four)).isEqualTo(4);
                assertThat(four).containsExactly(0, 1, 2, 3);
                byte[] big = new byte[10];
                assertThat(f.readInto(big)).isEqualTo(6);
                assertThat(big).containsExactly(4, 5, 6, 7, 8, 9, 0, 0, 0, 0);
                assertThat(f.tell()).isEqualTo(10);
                assertThat(f.readInto(new byte[3])).isZero();
            }
            try (AsyncBinaryFile f = AsyncFiles.openBinary(p, "wb")) {
                assertThatThrownBy(() -> f.read1(1)).isInstanceOf(UnsupportedOperation.class);
                assertThatThrownBy(() -> f.readInto(new byte[1])).isInstanceOf(UnsupportedOperation.class);
            }
        });
    }

    @Test
    void readingAgainAfterTheEndSeesWhatWasAppended() throws Exception {
        Path p = Files.writeString(dir.resolve("g.txt"), "a\n");
        Asyncio.run(() -> {
            try (AsyncTextFile f = AsyncFiles.openText(p, "r"); AsyncBinaryFile b = AsyncFiles.openBinary(p, "rb")) {
                assertThat(f.read()).isEqualTo("a\n");
                assertThat(f.readLine()).isEmpty();
                assertThat(b.read()).containsExactly('a', '\n');
                Files.writeString(p, "b\nc", java.nio.file.StandardOpenOption.APPEND);
                // Python: 'b\n', 'c', b'b\nc', tell 5
                assertThat(f.readLine()).isEqualTo("b\n");
                assertThat(f.read()).isEqualTo("c");
                assertThat(b.read()).containsExactly('b', '\n', 'c');
                assertThat(f.tell()).isEqualTo(5);
                Files.writeString(p, "\u20ac", java.nio.file.StandardOpenOption.APPEND);
                assertThat(f.read(5)).isEqualTo("\u20ac"); // Python: '€', tell 8
                assertThat(f.tell()).isEqualTo(8);
            }
        });
    }
}
