package io.asyncio4j.files;

import io.asyncio4j.Asyncio;
import io.asyncio4j.loop.EventLoop;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Async files and file-system operations: aiofiles ({@code aiofiles.open}, {@code aiofiles.os},
 * {@code aiofiles.os.path}, {@code aiofiles.tempfile}). Every method runs its blocking work on a
 * platform thread of the running loop's default executor and suspends the calling task meanwhile,
 * so it must be called inside a task; the loop itself never touches the disk.
 *
 * <p><b>Modes</b> are Python's: exactly one of {@code r} (read; the file must exist), {@code w}
 * (write, truncating), {@code x} (create; fails if the file exists), {@code a} (append), with
 * {@code +} for reading and writing, and {@code b} for binary ({@link AsyncBinaryFile}) or
 * {@code t}/nothing for text ({@link AsyncTextFile}). Errors are the JDK's NIO exceptions, which
 * map to Python's as: {@code NoSuchFileException} = {@code FileNotFoundError},
 * {@code FileAlreadyExistsException} = {@code FileExistsError}, {@code AccessDeniedException} =
 * {@code PermissionError}, {@code DirectoryNotEmptyException} = {@code OSError(ENOTEMPTY)},
 * {@code NotDirectoryException} = {@code NotADirectoryError}, {@code FileSystemException} with the
 * reason "Is a directory" = {@code IsADirectoryError} (opening or removing a directory as a file).
 * The file objects add {@link UnsupportedOperation} = {@code io.UnsupportedOperation} and
 * {@code IllegalArgumentException} = {@code ValueError} (bad mode, closed file).
 *
 * <p>Why an executor and not {@code AsynchronousFileChannel}: docs/benchmarks-files.md.
 *
 * <pre>{@code
 * Asyncio.run(() -> {
 *     try (AsyncTextFile f = AsyncFiles.openText(Path.of("notes.txt"), "w")) {
 *         f.write("hello\n");
 *     }
 *     try (AsyncTextFile f = AsyncFiles.openText(Path.of("notes.txt"), "r")) {
 *         System.out.print(f.readLine());
 *     }
 *     AsyncFiles.rename(Path.of("notes.txt"), Path.of("old-notes.txt"));
 * });
 * }</pre>
 */
public final class AsyncFiles {
    private AsyncFiles() {
    }

    // ------------------------------------------------------------------ open

    /** Opens {@code path} with a Python {@code mode}; text modes decode UTF-8. */
    public static AsyncFile open(Path path, String mode) throws IOException {
        return open(path, mode, null);
    }

    /**
     * Opens {@code path} with a Python {@code mode} and {@code encoding} (a charset name such as
     * "utf-8", "latin-1", "utf-16-le"; null for UTF-8; must be null for binary modes): aiofiles'
     * {@code open(path, mode, encoding=...)}. Returns an {@link AsyncBinaryFile} for "b" modes and an
     * {@link AsyncTextFile} otherwise; {@link #openText} and {@link #openBinary} give the type directly.
     */
    public static AsyncFile open(Path path, String mode, String encoding) throws IOException {
        return open(path, mode, encoding, null, null);
    }

    /**
     * aiofiles' {@code open(path, mode, encoding=, errors=, newline=)}, the arguments in Python's
     * order; null for each of the last three is Python's default. {@code errors} and
     * {@code newline} are described at {@link #openText(Path, String, String, String, String)};
     * binary modes take none of the three (Python's ValueError "binary mode doesn't take an
     * encoding argument", likewise for errors and newline).
     */
    public static AsyncFile open(Path path, String mode, String encoding, String errors, String newline)
            throws IOException {
        Mode m = Mode.parse(mode);
        if (m.binary()) {
            refuseInBinary("encoding", encoding);
            refuseInBinary("errors", errors);
            refuseInBinary("newline", newline);
            return openBinary(path, mode);
        }
        return openText(path, mode, encoding, errors, newline);
    }

    private static void refuseInBinary(String argument, String value) {
        if (value != null) {
            String article = argument.equals("newline") ? "a" : "an";
            throw new IllegalArgumentException("binary mode doesn't take " + article + " " + argument + " argument");
        }
    }

    /** Opens a text file (mode without "b") decoding UTF-8. */
    public static AsyncTextFile openText(Path path, String mode) throws IOException {
        return openText(path, mode, null);
    }

    /** Opens a text file (mode without "b") with {@code encoding} (null: UTF-8). */
    public static AsyncTextFile openText(Path path, String mode, String encoding) throws IOException {
        return openText(path, mode, encoding, null, null);
    }

    /**
     * Opens a text file (mode without "b") as Python's {@code open(path, mode, encoding=,
     * errors=, newline=)}; null for any of the three is Python's default.
     *
     * <p>{@code errors}: "strict" (null; a bad byte sequence throws
     * {@link java.nio.charset.CharacterCodingException}, Python's {@code UnicodeDecodeError}),
     * "ignore" (dropped) or "replace" (U+FFFD when reading, "?" when writing). Other handler names
     * are refused here with {@code IllegalArgumentException}; Python accepts them at {@code open()}
     * and raises {@code LookupError} at the first read or write.
     *
     * <p>{@code newline}, as Python's: null reads "\n", "\r" and "\r\n" as line ends and returns
     * each as "\n"; "" reads the same line ends but returns them untranslated; "\n", "\r" or
     * "\r\n" makes only that sequence end a line, untranslated. On writing, "\r" and "\r\n"
     * replace every "\n" written; null, "" and "\n" write "\n" as it is (POSIX's
     * {@code os.linesep}). Any other value is Python's ValueError "illegal newline value: ...".
     */
    public static AsyncTextFile openText(Path path, String mode, String encoding, String errors, String newline)
            throws IOException {
        Mode m = Mode.parse(mode);
        if (m.binary()) {
            throw new IllegalArgumentException("openText needs a text mode, not '" + mode + "'");
        }
        Charset cs = encoding == null ? StandardCharsets.UTF_8 : charset(encoding);
        TextCore.errorAction(errors);
        Newline nl = Newline.of(newline);
        EventLoop loop = Asyncio.getRunningLoop();
        FileCore core = Offload.call(loop, () -> new FileCore(path, m, Set.of()));
        return new AsyncTextFile(loop, core, cs, errors, nl);
    }

    /** Opens a binary file (mode with "b"; "rb", "wb", "ab", "r+b", "xb", ...). */
    public static AsyncBinaryFile openBinary(Path path, String mode) throws IOException {
        Mode m = Mode.parse(mode);
        if (!m.binary()) {
            throw new IllegalArgumentException("openBinary needs a binary mode, not '" + mode + "'");
        }
        EventLoop loop = Asyncio.getRunningLoop();
        FileCore core = Offload.call(loop, () -> new FileCore(path, m, Set.of()));
        return new AsyncBinaryFile(loop, core);
    }

    /** A charset by Python or Java name ("utf-8", "utf8", "latin-1", "utf-16-le", ...). */
    static Charset charset(String encoding) {
        String e = encoding.trim();
        String lower = e.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        String java = switch (lower) {
            case "utf8", "utf-8" -> "UTF-8";
            case "latin-1", "latin1", "l1", "iso8859-1", "iso-8859-1" -> "ISO-8859-1";
            case "ascii", "us-ascii" -> "US-ASCII";
            case "utf-16-le", "utf-16le" -> "UTF-16LE";
            case "utf-16-be", "utf-16be" -> "UTF-16BE";
            case "utf-32-le", "utf-32le" -> "UTF-32LE";
            case "utf-32-be", "utf-32be" -> "UTF-32BE";
            case "cp1252", "windows-1252" -> "windows-1252";
            default -> e;
        };
        return Charset.forName(java);
    }

    // ------------------------------------------------------------------ whole files

    /** The whole file as bytes: pathlib's {@code read_bytes}. */
    public static byte[] readBytes(Path path) throws IOException {
        return Offload.call(() -> Files.readAllBytes(path));
    }

    /**
     * The whole file decoded as UTF-8 (strictly) with universal newlines, {@code "\r\n"} and
     * {@code "\r"} read as {@code "\n"}: pathlib's {@code read_text}, which opens the file in mode "r".
     */
    public static String readText(Path path) throws IOException {
        return Offload.call(() -> TextCore.translate(Files.readString(path, StandardCharsets.UTF_8)));
    }

    /** Replaces the file's content with {@code data}: pathlib's {@code write_bytes}; returns its length. */
    public static int writeBytes(Path path, byte[] data) throws IOException {
        byte[] copy = data.clone();
        Offload.call(() -> Files.write(path, copy));
        return copy.length;
    }

    /**
     * Replaces the file's content with {@code text} in UTF-8: pathlib's {@code write_text}; returns
     * its length in Python's characters (code points). {@code "\n"} is written as it is, POSIX's
     * {@code os.linesep}.
     */
    public static int writeText(Path path, String text) throws IOException {
        Offload.call(() -> Files.writeString(path, text, StandardCharsets.UTF_8));
        return text.codePointCount(0, text.length());
    }

    // ------------------------------------------------------------------ aiofiles.os.path

    /** Information about {@code path}, following symbolic links: {@code os.stat}. */
    public static FileStat stat(Path path) throws IOException {
        return stat(path, true);
    }

    /** {@code os.stat} ({@code followLinks}) or {@code os.lstat} (not). */
    public static FileStat stat(Path path, boolean followLinks) throws IOException {
        LinkOption[] opts = followLinks ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        return Offload.call(() -> {
            try {
                PosixFileAttributes a = Files.readAttributes(path, PosixFileAttributes.class, opts);
                return new FileStat(a.size(), a.lastModifiedTime(), a.lastAccessTime(), a.creationTime(),
                        a.isDirectory(), a.isRegularFile(), a.isSymbolicLink(), a.permissions());
            } catch (UnsupportedOperationException notPosix) {
                BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, opts);
                return new FileStat(a.size(), a.lastModifiedTime(), a.lastAccessTime(), a.creationTime(),
                        a.isDirectory(), a.isRegularFile(), a.isSymbolicLink(), null);
            }
        });
    }

    /** Whether {@code path} exists (following links): {@code os.path.exists}. */
    public static boolean exists(Path path) throws IOException {
        return Offload.call(() -> Files.exists(path));
    }

    /** Whether {@code path} is a regular file: {@code os.path.isfile}. */
    public static boolean isFile(Path path) throws IOException {
        return Offload.call(() -> Files.isRegularFile(path));
    }

    /** Whether {@code path} is a directory: {@code os.path.isdir}. */
    public static boolean isDir(Path path) throws IOException {
        return Offload.call(() -> Files.isDirectory(path));
    }

    /** Whether {@code path} is a symbolic link: {@code os.path.islink}. */
    public static boolean isLink(Path path) throws IOException {
        return Offload.call(() -> Files.isSymbolicLink(path));
    }

    /** The modification time in seconds since the epoch: {@code os.path.getmtime}. */
    public static double getMtime(Path path) throws IOException {
        return stat(path).mtime();
    }

    /** The access time in seconds since the epoch: {@code os.path.getatime}. */
    public static double getAtime(Path path) throws IOException {
        return stat(path).lastAccess().toMillis() / 1000.0;
    }

    /** Whether both paths name the same file (following links): {@code os.path.samefile}. */
    public static boolean sameFile(Path a, Path b) throws IOException {
        return Offload.call(() -> Files.isSameFile(a, b));
    }

    /** The size in bytes: {@code os.path.getsize}. */
    public static long getSize(Path path) throws IOException {
        return Offload.call(() -> Files.size(path));
    }

    // ------------------------------------------------------------------ aiofiles.os

    /** The names in directory {@code dir}, sorted: {@code os.listdir}. */
    public static List<String> listDir(Path dir) throws IOException {
        return Offload.call(() -> {
            List<String> names = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    names.add(p.getFileName().toString());
                }
            }
            names.sort(null);
            return names;
        });
    }

    /** The entries of directory {@code dir} with their types, sorted by name: {@code os.scandir}. */
    public static List<DirEntry> scanDir(Path dir) throws IOException {
        return Offload.call(() -> {
            List<DirEntry> entries = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    boolean link = Files.isSymbolicLink(p);
                    BasicFileAttributes a;
                    try {
                        a = Files.readAttributes(p, BasicFileAttributes.class);
                    } catch (IOException brokenLink) {
                        a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    }
                    boolean target = !(link && a.isSymbolicLink());
                    entries.add(new DirEntry(p.getFileName().toString(), p, target && a.isDirectory(),
                            target && a.isRegularFile(), link, target ? a.size() : 0));
                }
            }
            entries.sort(Comparator.comparing(DirEntry::name));
            return entries;
        });
    }

    /** Creates directory {@code dir}; its parent must exist and it must not: {@code os.mkdir}. */
    public static void mkdir(Path dir) throws IOException {
        Offload.call(() -> Files.createDirectory(dir));
    }

    /**
     * Creates {@code dir} and its missing parents: {@code os.makedirs(dir, exist_ok=existOk)}.
     * Without {@code existOk}, an existing {@code dir} is a {@link FileAlreadyExistsException}.
     */
    public static void makeDirs(Path dir, boolean existOk) throws IOException {
        Offload.call(() -> {
            if (!existOk && Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(dir.toString());
            }
            return Files.createDirectories(dir);
        });
    }

    /**
     * Deletes file {@code path}: {@code os.remove} / {@code os.unlink}. A directory is refused with
     * Python's {@code IsADirectoryError} (a {@code FileSystemException} "Is a directory").
     */
    public static void remove(Path path) throws IOException {
        Offload.call(() -> {
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                throw FileCore.isADirectory(path);
            }
            Files.delete(path);
            return null;
        });
    }

    /** {@code os.unlink}: the same as {@link #remove}. */
    public static void unlink(Path path) throws IOException {
        remove(path);
    }

    /**
     * {@code os.symlink(target, link)}: makes {@code link} a symbolic link to {@code target}
     * (which need not exist); an existing {@code link} is {@code FileAlreadyExistsException}.
     */
    public static void symlink(Path target, Path link) throws IOException {
        Offload.call(() -> Files.createSymbolicLink(link, target));
    }

    /** {@code os.link(existing, link)}: a hard link; an existing {@code link} is {@code FileAlreadyExistsException}. */
    public static void link(Path existing, Path link) throws IOException {
        Offload.call(() -> Files.createLink(link, existing));
    }

    /**
     * {@code os.readlink}: what the symbolic link points to, as stored. A path that is not a link
     * is {@code java.nio.file.NotLinkException} (Python: {@code OSError(EINVAL)}).
     */
    public static Path readLink(Path link) throws IOException {
        return Offload.call(() -> Files.readSymbolicLink(link));
    }

    /** Deletes the empty directory {@code dir}: {@code os.rmdir}. */
    public static void rmdir(Path dir) throws IOException {
        Offload.call(() -> {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                    throw new java.nio.file.NoSuchFileException(dir.toString());
                }
                throw new NotDirectoryException(dir.toString());
            }
            Files.delete(dir);
            return null;
        });
    }

    /**
     * Deletes {@code path} and everything under it, not following links: {@code shutil.rmtree}.
     * As there, {@code path} itself must not be a symbolic link ({@code OSError} "Cannot call
     * rmtree on a symbolic link", here a {@code FileSystemException}), and a directory without write permission stops it with an
     * {@code AccessDeniedException} (Python's {@code PermissionError}).
     */
    public static void removeTree(Path path) throws IOException {
        Offload.call(() -> {
            if (Files.isSymbolicLink(path)) {
                // shutil.rmtree refuses a link rather than delete the link or what it points to
                throw new java.nio.file.FileSystemException(path.toString(), null, "Cannot call rmtree on a symbolic link");
            }
            FileTrees.deleteTree(path, false);
            return null;
        });
    }

    /**
     * Renames {@code src} to {@code dst} atomically with rename(2): {@code os.rename}. As on POSIX
     * in Python, a file at {@code dst} is replaced, and so is an empty directory when {@code src}
     * is a directory; a file onto a directory is {@code IsADirectoryError} (a
     * {@code FileSystemException} "Is a directory"), a directory onto a file
     * {@code NotDirectoryException}, onto a non-empty directory {@code DirectoryNotEmptyException};
     * across file systems it fails ({@code AtomicMoveNotSupportedException}), as Python's does.
     */
    public static void rename(Path src, Path dst) throws IOException {
        Offload.call(() -> Files.move(src, dst, StandardCopyOption.ATOMIC_MOVE));
    }

    /** {@code os.replace}: on POSIX the same as {@link #rename}, which replaces already. */
    public static void replace(Path src, Path dst) throws IOException {
        rename(src, dst);
    }

    /**
     * {@code os.renames}: creates the missing parents of {@code dst}, renames as {@link #rename},
     * then removes the parents of {@code src} that became empty, as {@link #removeDirs}.
     */
    public static void renames(Path src, Path dst) throws IOException {
        Offload.call(() -> {
            Path dstParent = dst.getParent();
            if (dstParent != null) {
                Files.createDirectories(dstParent);
            }
            Files.move(src, dst, StandardCopyOption.ATOMIC_MOVE);
            Path srcParent = src.getParent();
            if (srcParent != null) {
                FileTrees.pruneEmpty(srcParent);
            }
            return null;
        });
    }

    /**
     * {@code os.removedirs}: removes the empty directory {@code dir} (failing as {@link #rmdir}),
     * then each parent named in {@code dir} in turn, stopping quietly at the first that cannot be
     * removed (not empty, say).
     */
    public static void removeDirs(Path dir) throws IOException {
        rmdir(dir);
        Path parent = dir.getParent();
        if (parent != null) {
            Offload.call(() -> {
                FileTrees.pruneEmpty(parent);
                return null;
            });
        }
    }

    /**
     * Copies file {@code src} to {@code dst} (into it if it is a directory), replacing an existing
     * file, with the permission bits: {@code shutil.copy}. Returns the file written. As there, a
     * directory {@code src} is {@code IsADirectoryError} (a {@code FileSystemException} "Is a
     * directory"; the JDK alone would create an empty directory), and copying a file onto itself
     * is {@code shutil.SameFileError} (a {@code FileSystemException} "are the same file"; the JDK
     * alone would do nothing).
     */
    public static Path copy(Path src, Path dst) throws IOException {
        return Offload.call(() -> FileTrees.copy(src, dst));
    }

    /**
     * {@code aiofiles.os.sendfile(out, in, offset, count)}: copies up to {@code count} bytes of
     * {@code in} starting at {@code offset} to {@code out} at its position, in the kernel. As in
     * Python, {@code in}'s position does not move, {@code out}'s advances by the count, which is
     * returned (fewer than asked near {@code in}'s end, 0 past it). Python passes file descriptors
     * and ignores its buffers; these are files, so both are flushed first. A file not open for
     * reading ({@code in}) or writing ({@code out}) is an {@link UnsupportedOperation} (Python:
     * {@code OSError(EBADF)}).
     */
    public static long sendfile(AsyncBinaryFile out, AsyncBinaryFile in, long offset, long count) throws IOException {
        return out.call(() -> out.core.sendfileFrom(in.core.channelToSendFrom(), offset, count));
    }

    // ------------------------------------------------------------------ aiofiles.tempfile

    /**
     * An anonymous temporary binary file opened "w+b": {@code tempfile.TemporaryFile()}. As on
     * POSIX in Python, the file is unlinked as soon as it is open (it has no name in the directory
     * any more) and its space is freed when it is closed.
     */
    public static AsyncBinaryFile temporaryFile() throws IOException {
        return (AsyncBinaryFile) temporaryFile("w+b");
    }

    /**
     * {@code tempfile.TemporaryFile(mode)}: as {@link #temporaryFile()}, opened with {@code mode}
     * ("w+" gives a UTF-8 {@link AsyncTextFile}, "w+b" an {@link AsyncBinaryFile}).
     */
    public static AsyncFile temporaryFile(String mode) throws IOException {
        return TempFiles.anonymous(mode);
    }

    /**
     * A temporary file in {@code dir} (null: the system's temporary directory) named
     * {@code prefix...suffix}, opened with {@code mode} ("w+b", "w+", ...) and deleted when closed:
     * {@code tempfile.NamedTemporaryFile(mode, suffix=, prefix=, dir=)}. A null prefix or suffix is
     * Python's default, "tmp" and "". The file is created with permissions 0600. Its path is
     * {@link AsyncFile#name()}; it exists until the file is closed.
     */
    public static AsyncFile namedTemporaryFile(String mode, String prefix, String suffix, Path dir)
            throws IOException {
        return TempFiles.named(mode, prefix, suffix, dir);
    }

    /**
     * A new temporary directory (permissions 0700, prefix "tmp" if null), removed with its content
     * on close: {@code tempfile.TemporaryDirectory(prefix=)}.
     */
    public static TemporaryDirectory temporaryDirectory(String prefix) throws IOException {
        return new TemporaryDirectory(mkdtemp(prefix));
    }

    /** {@link #temporaryDirectory(String)} with the prefix "tmp". */
    public static TemporaryDirectory temporaryDirectory() throws IOException {
        return temporaryDirectory("tmp");
    }

    /**
     * A new temporary directory (permissions 0700) that the caller removes:
     * {@code tempfile.mkdtemp(prefix=)}; a null prefix is Python's default, "tmp".
     */
    public static Path mkdtemp(String prefix) throws IOException {
        String pre = TempFiles.prefix(prefix);
        return Offload.call(() -> Files.createTempDirectory(pre));
    }

}
