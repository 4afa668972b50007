package io.asyncio4j.files;

import io.asyncio4j.loop.EventLoop;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A file opened in binary mode ("rb", "wb", "ab", "r+b", "xb", ...): aiofiles'
 * {@code AsyncBufferedReader} / {@code AsyncBufferedIOBase}, i.e. Python's buffered binary file
 * with every call run off the loop. Reads and writes are buffered (64 KiB); {@code read(n)}
 * returns {@code n} bytes unless the file ends first.
 *
 * <pre>{@code
 * try (AsyncBinaryFile in = AsyncFiles.openBinary(src, "rb");
 *      AsyncBinaryFile out = AsyncFiles.openBinary(dst, "wb")) {
 *     for (byte[] chunk; (chunk = in.read(1 << 16)).length > 0; ) {
 *         out.write(chunk);
 *     }
 * }
 * }</pre>
 */
public final class AsyncBinaryFile extends OffloadedFile implements AsyncFile {
    AsyncBinaryFile(EventLoop loop, FileCore core) {
        super(loop, core, core);
    }

    /** The mode as CPython's binary files report it: "rb", "wb", "ab", "xb", "rb+" ("w+b" too), "ab+", "xb+". */
    @Override
    public String mode() {
        return core.mode.binaryName();
    }

    /** Up to {@code n} bytes ({@code n} unless the file ends first); everything left if {@code n < 0}. */
    public byte[] read(int n) throws IOException {
        return call(() -> core.read(n));
    }

    /** Everything from the position to the end of the file. */
    public byte[] read() throws IOException {
        return call(core::readAll);
    }

    /**
     * Python's {@code read1(n)}: at most one read from the file. The bytes already buffered if
     * there are any, else what one read returns; at most {@code n} bytes, or all of them if
     * {@code n < 0}; an empty array at the end of the file (or for {@code n == 0}).
     */
    public byte[] read1(int n) throws IOException {
        return call(() -> core.read1(n));
    }

    /**
     * Python's {@code peek(n)}: the bytes ahead in the buffer, reading once from the file if it is
     * empty, without moving the position. As in Python, {@code n} is only a hint: the result may
     * be longer or (near the end of the file) shorter; it is empty only at the end.
     */
    public byte[] peek(int n) throws IOException {
        return call(core::peek);
    }

    /**
     * Python's {@code readinto(b)}: reads into {@code b} until it is full or the file ends;
     * returns how many bytes it read, 0 at the end of the file.
     */
    public int readInto(byte[] b) throws IOException {
        return call(() -> core.readInto(b, 0, b.length));
    }

    /** One line including its {@code \n}; the last partial line; an empty array at the end. */
    public byte[] readLine() throws IOException {
        return readLine(-1);
    }

    /**
     * Python's {@code readline(size)}: one line as {@link #readLine()}, but at most {@code size}
     * bytes of it (the rest of the line comes with the next call); the whole line if {@code size < 0}.
     */
    public byte[] readLine(int size) throws IOException {
        return call(() -> core.readLine(size));
    }

    /** All remaining lines: Python's {@code readlines()}. */
    public List<byte[]> readLines() throws IOException {
        return readLines(0);
    }

    /**
     * Python's {@code readlines(hint)}: lines until their total size exceeds {@code hint} bytes
     * (so at least one, the one that crosses it included); all remaining lines if {@code hint <= 0}.
     */
    public List<byte[]> readLines(int hint) throws IOException {
        return call(() -> core.readLines(hint));
    }

    /**
     * The remaining lines as an {@link Iterable} for a for-each loop in a task: Python's
     * {@code async for line in f}. Lines are fetched in batches of about 64 KiB per executor hop;
     * an I/O error surfaces as {@link java.io.UncheckedIOException}.
     */
    public Iterable<byte[]> lines() {
        return () -> new BatchIterator<>(() -> call(() -> core.readLines(FileCore.BUFFER)));
    }

    /** Writes {@code data} (buffered); returns its length. */
    public int write(byte[] data) throws IOException {
        byte[] copy = data.clone();
        return call(() -> core.write(copy));
    }

    /** Writes each chunk: Python's {@code writelines}. */
    public void writeLines(Iterable<byte[]> chunks) throws IOException {
        List<byte[]> copies = new ArrayList<>();
        chunks.forEach(c -> copies.add(c.clone()));
        writeAll(copies, core::write);
    }
}
