package io.asyncio4j;

/**
 * A deadline passed: raised by {@link Asyncio#waitFor}, {@link Asyncio#timeout} and the I/O
 * timeouts. asyncio's {@code TimeoutError} (the built-in one since Python 3.11). Unchecked, and
 * distinct from {@link CancelledError}: a timeout is the caller's own deadline, not an outside
 * cancellation.
 *
 * <pre>{@code
 * try {
 *     Asyncio.waitFor(slowTask, Duration.ofSeconds(1));
 * } catch (TimeoutError e) {
 *     System.out.println("too slow");
 * }
 * }</pre>
 */
public class TimeoutError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TimeoutError() {
        super();
    }

    public TimeoutError(String message) {
        super(message);
    }

    public TimeoutError(String message, Throwable cause) {
        super(message, cause);
    }
}
