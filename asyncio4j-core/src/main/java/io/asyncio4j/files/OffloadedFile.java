package io.asyncio4j.files;

import io.asyncio4j.loop.EventLoop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link AsyncBinaryFile} and {@link AsyncTextFile} share: the open {@link FileCore}, the
 * {@link AsyncFile} operations that only position, flush or close it, each run off the loop with
 * {@link Offload}, and the loop behind {@code writeLines()}.
 */
abstract sealed class OffloadedFile permits AsyncBinaryFile, AsyncTextFile {
    final EventLoop loop;
    final FileCore core;
    private final Positioned position;
    private boolean closed;

    /** {@code position}: the layer that seeks, tells, flushes and truncates (the core, or its text layer). */
    OffloadedFile(EventLoop loop, FileCore core, Positioned position) {
        this.loop = loop;
        this.core = core;
        this.position = position;
    }

    /**
     * Runs {@code work} off the loop, unless the file is closed: then Python's
     * {@code ValueError('I/O operation on closed file.')} at once, even when the text layer could
     * answer from what it has buffered.
     */
    final <T> T call(Offload.IoCall<T> work) throws IOException {
        checkOpen();
        return Offload.call(loop, work);
    }

    private void checkOpen() {
        if (closed) {
            throw FileCore.closedFile();
        }
    }

    interface IoWrite<T> {
        void write(T item) throws IOException;
    }

    /** Writes every item of {@code items} (already copied by the caller) in one executor hop. */
    final <T> void writeAll(List<T> items, IoWrite<T> write) throws IOException {
        call(() -> {
            for (T item : items) {
                write.write(item);
            }
            return null;
        });
    }

    public long seek(long offset, int whence) throws IOException {
        return call(() -> position.seek(offset, whence));
    }

    public long tell() throws IOException {
        return call(position::tell);
    }

    public void flush() throws IOException {
        call(() -> {
            position.flush();
            return null;
        });
    }

    public long truncate(long size) throws IOException {
        return call(() -> position.truncate(size));
    }

    public Path name() {
        return core.path;
    }

    public String mode() {
        return core.mode.text();
    }

    public boolean readable() {
        checkOpen();
        return core.mode.readable();
    }

    public boolean writable() {
        checkOpen();
        return core.mode.writable();
    }

    public boolean seekable() {
        checkOpen();
        return true;
    }

    public boolean closed() {
        return closed;
    }

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

    /** What {@link #toString()} shows after the name and mode ("" unless overridden). */
    String details() {
        return "";
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " name='" + core.path + "' mode='" + mode() + "'" + details()
                + (closed ? " closed" : "") + ">";
    }
}
