package io.asyncio4j.stream;

/**
 * The separator was not found within the stream's limit: asyncio's {@code LimitOverrunError}.
 * The data stays in the buffer; {@link #consumed()} bytes may be skipped by the caller.
 *
 * <pre>{@code
 * try { reader.readUntil(sep); }
 * catch (LimitOverrunError e) { reader.readExactly(e.consumed()); } // skip the oversized chunk
 * }</pre>
 */
public class LimitOverrunError extends Exception {
    private static final long serialVersionUID = 1L;
    private final int consumed;

    public LimitOverrunError(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    /** How many bytes the caller may consume to get past the data that overran. */
    public int consumed() {
        return consumed;
    }
}
