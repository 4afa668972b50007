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

/** Python's {@code newline=} and {@code errors=} of text files, as observed with Python 3.11 and aiofiles. */
@Timeout(10)
class NewlineAndErrorsTest {
    @TempDir
    Path dir;

    /** For each newline value: readlines(), readline(1) x4, read(), read(2) x4, and the bytes of write("x\ny\r\nz\r"). */
    record Expected(String newline, List<String> lines, List<String> readline1, String all, List<String> read2,
                    String written) {
    }

    @Test
    void newlineOnReadingAndWritingAsPython() throws Exception {
        Path in = dir.resolve("n.txt");
        Files.write(in, "a\r\nb\rc\nd\r".getBytes(StandardCharsets.US_ASCII));
        List<String> untranslated = List.of("a", "\r", "\n", "b");
        List<String> read2 = List.of("a\r", "\nb", "\rc", "\nd");
        List<Expected> cases = List.of(
                new Expected(null, List.of("a\n", "b\n", "c\n", "d\n"), List.of("a", "\n", "b", "\n"), "a\nb\nc\nd\n",
                        List.of("a\n", "b\n", "c\n", "d\n"), "x\ny\r\nz\r"),
                new Expected("", List.of("a\r\n", "b\r", "c\n", "d\r"), untranslated, "a\r\nb\rc\nd\r", read2,
                        "x\ny\r\nz\r"),
                new Expected("\n", List.of("a\r\n", "b\rc\n", "d\r"), untranslated, "a\r\nb\rc\nd\r", read2,
                        "x\ny\r\nz\r"),
                new Expected("\r", List.of("a\r", "\nb\r", "c\nd\r"), untranslated, "a\r\nb\rc\nd\r", read2,
                        "x\ry\r\rz\r"),
                new Expected("\r\n", List.of("a\r\n", "b\rc\nd\r"), untranslated, "a\r\nb\rc\nd\r", read2,
                        "x\r\ny\r\r\nz\r"));
        Path out = dir.resolve("w.txt");
        Asyncio.run(() -> {
            for (Expected e : cases) {
                String nl = e.newline();
                try (AsyncTextFile f = AsyncFiles.openText(in, "r", null, null, nl)) {
                    assertThat(f.readLines()).as("readlines %s", e).isEqualTo(e.lines());
                }
                try (AsyncTextFile f = AsyncFiles.openText(in, "r", null, null, nl)) {
                    List<String> got = new ArrayList<>();
                    for (String line : f.lines()) {
                        got.add(line);
                    }
                    assertThat(got).as("iteration %s", e).isEqualTo(e.lines());
                }
                try (AsyncTextFile f = AsyncFiles.openText(in, "r", null, null, nl)) {
                    List<String> got = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        got.add(f.readLine(1));
                    }
                    assertThat(got).as("readline(1) %s", e).isEqualTo(e.readline1());
                    f.seek(0);
                    assertThat(f.read()).as("read() %s", e).isEqualTo(e.all());
                    f.seek(0);
                    got.clear();
                    for (int i = 0; i < 4; i++) {
                        got.add(f.read(2));
                    }
                    assertThat(got).as("read(2) %s", e).isEqualTo(e.read2());
                }
                try (AsyncFile f = AsyncFiles.open(out, "w", null, null, nl)) {
                    assertThat(((AsyncTextFile) f).write("x\ny\r\nz\r")).isEqualTo(7); // untranslated length
                }
                assertThat(Files.readString(out)).as("written %s", e).isEqualTo(e.written());
            }
        });
    }

    @Test
    void badNewlineAndBinaryArgumentsAreValueErrors() throws Exception {
        Path p = dir.resolve("x");
        Asyncio.run(() -> {
            assertThatThrownBy(() -> AsyncFiles.open(p, "w", null, null, "x"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("illegal newline value: x");
            assertThatThrownBy(() -> AsyncFiles.open(p, "wb", null, null, ""))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("binary mode doesn't take a newline argument");
            assertThatThrownBy(() -> AsyncFiles.open(p, "wb", null, "strict", null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("binary mode doesn't take an errors argument");
            assertThatThrownBy(() -> AsyncFiles.open(p, "wb", "utf-8", null, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("binary mode doesn't take an encoding argument");
            // Python opens and fails at the first read with LookupError; we refuse at open.
            assertThatThrownBy(() -> AsyncFiles.open(p, "w", null, "bogus", null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown error handler name 'bogus'");
            assertThat(Files.exists(p)).isFalse();
        });
    }

    static final byte[] BAD = {'a', 'b', (byte) 0xFF, 'c', 'd', (byte) 0xE2, (byte) 0x82, 'e', 'f', '\n',
        (byte) 0xE2, (byte) 0x82, (byte) 0xAC, 'g', 'h', '\n', 'e', 'n', 'd', (byte) 0xE2};

    @Test
    void errorsIgnoreAndReplaceWithExactTell() throws Exception {
        Path p = dir.resolve("bad.txt");
        Files.write(p, BAD);
        Asyncio.run(() -> {
            // Python: ['abc', 4, 'def\n', 10, '€g', 14, '€gh\n', 'end', 20]
            assertThat(script(p, "ignore")).containsExactly("abc", 4L, "def\n", 10L, "\u20acg", 14L, "\u20acgh\n",
                    "end", 20L);
            // Python: ['ab\ufffd', 3, 'cd\ufffdef\n', 10, '€g', 14, '€gh\n', 'end\ufffd', 20]
            assertThat(script(p, "replace")).containsExactly("ab\ufffd", 3L, "cd\ufffdef\n", 10L, "\u20acg", 14L,
                    "\u20acgh\n", "end\ufffd", 20L);
            Path out = dir.resolve("w.txt");
            try (AsyncTextFile f = AsyncFiles.openText(out, "w", "ascii", "ignore", null)) {
                assertThat(f.write("a\u20acb\udc80")).isEqualTo(4);
            }
            assertThat(Files.readString(out)).isEqualTo("ab");
            try (AsyncTextFile f = AsyncFiles.openText(out, "w", "ascii", "replace", null)) {
                f.write("a\u20acb\udc80");
            }
            assertThat(Files.readString(out)).isEqualTo("a?b?");
        });
    }

    private static List<Object> script(Path p, String errors) throws Exception {
        List<Object> out = new ArrayList<>();
        try (AsyncTextFile f = AsyncFiles.openText(p, "r", null, errors, null)) {
            out.add(f.read(3));
            out.add(f.tell());
            out.add(f.readLine());
            long t = f.tell();
            out.add(t);
            out.add(f.read(2));
            out.add(f.tell());
            f.seek(t);
            out.add(f.readLine());
            out.add(f.read());
            out.add(f.tell());
        }
        return out;
    }

    @Test
    void tellWithReplaceStaysExactOverManyChunks() throws Exception {
        Path p = dir.resolve("big.txt");
        byte[] line = "caf\u00e9 \u20ac ok\n".getBytes(StandardCharsets.UTF_8);
        byte[] data = new byte[line.length * 20_000 + 1];
        for (int i = 0; i < 20_000; i++) {
            System.arraycopy(line, 0, data, i * line.length, line.length);
            if (i % 3 == 0) {
                data[i * line.length] = (byte) 0xFF; // a bad byte instead of the 'c'
            }
        }
        data[data.length - 1] = 'z';
        Files.write(p, data);
        Asyncio.run(() -> {
            try (AsyncTextFile f = AsyncFiles.openText(p, "r", null, "replace", null)) {
                long expected = 0;
                for (int i = 0; i < 20_000; i++) {
                    String l = f.readLine();
                    assertThat(l).endsWith("\u00e9 \u20ac ok\n");
                    expected += line.length;
                    if (i % 997 == 0) {
                        assertThat(f.tell()).isEqualTo(expected);
                    }
                }
                assertThat(f.read()).isEqualTo("z");
                assertThat(f.tell()).isEqualTo(data.length);
            }
        });
    }
}
