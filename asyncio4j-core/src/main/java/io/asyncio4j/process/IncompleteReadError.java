package io.asyncio4j.process;

import java.io.EOFException;

/**
 * End of stream reached before the requested bytes: asyncio's {@code IncompleteReadError} (an
 * {@code EOFError}). It carries the bytes read before the end, which have been consumed.
 *
 * <pre>{@code
 * try {
 *     byte[] header = proc.stdout().readExactly(16);
 * } catch (IncompleteReadError e) {
 *     byte[] partial = e.partial();      // fewer than e.expected() bytes
 * }
 * }</pre>
 */
public class IncompleteReadError extends EOFException {
    private static final long serialVersionUID = 1L;
    private final transient byte[] partial;
    private final int expected;

    /**
     * @param partial  the bytes read before the end of the stream
     * @param expected the number of bytes requested, or -1 when a separator was expected
     */
    public IncompleteReadError(byte[] partial, int expected) {
        super(partial.length + " bytes read on a total of " + (expected < 0 ? "undefined" : expected)
                + " expected bytes");
        this.partial = partial;
        this.expected = expected;
    }

    /** The bytes read before the end of the stream. */
    public byte[] partial() {
        return partial;
    }

    /** The number of bytes requested, or -1 for a separator search (asyncio's {@code None}). */
    public int expected() {
        return expected;
    }
}
