package io.asyncio4j.sync;

import io.asyncio4j.CancelledError;
import io.asyncio4j.internal.LoopBinding;

/**
 * A mutual-exclusion lock for the tasks of one loop: asyncio's {@code Lock}. It is not owned by a
 * task: any task may release it, and releasing an unlocked lock throws
 * {@link IllegalStateException} (asyncio's {@code RuntimeError}). Not reentrant.
 *
 * <p><b>Fairness.</b> Waiters acquire the lock in the order they called {@link #acquire()}. A
 * release wakes the first waiter only; until that waiter has run, the lock stays free but a newcomer
 * cannot take it (it queues behind), unless every queued waiter has been cancelled. A waiter that is
 * cancelled after being woken but before it ran passes the wake-up on to the next waiter, so no
 * wake-up is ever lost (CPython 3.13's {@code _wake_up_first}).
 *
 * <p>Not thread-safe: use it from tasks of one loop (the lock binds to the loop it first waits on).
 *
 * <pre>{@code
 * Lock lock = new Lock();
 * lock.acquire();
 * try {
 *     balance += amount;   // no other task of the loop runs this block meanwhile
 * } finally {
 *     lock.release();
 * }
 * // or, as "async with lock:"
 * lock.withLock(() -> balance += amount);
 * }</pre>
 */
public final class Lock implements Acquirable {
    private final LoopBinding binding = new LoopBinding();
    private final WaiterQueue waiters = new WaiterQueue();
    private boolean locked;

    /** An unlocked lock. */
    public Lock() {
    }

    /** True if the lock is held. */
    @Override
    public boolean locked() {
        return locked;
    }

    /**
     * Acquires the lock, suspending the current task until it is this task's turn. Throws
     * {@link CancelledError} if the task is cancelled while waiting; the lock is then not held by
     * it, and the next waiter is woken if the lock is free.
     */
    @Override
    public void acquire() {
        if (!locked && !waiters.anyNotCancelled()) {
            // Jumping the queue when every waiter gave up is an optimisation; otherwise wait our turn.
            locked = true;
            return;
        }
        try {
            waiters.await(binding.createFuture(this));
        } catch (CancelledError e) {
            // Keep the invariant: if the lock is free (and not about to be claimed by us), the
            // waiter at the head must be on its way.
            if (!locked) {
                waiters.wakeUpFirst();
            }
            throw e;
        }
        locked = true;
    }

    /**
     * Releases the lock and wakes the first waiter, if any.
     *
     * @throws IllegalStateException if the lock is not held
     */
    @Override
    public void release() {
        if (!locked) {
            throw new IllegalStateException("Lock is not acquired.");
        }
        locked = false;
        waiters.wakeUpFirst();
    }

    @Override
    public String toString() {
        return "<Lock [" + (locked ? "locked" : "unlocked") + waiters.describe() + "]>";
    }
}
