package io.asyncio4j.sync;

import io.asyncio4j.Coroutine;
import io.asyncio4j.VoidCoroutine;

/**
 * A primitive that a task acquires and must release: {@link Lock}, {@link Condition} and
 * {@link Semaphore}. This is what asyncio's {@code async with lock:} is built on (its
 * {@code _ContextManagerMixin}): {@link #withLock(Coroutine)} acquires, runs the body and
 * releases in a {@code finally}, whatever the body does.
 *
 * <p>The explicit form works with {@code try}/{@code finally}; acquire <em>before</em> the
 * {@code try}, so that a cancelled acquisition does not release what it never got:
 *
 * <pre>{@code
 * lock.acquire();
 * try {
 *     counter.incrementAndGet();
 * } finally {
 *     lock.release();
 * }
 *
 * // the same, asyncio's "async with lock:"
 * lock.withLock(() -> counter.incrementAndGet());
 * }</pre>
 */
public interface Acquirable {
    /**
     * Acquires the primitive, suspending the current task until it can. Throws
     * {@link io.asyncio4j.CancelledError} if the task is cancelled meanwhile; then nothing has
     * been acquired.
     */
    void acquire();

    /** Releases what {@link #acquire()} took. */
    void release();

    /** True if {@link #acquire()} would suspend right now. */
    boolean locked();

    /** Acquires, returns {@code body}'s result, and releases even if the body throws: {@code async with}. */
    default <T> T withLock(Coroutine<T> body) throws Exception {
        acquire();
        try {
            return body.call();
        } finally {
            release();
        }
    }

    /** {@link #withLock(Coroutine)} for a body that returns nothing. */
    default void withLock(VoidCoroutine body) throws Exception {
        acquire();
        try {
            body.run();
        } finally {
            release();
        }
    }
}
