package io.asyncio4j.stream;

import java.io.EOFException;

/**
 * EOF came before the bytes asked for: asyncio's {@code IncompleteReadError}. {@link #partial()}
 * holds what was read (and removed from the stream) before the EOF.
 *
 * <pre>{@code
 * try { byte[] header = reader.readExactly(16); }
 * catch (IncompleteReadError e) { log("short header: " + e.partial().length + " bytes"); }
 * }</pre>
 */
public class IncompleteReadError extends EOFException {
    private static final long serialVersionUID = 1L;
    private final transient byte[] partial;
    private final Integer expected;

    /** {@code expected} is null when any amount was expected (readUntil). */
    public IncompleteReadError(byte[] partial, Integer expected) {
        super(partial.length + " bytes read on a total of " + (expected == null ? "undefined" : expected)
                + " expected bytes");
        this.partial = partial;
        this.expected = expected;
    }

    /** The bytes read before the end of the stream. */
    public byte[] partial() {
        return partial;
    }

    /** The number of bytes expected, or null if undefined. */
    public Integer expected() {
        return expected;
    }
}
