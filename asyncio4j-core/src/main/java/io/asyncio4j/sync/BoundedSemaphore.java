package io.asyncio4j.sync;

/**
 * A {@link Semaphore} that refuses to be released more often than it was acquired: asyncio's
 * {@code BoundedSemaphore}. Where asyncio raises {@code ValueError}, {@link #release()} throws
 * {@link IllegalArgumentException}, asyncio4j's {@code ValueError} everywhere, so that code ported
 * from {@code except ValueError} catches the same thing.
 *
 * <pre>{@code
 * BoundedSemaphore pool = new BoundedSemaphore(2);
 * pool.acquire();
 * pool.release();
 * pool.release();   // IllegalArgumentException: BoundedSemaphore released too many times
 * }</pre>
 */
public final class BoundedSemaphore extends Semaphore {
    private final int bound;

    /** A bounded semaphore with one permit. */
    public BoundedSemaphore() {
        this(1);
    }

    /**
     * A bounded semaphore with {@code value} permits, which is also the most it may ever hold.
     *
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public BoundedSemaphore(int value) {
        super(value);
        this.bound = value;
    }

    /**
     * Gives a permit back.
     *
     * @throws IllegalArgumentException if that would make more permits than the initial value
     *         (asyncio's {@code ValueError})
     */
    @Override
    public void release() {
        if (value() >= bound) {
            throw new IllegalArgumentException("BoundedSemaphore released too many times");
        }
        super.release();
    }
}
