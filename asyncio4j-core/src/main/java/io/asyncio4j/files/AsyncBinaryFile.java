package io.asyncio4j.files;

import io.asyncio4j.loop.EventLoop;

import java.io.IOException;
import java.nio.file.Path;
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
public final class AsyncBinaryFile implements AsyncFile {
    private final EventLoop loop;
    private final FileCore core;
    private boolean closed;

    AsyncBinaryFile(EventLoop loop, FileCore core) {
        this.loop = loop;
        this.core = core;
    }

    /** Up to {@code n} bytes ({@code n} unless the file ends first); everything left if {@code n < 0}. */
    public byte[] read(int n) throws IOException {
        return Offload.call(loop, () -> core.read(n));
    }

    /** Everything from the position to the end of the file. */
    public byte[] read() throws IOException {
        return Offload.call(loop, core::readAll);
    }

    /** One line including its {@code \n}; the last partial line; an empty array at the end. */
    public byte[] readLine() throws IOException {
        return Offload.call(loop, core::readLine);
    }

    /** All remaining lines: Python's {@code readlines()}. */
    public List<byte[]> readLines() throws IOException {
        return Offload.call(loop, () -> {
            List<byte[]> all = new ArrayList<>();
            for (List<byte[]> batch; !(batch = core.readLines(Integer.MAX_VALUE)).isEmpty(); ) {
                all.addAll(batch);
            }
            return all;
        });
    }

    /**
     * The remaining lines as an {@link Iterable} for a for-each loop in a task: Python's
     * {@code async for line in f}. Lines are fetched in batches of about 64 KiB per executor hop;
     * an I/O error surfaces as {@link java.io.UncheckedIOException}.
     */
    public Iterable<byte[]> lines() {
        return () -> new BatchIterator<>(() -> Offload.call(loop, () -> core.readLines(FileCore.BUFFER)));
    }

    /** Writes {@code data} (buffered); returns its length. */
    public int write(byte[] data) throws IOException {
        byte[] copy = data.clone();
        return Offload.call(loop, () -> core.write(copy));
    }

    /** Writes each chunk: Python's {@code writelines}. */
    public void writeLines(Iterable<byte[]> chunks) throws IOException {
        List<byte[]> copies = new ArrayList<>();
        chunks.forEach(c -> copies.add(c.clone()));
        Offload.call(loop, () -> {
            for (byte[] c : copies) {
                core.write(c);
            }
            return null;
        });
    }

    @Override
    public long seek(long offset, int whence) throws IOException {
        return Offload.call(loop, () -> core.seek(offset, whence));
    }

    @Override
    public long tell() throws IOException {
        return Offload.call(loop, core::tell);
    }

    @Override
    public void flush() throws IOException {
        Offload.call(loop, () -> {
            core.flush();
            return null;
        });
    }

    @Override
    public long truncate(long size) throws IOException {
        return Offload.call(loop, () -> core.truncate(size));
    }

    @Override
    public Path name() {
        return core.path;
    }

    @Override
    public String mode() {
        return core.mode.text();
    }

    @Override
    public boolean readable() {
        return core.mode.readable();
    }

    @Override
    public boolean writable() {
        return core.mode.writable();
    }

    @Override
    public boolean closed() {
        return closed;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        Offload.call(loop, () -> {
            core.close();
            return null;
        });
    }

    @Override
    public String toString() {
        return "<AsyncBinaryFile name='" + core.path + "' mode='" + mode() + "'" + (closed ? " closed" : "") + ">";
    }
}
