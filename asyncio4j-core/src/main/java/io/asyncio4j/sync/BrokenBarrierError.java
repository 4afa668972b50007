package io.asyncio4j.sync;

/**
 * A {@link Barrier} was aborted, or reset while a task waited in it: asyncio's
 * {@code BrokenBarrierError}. Unchecked, like asyncio's (a {@code RuntimeError}).
 *
 * <pre>{@code
 * try {
 *     barrier.await();
 * } catch (BrokenBarrierError e) {
 *     System.out.println("gave up: " + e.getMessage());
 * }
 * }</pre>
 */
public class BrokenBarrierError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BrokenBarrierError(String message) {
        super(message);
    }
}
