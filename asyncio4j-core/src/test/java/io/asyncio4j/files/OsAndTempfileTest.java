package io.asyncio4j.files;

import io.asyncio4j.Asyncio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** aiofiles.os and aiofiles.tempfile, each expectation observed with Python 3.11 and aiofiles. */
@Timeout(10)
class OsAndTempfileTest {
    @TempDir
    Path dir;

    @Test
    void renameReplacesAndFailsAsPosixPython() throws Exception {
        Path f1 = Files.writeString(dir.resolve("f1"), "1");
        Path f2 = Files.writeString(dir.resolve("f2"), "2");
        Path d1 = Files.createDirectory(dir.resolve("d1"));
        Path d2 = Files.createDirectory(dir.resolve("d2"));
        Path d3 = Files.createDirectory(dir.resolve("d3"));
        Files.writeString(d3.resolve("x"), "");
        Asyncio.run(() -> {
            AsyncFiles.rename(f1, f2); // replaces the file
            assertThat(Files.readString(f2)).isEqualTo("1");
            // IsADirectoryError: [Errno 21] Is a directory: 'f2' -> 'd1'
            assertThatThrownBy(() -> AsyncFiles.rename(f2, d1)).isExactlyInstanceOf(FileSystemException.class)
                    .hasMessageEndingWith("Is a directory");
            assertThatThrownBy(() -> AsyncFiles.replace(f2, d3)).isExactlyInstanceOf(FileSystemException.class)
                    .hasMessageEndingWith("Is a directory");
            // NotADirectoryError / OSError [Errno 39] Directory not empty
            assertThatThrownBy(() -> AsyncFiles.rename(d1, f2)).isInstanceOf(NotDirectoryException.class);
            assertThatThrownBy(() -> AsyncFiles.rename(d1, d3)).isInstanceOf(DirectoryNotEmptyException.class);
            assertThatThrownBy(() -> AsyncFiles.rename(dir.resolve("nope"), dir.resolve("zz")))
                    .isInstanceOf(NoSuchFileException.class);
            assertThatThrownBy(() -> AsyncFiles.rename(f2, dir.resolve("missing/f")))
                    .isInstanceOf(NoSuchFileException.class);
            AsyncFiles.rename(d1, d2); // replaces the empty directory
            assertThat(AsyncFiles.listDir(dir)).containsExactly("d2", "d3", "f2");
            // NotADirectoryError when a file is in the way of mkdir / makedirs / listdir
            assertThatThrownBy(() -> AsyncFiles.mkdir(f2.resolve("sub"))).isInstanceOf(NotDirectoryException.class);
            assertThatThrownBy(() -> AsyncFiles.makeDirs(f2.resolve("sub"), true))
                    .isInstanceOf(NotDirectoryException.class);
            assertThatThrownBy(() -> AsyncFiles.listDir(f2)).isInstanceOf(NotDirectoryException.class);
        });
    }

    @Test
    void renamesAndRemoveDirsPruneEmptyParents() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        Asyncio.run(() -> {
            Path moved = dir.resolve("n1/n2/f3");
            AsyncFiles.renames(f, moved);
            assertThat(Files.readString(moved)).isEqualTo("x");
            AsyncFiles.renames(moved, dir.resolve("g"));
            assertThat(Files.exists(dir.resolve("n1"))).isFalse(); // n2 and n1 became empty and went
            Files.createDirectories(dir.resolve("r1/r2/r3"));
            Files.writeString(dir.resolve("r1/keep"), "");
            AsyncFiles.removeDirs(dir.resolve("r1/r2/r3"));
            assertThat(AsyncFiles.listDir(dir.resolve("r1"))).containsExactly("keep"); // stopped quietly at r1
            assertThatThrownBy(() -> AsyncFiles.removeDirs(dir.resolve("r1"))).isInstanceOf(DirectoryNotEmptyException.class);
        });
        assertThat(Files.exists(dir)).isTrue();
    }

    @Test
    void binaryFilesReportCPythonsNormalizedMode() throws Exception {
        Path p = Files.writeString(dir.resolve("m.bin"), "");
        List<String[]> cases = List.of(new String[] {"rb", "rb"}, new String[] {"br", "rb"}, new String[] {"wb", "wb"},
                new String[] {"w+b", "rb+"}, new String[] {"r+b", "rb+"}, new String[] {"rb+", "rb+"},
                new String[] {"ab", "ab"}, new String[] {"a+b", "ab+"}, new String[] {"xb", "xb"},
                new String[] {"x+b", "xb+"}, new String[] {"r", "r"}, new String[] {"w+", "w+"},
                new String[] {"tr", "tr"}, new String[] {"x", "x"});
        Asyncio.run(() -> {
            for (String[] c : cases) {
                if (c[0].contains("x")) {
                    Files.deleteIfExists(p);
                }
                try (AsyncFile f = AsyncFiles.open(p, c[0])) {
                    assertThat(f.mode()).as(c[0]).isEqualTo(c[1]);
                }
            }
        });
    }

    @Test
    void temporaryNamesUsePythonsDefaultsAndPermissions() throws Exception {
        Asyncio.run(() -> {
            Path name;
            try (AsyncFile f = AsyncFiles.namedTemporaryFile("w+b", null, null, dir)) {
                name = f.name();
                String n = name.getFileName().toString();
                assertThat(n).startsWith("tmp").doesNotContain(".");
                assertThat(f.mode()).isEqualTo("rb+");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(name))).isEqualTo("rw-------");
            }
            assertThat(Files.exists(name)).isFalse();
            Path d = AsyncFiles.mkdtemp(null);
            assertThat(d.getFileName().toString()).startsWith("tmp");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d))).isEqualTo("rwx------");
            Files.delete(d);
        });
    }

    @Test
    void temporaryDirectoryCleanupRemovesReadOnlyContentAndToleratesItsAbsence() throws Exception {
        Asyncio.run(() -> {
            Path d;
            try (TemporaryDirectory t = AsyncFiles.temporaryDirectory()) {
                d = t.path();
                Files.writeString(d.resolve("ro"), "");
                Path sub = Files.createDirectory(d.resolve("sub"));
                Files.writeString(sub.resolve("f"), "");
                Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("r-x------"));
            }
            assertThat(Files.exists(d)).isFalse();
            try (TemporaryDirectory t = AsyncFiles.temporaryDirectory(null)) {
                d = t.path();
                assertThat(d.getFileName().toString()).startsWith("tmp");
                Files.delete(d); // gone before the cleanup: no error, as in Python
            }
        });
    }

    @Test
    void removeTreeDoesNotResetPermissions() throws Exception {
        // root ignores permission bits, so only another user sees the PermissionError
        assumeFalse("root".equals(System.getProperty("user.name")), "running as root");
        Asyncio.run(() -> {
            // shutil.rmtree does not reset permissions: PermissionError
            Path ro = Files.createDirectories(dir.resolve("t/sub"));
            Files.writeString(ro.resolve("f"), "");
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-x------"));
            try {
                assertThatThrownBy(() -> AsyncFiles.removeTree(dir.resolve("t")))
                        .isInstanceOf(java.nio.file.AccessDeniedException.class);
            } finally {
                Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwx------"));
            }
        });
    }

    @Test
    void pathlibReadTextUsesUniversalNewlinesAndWritesReturnLengths() throws Exception {
        Path p = dir.resolve("rt.txt");
        Asyncio.run(() -> {
            // Python: p.write_bytes(b'a\r\nb\rc\n') -> 7; p.read_text() -> 'a\nb\nc\n'
            assertThat(AsyncFiles.writeBytes(p, "a\r\nb\rc\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                    .isEqualTo(7);
            assertThat(AsyncFiles.readText(p)).isEqualTo("a\nb\nc\n");
            assertThat(AsyncFiles.readBytes(p)).hasSize(7);
            // p.write_text('x\ny' + emoji) -> 4 (characters), the bytes as they are
            assertThat(AsyncFiles.writeText(p, "x\ny" + new String(Character.toChars(0x1F600)))).isEqualTo(4);
            assertThat(AsyncFiles.readBytes(p)).hasSize(7);
        });
    }

    @Test
    void sendfileCopiesFromAnOffsetAndMovesOnlyTheOutput() throws Exception {
        Path src = Files.writeString(dir.resolve("src.bin"), "0123456789");
        Path dst = dir.resolve("dst.bin");
        Asyncio.run(() -> {
            try (AsyncBinaryFile in = AsyncFiles.openBinary(src, "rb"); AsyncBinaryFile out = AsyncFiles.openBinary(dst, "wb")) {
                in.seek(1);
                // Python: 5, in.tell() 1, out at 5; then 2 (the end of in); then 0
                assertThat(AsyncFiles.sendfile(out, in, 2, 5)).isEqualTo(5);
                assertThat(in.tell()).isEqualTo(1);
                assertThat(out.tell()).isEqualTo(5);
                assertThat(AsyncFiles.sendfile(out, in, 8, 5)).isEqualTo(2);
                assertThat(AsyncFiles.sendfile(out, in, 20, 5)).isZero();
                assertThat(in.read(2)).containsExactly('1', '2');
            }
            assertThat(Files.readString(dst)).isEqualTo("2345689");
            try (AsyncBinaryFile in = AsyncFiles.openBinary(dst, "rb"); AsyncBinaryFile out = AsyncFiles.openBinary(src, "rb")) {
                assertThatThrownBy(() -> AsyncFiles.sendfile(out, in, 0, 5)).isInstanceOf(UnsupportedOperation.class);
            }
        });
    }

    @Test
    void copyRefusesADirectoryAndTheSameFile() throws Exception {
        Path a = Files.writeString(dir.resolve("a"), "x");
        Path d = Files.createDirectory(dir.resolve("d"));
        Asyncio.run(() -> {
            // shutil.SameFileError: 'a' and './a' are the same file
            assertThatThrownBy(() -> AsyncFiles.copy(a, dir.resolve("./a"))).isExactlyInstanceOf(FileSystemException.class)
                    .hasMessageEndingWith("are the same file");
            // IsADirectoryError: [Errno 21] Is a directory: 'd'
            assertThatThrownBy(() -> AsyncFiles.copy(d, dir.resolve("e"))).isExactlyInstanceOf(FileSystemException.class)
                    .hasMessage(d + ": Is a directory");
            assertThat(Files.exists(dir.resolve("e"))).isFalse();
            assertThatThrownBy(() -> AsyncFiles.copy(dir.resolve("missing"), dir.resolve("z")))
                    .isInstanceOf(NoSuchFileException.class);
            assertThatThrownBy(() -> AsyncFiles.copy(a, dir.resolve("nodir/z"))).isInstanceOf(NoSuchFileException.class);
            assertThat(Files.readString(a)).isEqualTo("x");
        });
    }

    @Test
    void textTemporaryFileAndRmtreeOfALink() throws Exception {
        Path target = Files.createDirectory(dir.resolve("t"));
        Files.writeString(target.resolve("keep"), "");
        Path link = Files.createSymbolicLink(dir.resolve("t.lnk"), target);
        Asyncio.run(() -> {
            // Python: TemporaryFile('w+') writes 3, mode 'w+', reads back 'a\nb'
            try (AsyncFile f = AsyncFiles.temporaryFile("w+")) {
                AsyncTextFile t = (AsyncTextFile) f;
                assertThat(t.write("a\nb")).isEqualTo(3);
                assertThat(t.mode()).isEqualTo("w+");
                t.seek(0);
                assertThat(t.read()).isEqualTo("a\nb");
                assertThat(Files.exists(t.name())).isFalse(); // unlinked while open
            }
            // OSError: Cannot call rmtree on a symbolic link; neither the link nor its target is touched
            assertThatThrownBy(() -> AsyncFiles.removeTree(link)).isExactlyInstanceOf(FileSystemException.class)
                    .hasMessageEndingWith("Cannot call rmtree on a symbolic link");
        });
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.exists(target.resolve("keep"))).isTrue();
    }

    @Test
    void linksAndPathQueries() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        Path l = dir.resolve("l");
        Path h = dir.resolve("h");
        Asyncio.run(() -> {
            AsyncFiles.symlink(Path.of("f"), l); // relative, stored as given
            AsyncFiles.link(f, h);
            // Python: readlink('l') -> 'f'; samefile('l', 'h') and samefile('f', 'l') -> True
            assertThat(AsyncFiles.readLink(l)).isEqualTo(Path.of("f"));
            assertThat(AsyncFiles.sameFile(l, h)).isTrue();
            assertThat(AsyncFiles.sameFile(f, l)).isTrue();
            assertThat(AsyncFiles.isLink(l)).isTrue();
            // OSError EINVAL / FileExistsError / FileExistsError / FileNotFoundError
            assertThatThrownBy(() -> AsyncFiles.readLink(f)).isInstanceOf(java.nio.file.NotLinkException.class);
            assertThatThrownBy(() -> AsyncFiles.symlink(f, l)).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
            assertThatThrownBy(() -> AsyncFiles.link(f, h)).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
            assertThatThrownBy(() -> AsyncFiles.sameFile(f, dir.resolve("missing"))).isInstanceOf(NoSuchFileException.class);
            assertThat(AsyncFiles.getMtime(f)).isCloseTo(Files.getLastModifiedTime(f).toMillis() / 1000.0,
                    org.assertj.core.data.Offset.offset(0.001));
            assertThat(AsyncFiles.getAtime(f)).isPositive();
            AsyncFiles.unlink(l);
            assertThat(Files.exists(l, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
            assertThat(Files.readString(f)).isEqualTo("x");
        });
    }
}
