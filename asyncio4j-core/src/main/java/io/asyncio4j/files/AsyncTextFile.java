package io.asyncio4j.files;

import io.asyncio4j.loop.EventLoop;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A file opened in text mode ("r", "w", "a", "r+", "x", ...) with an encoding (UTF-8 unless
 * given): aiofiles' {@code AsyncTextIOWrapper}, i.e. Python's {@code TextIOWrapper} with every call
 * run off the loop. Decoding is strict (a malformed byte sequence throws
 * {@link java.nio.charset.CharacterCodingException}, Python's {@code UnicodeDecodeError}); reading
 * uses universal newlines ({@code "\r\n"} and {@code "\r"} read as {@code "\n"}); lines keep their
 * {@code "\n"}, and {@code ""} means end of file, as in Python.
 *
 * <pre>{@code
 * try (AsyncTextFile f = AsyncFiles.openText(path, "r", "utf-8")) {
 *     for (String line : f.lines()) {       // awaits batches of lines inside the task
 *         System.out.print(line);
 *     }
 * }
 * }</pre>
 */
public final class AsyncTextFile implements AsyncFile {
    private final EventLoop loop;
    private final FileCore core;
    private final TextCore text;
    private boolean closed;

    AsyncTextFile(EventLoop loop, FileCore core, Charset charset) {
        this.loop = loop;
        this.core = core;
        this.text = new TextCore(core, charset);
    }

    /** The encoding. */
    public Charset encoding() {
        return text.charset();
    }

    /** Up to {@code n} characters; everything left if {@code n < 0}; "" at the end. */
    public String read(int n) throws IOException {
        return Offload.call(loop, () -> text.read(n));
    }

    /** Everything from the position to the end of the file. */
    public String read() throws IOException {
        return read(-1);
    }

    /** One line including its {@code "\n"}; the last partial line; "" at the end of the file. */
    public String readLine() throws IOException {
        return Offload.call(loop, text::readLine);
    }

    /** All remaining lines: Python's {@code readlines()}. */
    public List<String> readLines() throws IOException {
        return Offload.call(loop, () -> {
            List<String> all = new ArrayList<>();
            for (List<String> batch; !(batch = text.readLines(Integer.MAX_VALUE)).isEmpty(); ) {
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
    public Iterable<String> lines() {
        return () -> new BatchIterator<>(() -> Offload.call(loop, () -> text.readLines(FileCore.BUFFER)));
    }

    /** Writes {@code s} (buffered, encoded strictly); returns its length in chars. */
    public int write(String s) throws IOException {
        return Offload.call(loop, () -> text.write(s));
    }

    /** Writes each string (no newlines added): Python's {@code writelines}. */
    public void writeLines(Iterable<String> lines) throws IOException {
        List<String> copy = new ArrayList<>();
        lines.forEach(copy::add);
        Offload.call(loop, () -> {
            for (String s : copy) {
                text.write(s);
            }
            return null;
        });
    }

    @Override
    public long seek(long offset, int whence) throws IOException {
        return Offload.call(loop, () -> text.seek(offset, whence));
    }

    @Override
    public long tell() throws IOException {
        return Offload.call(loop, text::tell);
    }

    @Override
    public void flush() throws IOException {
        Offload.call(loop, () -> {
            text.flush();
            return null;
        });
    }

    @Override
    public long truncate(long size) throws IOException {
        return Offload.call(loop, () -> text.truncate(size));
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
        return "<AsyncTextFile name='" + core.path + "' mode='" + mode() + "' encoding='" + encoding().name() + "'"
                + (closed ? " closed" : "") + ">";
    }
}
