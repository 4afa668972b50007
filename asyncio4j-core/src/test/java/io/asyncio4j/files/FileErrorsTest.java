package io.asyncio4j.files;

import io.asyncio4j.Asyncio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The errors of files and modes, as observed with Python 3.11 and aiofiles (the expected
 * messages are CPython's).
 */
@Timeout(10)
class FileErrorsTest {
    @TempDir
    Path dir;

    @Test
    void badModesHaveCPythonsMessages() throws Exception {
        Path p = dir.resolve("m");
        Map<String, String> expected = Map.of(
                "", "Must have exactly one of create/read/write/append mode and at most one plus",
                "b", "Must have exactly one of create/read/write/append mode and at most one plus",
                "rw", "must have exactly one of create/read/write/append mode",
                "q", "invalid mode: 'q'",
                "rU", "invalid mode: 'rU'",
                "r++", "invalid mode: 'r++'",
                "rbt", "can't have text and binary mode at once");
        Asyncio.run(() -> {
            expected.forEach((mode, message) -> assertThatThrownBy(() -> AsyncFiles.open(p, mode)).as(mode)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(message));
            assertThat(Files.exists(p)).isFalse();
        });
    }

    @Test
    void everyOperationOnAClosedFileIsAValueError() throws Exception {
        Path p = dir.resolve("c.txt");
        Files.writeString(p, "one\ntwo\n");
        Asyncio.run(() -> {
            AsyncTextFile t = AsyncFiles.openText(p, "r+");
            assertThat(t.readLine()).isEqualTo("one\n"); // the rest is decoded and buffered
            t.close();
            t.close(); // closing twice is fine
            assertThat(t.closed()).isTrue();
            List<Op> textOps = List.<Op>of(t::read, () -> t.read(1), t::readLine, t::readLines, t::tell,
                    () -> t.seek(0), t::flush, () -> t.truncate(0), () -> t.write("x"), () -> t.readable(),
                    () -> t.writable(), () -> t.seekable());
            for (Op op : textOps) {
                assertThatThrownBy(op::run).isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("I/O operation on closed file.");
            }
            AsyncBinaryFile b = AsyncFiles.openBinary(p, "rb");
            b.close();
            b.close();
            for (Op op : List.<Op>of(b::read, () -> b.read(1), b::readLine, b::tell, () -> b.seek(0), b::flush,
                    () -> b.peek(1), () -> b.read1(1), () -> b.readInto(new byte[1]))) {
                assertThatThrownBy(op::run).isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("I/O operation on closed file.");
            }
            assertThatThrownBy(() -> t.lines().iterator().hasNext()).isInstanceOf(IllegalArgumentException.class);
        });
        assertThat(Files.readString(p)).isEqualTo("one\ntwo\n");
    }

    interface Op {
        void run() throws IOException;
    }

    @Test
    void aDirectoryIsNotAFile() throws Exception {
        Path d = Files.createDirectory(dir.resolve("d"));
        Asyncio.run(() -> {
            // Python: IsADirectoryError: [Errno 21] Is a directory: 'd', for every mode and os.remove.
            for (String mode : List.of("r", "rb", "w", "a", "r+")) {
                assertThatThrownBy(() -> AsyncFiles.open(d, mode)).as(mode)
                        .isInstanceOf(FileSystemException.class).hasMessageContaining("Is a directory");
            }
            assertThatThrownBy(() -> AsyncFiles.remove(d)).isInstanceOf(FileSystemException.class)
                    .hasMessage(d + ": Is a directory");
        });
        assertThat(Files.isDirectory(d)).isTrue();
    }

    @Test
    void textSeekChecksWhenceThenOffsetAsCPython() throws Exception {
        Path p = dir.resolve("s.txt");
        Files.writeString(p, "abc");
        Asyncio.run(() -> {
            try (AsyncTextFile f = AsyncFiles.openText(p, "r")) {
                assertThatThrownBy(() -> f.seek(5, 1)).isInstanceOf(UnsupportedOperation.class)
                        .hasMessage("can't do nonzero cur-relative seeks");
                assertThatThrownBy(() -> f.seek(5, 2)).isInstanceOf(UnsupportedOperation.class)
                        .hasMessage("can't do nonzero end-relative seeks");
                assertThatThrownBy(() -> f.seek(0, 3)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("invalid whence (3, should be 0, 1 or 2)");
                assertThatThrownBy(() -> f.seek(5, 3)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("invalid whence (3, should be 0, 1 or 2)");
                assertThatThrownBy(() -> f.seek(-1, 0)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("negative seek position -1");
                assertThat(f.seek(0, 2)).isEqualTo(3);
                assertThat(f.seek(0, 1)).isEqualTo(3);
            }
        });
    }

    @Test
    void binarySeekBeforeTheStartIsAnOSError() throws Exception {
        Path p = dir.resolve("s.bin");
        Files.write(p, new byte[] {1, 2, 3});
        Asyncio.run(() -> {
            try (AsyncBinaryFile f = AsyncFiles.openBinary(p, "rb")) {
                f.seek(1);
                // Python: OSError: [Errno 22] Invalid argument (lseek's EINVAL), not a ValueError.
                assertThatThrownBy(() -> f.seek(-1, 0)).isExactlyInstanceOf(IOException.class)
                        .hasMessage("[Errno 22] Invalid argument");
                assertThatThrownBy(() -> f.seek(-100, 2)).isExactlyInstanceOf(IOException.class);
                assertThatThrownBy(() -> f.seek(0, 5)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("whence value 5 unsupported");
                assertThat(f.tell()).isEqualTo(1);
                assertThat(f.seek(10, 0)).isEqualTo(10); // past the end is allowed
                assertThat(f.read()).isEmpty();
            }
        });
    }
}
