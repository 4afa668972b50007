package io.asyncio4j.files;

import io.asyncio4j.loop.EventLoop;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * A file opened in text mode ("r", "w", "a", "r+", "x", ...) with an encoding (UTF-8 unless
 * given): aiofiles' {@code AsyncTextIOWrapper}, i.e. Python's {@code TextIOWrapper} with every call
 * run off the loop. By default decoding is strict (a malformed byte sequence throws
 * {@link java.nio.charset.CharacterCodingException}, Python's {@code UnicodeDecodeError}) and
 * reading uses universal newlines ({@code "\r\n"} and {@code "\r"} read as {@code "\n"});
 * {@link AsyncFiles#openText(java.nio.file.Path, String, String, String, String)} takes Python's
 * {@code errors} and {@code newline} instead. Lines keep their line end, {@code ""} means end of
 * file, and sizes count Python's characters (code points), as in Python.
 *
 * <pre>{@code
 * try (AsyncTextFile f = AsyncFiles.openText(path, "r", "utf-8")) {
 *     for (String line : f.lines()) {       // awaits batches of lines inside the task
 *         System.out.print(line);
 *     }
 * }
 * }</pre>
 */
public final class AsyncTextFile extends OffloadedFile implements AsyncFile {
    private final TextCore text;

    AsyncTextFile(EventLoop loop, FileCore core, Charset charset, String errors, Newline newline) {
        this(loop, core, new TextCore(core, charset, errors, newline));
    }

    private AsyncTextFile(EventLoop loop, FileCore core, TextCore text) {
        super(loop, core, text);
        this.text = text;
    }

    /** The encoding. */
    public Charset encoding() {
        return text.charset();
    }

    /**
     * Up to {@code n} characters; everything left if {@code n < 0}; "" at the end. Characters are
     * Python's, code points: a supplementary character (a surrogate pair in Java) counts as one
     * and is never split, so the result may hold more than {@code n} Java chars.
     */
    public String read(int n) throws IOException {
        return call(() -> text.read(n));
    }

    /** Everything from the position to the end of the file. */
    public String read() throws IOException {
        return read(-1);
    }

    /** One line including its {@code "\n"}; the last partial line; "" at the end of the file. */
    public String readLine() throws IOException {
        return readLine(-1);
    }

    /**
     * Python's {@code readline(size)}: one line as {@link #readLine()}, but at most {@code size}
     * characters (code points) of it; the whole line if {@code size < 0}. A {@code "\r\n"} is one
     * character, {@code "\n"}.
     */
    public String readLine(int size) throws IOException {
        return call(() -> text.readLine(size));
    }

    /** All remaining lines: Python's {@code readlines()}. */
    public List<String> readLines() throws IOException {
        return readLines(0);
    }

    /**
     * Python's {@code readlines(hint)}: lines until their total length in characters (code points)
     * exceeds {@code hint} (so at least one, the one that crosses it included); all remaining lines
     * if {@code hint <= 0}.
     */
    public List<String> readLines(int hint) throws IOException {
        return call(() -> text.readLines(hint));
    }

    /**
     * The remaining lines as an {@link Iterable} for a for-each loop in a task: Python's
     * {@code async for line in f}. Lines are fetched in batches of about 64 KiB per executor hop;
     * an I/O error surfaces as {@link java.io.UncheckedIOException}.
     */
    public Iterable<String> lines() {
        return () -> new BatchIterator<>(() -> call(() -> text.readLines(FileCore.BUFFER)));
    }

    /**
     * Writes {@code s} (buffered, encoded strictly); returns its length in Python's characters,
     * code points (one emoji is 1, where Java's {@code length()} says 2).
     */
    public int write(String s) throws IOException {
        return call(() -> text.write(s));
    }

    /** Writes each string (no newlines added): Python's {@code writelines}. */
    public void writeLines(Iterable<String> lines) throws IOException {
        List<String> copy = new ArrayList<>();
        lines.forEach(copy::add);
        writeAll(copy, text::write);
    }

    @Override
    String details() {
        return " encoding='" + encoding().name() + "'";
    }
}
