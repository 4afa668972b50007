package io.asyncio4j.files;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.VoidCoroutine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AsyncFilesTest {
    @TempDir
    Path dir;

    static void run(VoidCoroutine body) throws Exception {
        Asyncio.run(body);
    }

    @Test
    @Timeout(10)
    void textRoundTripWithLinesAndEncodings() throws Exception {
        Path p = dir.resolve("t.txt");
        run(() -> {
            try (AsyncTextFile f = AsyncFiles.openText(p, "w")) {
                assertThat(f.write("héllo wörld\n")).isEqualTo(12);
                f.writeLines(List.of("line 2\n", "€ line 3"));
            }
            try (AsyncFile any = AsyncFiles.open(p, "r", "utf-8")) {
                AsyncTextFile f = (AsyncTextFile) any;
                assertThat(f.readLine()).isEqualTo("héllo wörld\n");
                assertThat(f.readLine()).isEqualTo("line 2\n");
                assertThat(f.readLine()).isEqualTo("€ line 3");
                assertThat(f.readLine()).isEmpty();
            }
            assertThat(Files.readString(p)).isEqualTo("héllo wörld\nline 2\n€ line 3");

            Path latin = dir.resolve("latin.txt");
            try (AsyncTextFile f = AsyncFiles.openText(latin, "w", "latin-1")) {
                f.write("café");
            }
            assertThat(Files.readAllBytes(latin)).containsExactly('c', 'a', 'f', 0xE9);
            try (AsyncTextFile f = AsyncFiles.openText(latin, "r", "latin-1")) {
                assertThat(f.read()).isEqualTo("café");
            }
            // Strict decoding: latin-1 bytes are not UTF-8.
            try (AsyncTextFile f = AsyncFiles.openText(latin, "r")) {
                assertThatThrownBy(f::read).isInstanceOf(CharacterCodingException.class);
            }
            Path u16 = dir.resolve("u16.txt");
            try (AsyncTextFile f = AsyncFiles.openText(u16, "w", "utf-16-le")) {
                f.write("ab\n€\n");
            }
            assertThat(Files.size(u16)).isEqualTo(10);
            try (AsyncTextFile f = AsyncFiles.openText(u16, "r", "utf-16-le")) {
                assertThat(f.readLines()).containsExactly("ab\n", "€\n");
            }
        });
    }

    @Test
    @Timeout(10)
    void universalNewlinesAndReadN() throws Exception {
        Path p = dir.resolve("nl.txt");
        Files.write(p, "a\r\nb\rc\nd".getBytes());
        run(() -> {
            try (AsyncTextFile f = AsyncFiles.openText(p, "r")) {
                assertThat(f.readLines()).containsExactly("a\n", "b\n", "c\n", "d");
            }
            try (AsyncTextFile f = AsyncFiles.openText(p, "r")) {
                assertThat(f.read(3)).isEqualTo("a\nb");
                assertThat(f.read()).isEqualTo("\nc\nd");
                assertThat(f.read(5)).isEmpty();
            }
        });
    }

    @Test
    @Timeout(10)
    void binaryRoundTripSeekTellTruncate() throws Exception {
        Path p = dir.resolve("b.bin");
        byte[] data = new byte[300_000];
        new Random(1).nextBytes(data);
        run(() -> {
            try (AsyncBinaryFile f = AsyncFiles.openBinary(p, "wb")) {
                assertThat(f.write(Arrays.copyOf(data, 1000))).isEqualTo(1000);
                f.write(Arrays.copyOfRange(data, 1000, data.length));
                assertThat(f.tell()).isEqualTo(data.length);
            }
            try (AsyncBinaryFile f = AsyncFiles.openBinary(p, "r+b")) {
                assertThat(f.read(10)).isEqualTo(Arrays.copyOf(data, 10));
                assertThat(f.tell()).isEqualTo(10);
                assertThat(f.seek(-5, 2)).isEqualTo(data.length - 5);
                assertThat(f.read()).isEqualTo(Arrays.copyOfRange(data, data.length - 5, data.length));
                assertThat(f.read(1)).isEmpty();
                f.seek(100);
                f.write(new byte[] {1, 2, 3});
                assertThat(f.tell()).isEqualTo(103);
                assertThat(f.seek(-3, 1)).isEqualTo(100);
                assertThat(f.read(4)).containsExactly(1, 2, 3, data[103]);
                assertThat(f.truncate(50)).isEqualTo(50);
                assertThat(f.tell()).isEqualTo(104); // truncate does not move the position
                f.seek(0);
                assertThat(f.read()).hasSize(50);
                f.truncate(80); // extends with zeros
                f.seek(50);
                assertThat(f.read()).containsOnly(0).hasSize(30);
                f.seek(10);
                f.truncate();
                assertThat(f.seek(0, 2)).isEqualTo(10);
            }
            assertThat(Files.size(p)).isEqualTo(10);
        });
    }

    @Test
    @Timeout(10)
    void textTellAndSeekBackWithMultiByteCharacters() throws Exception {
        Path p = dir.resolve("tell.txt");
        Files.writeString(p, "€uro\nzwei\ndrei\n");
        run(() -> {
            try (AsyncTextFile f = AsyncFiles.openText(p, "r+")) {
                assertThat(f.readLine()).isEqualTo("€uro\n");
                long mark = f.tell();
                assertThat(mark).isEqualTo(7); // 3 bytes for €, "uro\n"
                assertThat(f.readLine()).isEqualTo("zwei\n");
                f.seek(mark);
                assertThat(f.readLine()).isEqualTo("zwei\n");
                assertThatThrownBy(() -> f.seek(2, 1)).isInstanceOf(UnsupportedOperation.class);
                // Writing after reading writes at the logical position.
                f.write("DREI");
                f.flush();
                f.seek(0);
                assertThat(f.read()).isEqualTo("€uro\nzwei\nDREI\n");
                assertThat(f.seek(0, 2)).isEqualTo(Files.size(p));
            }
        });
    }

    @Test
    @Timeout(10)
    void appendAndExclusiveCreate() throws Exception {
        Path p = dir.resolve("a.txt");
        run(() -> {
            try (AsyncTextFile f = AsyncFiles.openText(p, "x")) {
                f.write("one\n");
            }
            assertThatThrownBy(() -> AsyncFiles.open(p, "x")).isInstanceOf(FileAlreadyExistsException.class);
            assertThatThrownBy(() -> AsyncFiles.open(p, "xb")).isInstanceOf(FileAlreadyExistsException.class);
            try (AsyncTextFile f = AsyncFiles.openText(p, "a")) {
                assertThat(f.tell()).isEqualTo(4);
                f.write("two\n");
            }
            try (AsyncBinaryFile f = AsyncFiles.openBinary(p, "a+b")) {
                f.seek(0);
                assertThat(new String(f.readLine())).isEqualTo("one\n");
                f.write("three\n".getBytes()); // appends, wherever the position was
                f.seek(0);
                assertThat(new String(f.read())).isEqualTo("one\ntwo\nthree\n");
            }
            assertThatThrownBy(() -> AsyncFiles.open(dir.resolve("missing.txt"), "r"))
                    .isInstanceOf(NoSuchFileException.class);
            try (AsyncTextFile f = AsyncFiles.openText(p, "r")) {
                assertThatThrownBy(() -> f.write("x")).isInstanceOf(UnsupportedOperation.class);
            }
            try (AsyncTextFile f = AsyncFiles.openText(p, "w")) {
                assertThatThrownBy(f::read).isInstanceOf(UnsupportedOperation.class);
            }
            assertThat(Files.size(p)).isZero();
        });
    }

    @Test
    @Timeout(10)
    void badModes() throws Exception {
        run(() -> {
            Path p = dir.resolve("m");
            for (String bad : List.of("", "rw", "q", "rbt", "r++", "b")) {
                assertThatThrownBy(() -> AsyncFiles.open(p, bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            }
            assertThatThrownBy(() -> AsyncFiles.open(p, "wb", "utf-8")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> AsyncFiles.openText(p, "wb")).isInstanceOf(IllegalArgumentException.class);
        });
    }

    @Test
    @Timeout(20)
    void lineIterationOverALargeFile() throws Exception {
        Path p = dir.resolve("big.txt");
        int n = 300_000;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("line number ").append(i).append(i % 7 == 0 ? " ünïcödé" : "").append('\n');
        }
        Files.writeString(p, sb);
        run(() -> {
            int count = 0;
            try (AsyncTextFile f = AsyncFiles.openText(p, "r")) {
                for (String line : f.lines()) {
                    if (count % 1000 == 0) {
                        assertThat(line).startsWith("line number " + count).endsWith("\n");
                    }
                    count++;
                }
            }
            assertThat(count).isEqualTo(n);
            int bin = 0;
            try (AsyncBinaryFile f = AsyncFiles.openBinary(p, "rb")) {
                for (byte[] line : f.lines()) {
                    assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
                    bin++;
                }
            }
            assertThat(bin).isEqualTo(n);
            try (AsyncTextFile f = AsyncFiles.openText(p, "r")) {
                for (int i = 0; i < 5000; i++) {
                    f.readLine();
                }
                assertThat(f.readLine()).isEqualTo("line number 5000\n");
            }
        });
    }

    @Test
    @Timeout(10)
    void directoriesListScanMakeRenameCopyRemove() throws Exception {
        run(() -> {
            Path deep = dir.resolve("a/b/c");
            AsyncFiles.makeDirs(deep, false);
            AsyncFiles.makeDirs(deep, true);
            assertThatThrownBy(() -> AsyncFiles.makeDirs(deep, false)).isInstanceOf(FileAlreadyExistsException.class);
            assertThatThrownBy(() -> AsyncFiles.mkdir(dir.resolve("x/y"))).isInstanceOf(NoSuchFileException.class);
            AsyncFiles.mkdir(dir.resolve("x"));
            assertThat(AsyncFiles.isDir(deep)).isTrue();

            Path f1 = dir.resolve("a/one.txt");
            AsyncFiles.writeText(f1, "1");
            AsyncFiles.writeBytes(dir.resolve("a/two.bin"), new byte[] {1, 2});
            assertThat(AsyncFiles.listDir(dir.resolve("a"))).containsExactly("b", "one.txt", "two.bin");
            List<DirEntry> entries = AsyncFiles.scanDir(dir.resolve("a"));
            assertThat(entries).extracting(DirEntry::name).containsExactly("b", "one.txt", "two.bin");
            assertThat(entries.get(0).isDir()).isTrue();
            assertThat(entries.get(1).isFile()).isTrue();
            assertThat(entries.get(2).size()).isEqualTo(2);

            FileStat st = AsyncFiles.stat(f1);
            assertThat(st.size()).isEqualTo(1);
            assertThat(st.isRegularFile()).isTrue();
            assertThat(st.mtime()).isPositive();
            assertThat(AsyncFiles.exists(f1)).isTrue();
            assertThat(AsyncFiles.isFile(f1)).isTrue();
            assertThat(AsyncFiles.getSize(f1)).isEqualTo(1);

            Path moved = dir.resolve("x/uno.txt");
            AsyncFiles.rename(f1, moved);
            assertThat(AsyncFiles.exists(f1)).isFalse();
            assertThat(AsyncFiles.readText(moved)).isEqualTo("1");
            Path copied = AsyncFiles.copy(moved, dir.resolve("a"));
            assertThat(copied).isEqualTo(dir.resolve("a/uno.txt"));
            assertThat(AsyncFiles.readBytes(copied)).containsExactly('1');
            AsyncFiles.writeText(moved, "replaced");
            AsyncFiles.copy(moved, copied);
            assertThat(AsyncFiles.readText(copied)).isEqualTo("replaced");

            assertThatThrownBy(() -> AsyncFiles.remove(deep)).isInstanceOf(IOException.class)
                    .hasMessageContaining("Is a directory");
            assertThatThrownBy(() -> AsyncFiles.rmdir(dir.resolve("a"))).isInstanceOf(DirectoryNotEmptyException.class);
            assertThatThrownBy(() -> AsyncFiles.rmdir(copied)).isInstanceOf(NotDirectoryException.class);
            AsyncFiles.remove(copied);
            assertThat(AsyncFiles.exists(copied)).isFalse();
            AsyncFiles.rmdir(deep);
            AsyncFiles.removeTree(dir.resolve("a"));
            assertThat(AsyncFiles.listDir(dir)).containsExactly("x");
        });
    }

    @Test
    @Timeout(10)
    void temporaryFilesAndDirectoriesAreCleanedUp() throws Exception {
        run(() -> {
            Path name;
            try (AsyncBinaryFile t = AsyncFiles.temporaryFile()) {
                name = t.name();
                t.write("scratch".getBytes());
                t.seek(0);
                assertThat(new String(t.read())).isEqualTo("scratch");
            }
            assertThat(AsyncFiles.exists(name)).isFalse();
            try (AsyncFile t = AsyncFiles.namedTemporaryFile("w+", "pre-", ".txt", dir)) {
                name = t.name();
                assertThat(name.getFileName().toString()).startsWith("pre-").endsWith(".txt");
                ((AsyncTextFile) t).write("x");
                t.flush();
                assertThat(AsyncFiles.readText(name)).isEqualTo("x");
            }
            assertThat(AsyncFiles.exists(name)).isFalse();
            Path tmp;
            try (TemporaryDirectory d = AsyncFiles.temporaryDirectory("td")) {
                tmp = d.path();
                AsyncFiles.makeDirs(tmp.resolve("sub/deeper"), false);
                AsyncFiles.writeText(tmp.resolve("sub/file.txt"), "data");
            }
            assertThat(AsyncFiles.exists(tmp)).isFalse();
        });
    }

    @Test
    @Timeout(20)
    void readingABigFileDoesNotStallOtherTasks() throws Exception {
        Path p = dir.resolve("big.bin");
        byte[] mb = new byte[1 << 20];
        new Random(7).nextBytes(mb);
        try (var out = Files.newOutputStream(p)) {
            for (int i = 0; i < 64; i++) {
                out.write(mb);
            }
        }
        run(() -> {
            List<Long> lateness = new ArrayList<>();
            boolean[] done = new boolean[1];
            Task<Void> ticker = Asyncio.createTask(() -> {
                while (!done[0]) {
                    long t0 = System.nanoTime();
                    Asyncio.sleep(0.001);
                    lateness.add((System.nanoTime() - t0) / 1_000_000 - 1);
                }
            });
            long total = 0;
            try (AsyncBinaryFile f = AsyncFiles.openBinary(p, "rb")) {
                for (byte[] chunk; (chunk = f.read(1 << 20)).length > 0; ) {
                    total += chunk.length;
                }
            }
            done[0] = true;
            ticker.await();
            assertThat(total).isEqualTo(64L << 20);
            assertThat(lateness).isNotEmpty();
            lateness.sort(null);
            long p50 = lateness.get(lateness.size() / 2);
            assertThat(p50).as("median lateness ms of a 1 ms sleeper while reading").isLessThan(50);
        });
    }
}
