package io.asyncio4j;

/**
 * The operation was cancelled: asyncio's {@code CancelledError}.
 *
 * <p>It extends {@link Error}, not {@link Exception}, so that {@code catch (Exception e)} does
 * not swallow a cancellation (as Python 3.8 moved {@code CancelledError} out of {@code Exception}).
 * Catch it only to clean up, and rethrow it; a task that swallows it keeps running, as in asyncio.
 *
 * <pre>{@code
 * try {
 *     Asyncio.sleep(3600);
 * } catch (CancelledError e) {
 *     System.out.println("cancelled: " + e.getMessage());
 *     throw e;
 * }
 * }</pre>
 */
public class CancelledError extends Error {
    private static final long serialVersionUID = 1L;

    public CancelledError() {
        super();
    }

    public CancelledError(String message) {
        super(message);
    }

    public CancelledError(String message, Throwable cause) {
        super(message, cause);
    }
}
