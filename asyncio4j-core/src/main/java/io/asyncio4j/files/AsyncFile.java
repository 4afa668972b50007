package io.asyncio4j.files;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An open file whose operations run off the loop: the common part of aiofiles' async file
 * objects ({@code AsyncTextIOWrapper}, {@code AsyncBufferedIOBase}). Every method that touches the
 * file suspends the calling task while a platform thread of the loop's default executor does the
 * work, so the loop never blocks on the disk. Call the methods inside a task of the loop that
 * opened the file. Operations started by several tasks at once run one after the other.
 *
 * <p>A cancelled call still completes on its thread (as aiofiles'), so after cancelling a read
 * the position may have moved; {@link #close()} always closes the file, even when the task
 * awaiting it is cancelled.
 *
 * <pre>{@code
 * try (AsyncFile f = AsyncFiles.open(path, "rb")) {
 *     if (f instanceof AsyncBinaryFile b) {
 *         byte[] head = b.read(16);
 *     }
 * }
 * }</pre>
 */
public sealed interface AsyncFile extends AutoCloseable permits AsyncTextFile, AsyncBinaryFile {
    /** The path the file was opened with: Python's {@code name}. */
    Path name();

    /**
     * Python's {@code mode}: for a text file the mode string it was opened with ("r", "w+", "rt"),
     * for a binary file CPython's normalized form ("rb", "wb", "ab", "xb", and "rb+", "ab+",
     * "xb+" with "+"; "w+b" reports "rb+").
     */
    String mode();

    /** Whether the file can be read; {@code IllegalArgumentException} once closed, as Python's {@code ValueError}. */
    boolean readable();

    /** Whether the file can be written; {@code IllegalArgumentException} once closed, as Python's {@code ValueError}. */
    boolean writable();

    /**
     * Python's {@code seekable()}: true, since files are opened by path and read at positions
     * (a pipe or other unseekable file is not supported); an {@code IllegalArgumentException}
     * once closed, as Python's {@code ValueError}.
     */
    boolean seekable();

    /**
     * Moves the position: {@code whence} 0 from the start, 1 from the current position, 2 from
     * the end; returns the new position. Text files accept only positions from {@link #tell()}
     * with whence 0, and offset 0 with whence 1 or 2 (as Python's): another offset with whence 1
     * or 2 is an {@link UnsupportedOperation} ("can't do nonzero cur-relative seeks"), another
     * whence or a negative position an {@code IllegalArgumentException} (Python's
     * {@code ValueError}). Binary files seek anywhere at or after the start, also past the end; a
     * position before the start is an {@code IOException} ("[Errno 22] Invalid argument", Python's
     * {@code OSError}), a whence other than 0, 1, 2 an {@code IllegalArgumentException}.
     */
    long seek(long offset, int whence) throws IOException;

    /** {@link #seek(long, int)} from the start. */
    default long seek(long offset) throws IOException {
        return seek(offset, 0);
    }

    /**
     * The current position (a byte offset; for text files an opaque position for {@code seek}).
     * In the append modes every write goes to the end of the file, wherever {@code seek} put the
     * position, and leaves the position at the end, as Python's text files report it (its binary
     * files add the written length to the old position until they flush).
     */
    long tell() throws IOException;

    /** Writes the buffered data to the OS (not an fsync): Python's {@code flush()}. */
    void flush() throws IOException;

    /** Resizes the file to {@code size} bytes (extending with zeros); the position does not move. */
    long truncate(long size) throws IOException;

    /** Resizes the file to the current position. */
    default long truncate() throws IOException {
        return truncate(-1);
    }

    /** Whether {@link #close()} was called. */
    boolean closed();

    /**
     * Flushes and closes the file; closing twice is allowed. Any other operation on a closed file
     * throws {@code IllegalArgumentException("I/O operation on closed file.")}, Python's
     * {@code ValueError}.
     */
    @Override
    void close() throws IOException;
}
