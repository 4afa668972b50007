package io.asyncio4j.sync;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Future;
import io.asyncio4j.internal.LoopBinding;

/**
 * A counter of permits for the tasks of one loop: asyncio's {@code Semaphore}. {@link #acquire()}
 * takes a permit, suspending while there is none; {@link #release()} gives one back. Use it to
 * bound concurrency (at most N tasks in a section).
 *
 * <p><b>Fairness</b> (CPython 3.13): waiters get permits in the order they asked. A newcomer does
 * not take a free permit while non-cancelled tasks are queued for one ({@link #locked()} is then
 * true); a permit handed to a waiter is reserved for it, and if that waiter is cancelled before it
 * runs, the permit goes back and the next waiter is woken. {@link #release()} never fails; see
 * {@link BoundedSemaphore} for a semaphore that catches extra releases.
 *
 * <pre>{@code
 * Semaphore slots = new Semaphore(10);      // at most 10 downloads at a time
 * for (String url : urls) {
 *     Asyncio.createTask(() -> slots.withLock(() -> download(url)));
 * }
 * }</pre>
 */
public class Semaphore implements Acquirable {
    private final LoopBinding binding = new LoopBinding();
    private final WaiterQueue waiters = new WaiterQueue();
    private int value;

    /** A semaphore with one permit. */
    public Semaphore() {
        this(1);
    }

    /**
     * A semaphore with {@code value} permits.
     *
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public Semaphore(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("Semaphore initial value must be >= 0");
        }
        this.value = value;
    }

    /** True if {@link #acquire()} would suspend: no permit is free, or tasks are queued for one. */
    @Override
    public boolean locked() {
        return value == 0 || waiters.anyNotCancelled();
    }

    /**
     * Takes a permit, suspending the current task until one is handed to it (first come, first
     * served). Throws {@link CancelledError} if the task is cancelled while waiting; no permit is
     * then held by it.
     */
    @Override
    public void acquire() {
        if (!locked()) {
            value--;
            return;
        }
        Future<Boolean> fut = binding.createFuture(this);
        try {
            waiters.await(fut);
        } catch (CancelledError e) {
            if (fut.isDone() && !fut.cancelled()) {
                // A permit was handed to us but we will not take it: give it back.
                value++;
            }
            throw e;
        } finally {
            // Waiters queued behind us by FIFO may be served now: wake as many as there are permits.
            while (value > 0) {
                if (!wakeUpNext()) {
                    break;
                }
            }
        }
    }

    /** Gives a permit back and hands it to the first waiter, if any. */
    @Override
    public void release() {
        value++;
        wakeUpNext();
    }

    /** The number of free permits (not counting those handed to waiters that have not run yet). */
    int value() {
        return value;
    }

    /** Hands a permit to the first waiter not yet woken; false if there is none. */
    private boolean wakeUpNext() {
        Future<Boolean> fut = waiters.firstNotDone();
        if (fut == null) {
            return false;
        }
        value--;
        fut.setResult(true);
        return true;
    }

    @Override
    public String toString() {
        String state = locked() ? "locked" : "unlocked, value:" + value;
        return "<" + getClass().getSimpleName() + " [" + state + waiters.describe() + "]>";
    }
}
