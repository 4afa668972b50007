package io.asyncio4j.process;

import java.io.IOException;

/**
 * A separator search went past the reader's limit: asyncio's {@code LimitOverrunError}. After
 * {@link ProcessStreamReader#readUntil(byte[])} the data stays in the buffer and {@link #consumed()}
 * says how many bytes must be consumed to make progress; {@link ProcessStreamReader#readLine()}
 * discards the long line before throwing (where asyncio raises {@code ValueError}).
 *
 * <pre>{@code
 * try {
 *     reader.readUntil("\r\n\r\n".getBytes());
 * } catch (LimitOverrunError e) {
 *     reader.readExactly(e.consumed());   // skip what was searched
 * }
 * }</pre>
 */
public class LimitOverrunError extends IOException {
    private static final long serialVersionUID = 1L;
    private final int consumed;

    public LimitOverrunError(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    /** The number of bytes to consume to get past the part that was searched. */
    public int consumed() {
        return consumed;
    }
}
