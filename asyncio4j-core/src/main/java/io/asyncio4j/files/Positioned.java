package io.asyncio4j.files;

import java.io.IOException;

/**
 * The position operations a file's binary and text layers both offer ({@link FileCore},
 * {@link TextCore}); they run on an executor thread, never on the loop.
 */
interface Positioned {
    long seek(long offset, int whence) throws IOException;

    long tell() throws IOException;

    void flush() throws IOException;

    long truncate(long size) throws IOException;
}
