package io.asyncio4j.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A temporary directory removed, with everything in it, by {@link #close()}: Python's
 * {@code tempfile.TemporaryDirectory} (aiofiles' {@code tempfile.TemporaryDirectory}).
 *
 * <pre>{@code
 * try (TemporaryDirectory tmp = AsyncFiles.temporaryDirectory("work")) {
 *     AsyncFiles.writeText(tmp.path().resolve("a.txt"), "hello");
 * }   // gone
 * }</pre>
 */
public final class TemporaryDirectory implements AutoCloseable {
    private final Path path;
    private boolean closed;

    TemporaryDirectory(Path path) {
        this.path = path;
    }

    /** The directory. */
    public Path path() {
        return path;
    }

    /**
     * Removes the directory tree (off the loop, in a task), as Python's {@code cleanup()}: content
     * without write permission goes too (directories are made writable first), and a directory
     * that is already gone is no error. Closing twice is allowed.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        Offload.call(() -> {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                FileTrees.deleteTree(path, true);
            }
            return null;
        });
    }

    @Override
    public String toString() {
        return "<TemporaryDirectory '" + path + "'>";
    }
}
