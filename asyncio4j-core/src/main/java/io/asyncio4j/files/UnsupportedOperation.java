package io.asyncio4j.files;

import java.io.IOException;

/**
 * An operation the file's mode does not allow (reading a file opened "w", writing one opened
 * "r", a non-zero relative seek in a text file): Python's {@code io.UnsupportedOperation}.
 *
 * <pre>{@code
 * try (AsyncTextFile f = AsyncFiles.openText(path, "r")) {
 *     f.write("x");          // throws UnsupportedOperation
 * }
 * }</pre>
 */
public class UnsupportedOperation extends IOException {
    private static final long serialVersionUID = 1L;

    public UnsupportedOperation(String message) {
        super(message);
    }
}
