package io.asyncio4j.sync;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Future;
import io.asyncio4j.internal.LoopBinding;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A condition variable for the tasks of one loop: asyncio's {@code Condition}. Tasks hold its
 * {@link Lock} (its own, or one passed in), {@link #await()} until another task notifies them, and
 * check the state they wait for again; {@link #waitFor(BooleanSupplier)} does that loop.
 *
 * <p>Names: {@link Object#wait()}, {@link Object#notify()} and {@link Object#notifyAll()} are
 * final in Java, so asyncio's {@code wait()}, {@code notify()} and {@code notify_all()} are
 * {@link #await()}, {@link #notifyOne()} (or {@link #notify(int)}) and {@link #notifyAllWaiters()}.
 * Beware: {@code cond.notifyAll()} compiles, and calls the monitor method of {@code Object}.
 *
 * <p><b>Cancellation.</b> A task cancelled inside {@link #await()} re-acquires the lock before the
 * {@link CancelledError} leaves {@code await()}, so a {@code finally} that releases the lock is
 * always right. If a notified task fails to return normally (cancelled after being notified), the
 * notification passes to another waiter; that waiter may then see a spurious wake-up, which the
 * condition-variable protocol allows: always re-check the state.
 *
 * <pre>{@code
 * Condition cond = new Condition();
 * Deque<String> jobs = new ArrayDeque<>();
 * // consumer
 * cond.withLock(() -> {
 *     cond.waitFor(() -> !jobs.isEmpty());
 *     return jobs.poll();
 * });
 * // producer
 * cond.withLock(() -> {
 *     jobs.add("job");
 *     cond.notifyOne();
 * });
 * }</pre>
 */
public final class Condition implements Acquirable {
    private final LoopBinding binding = new LoopBinding();
    private final Lock lock;
    private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();

    /** A condition with a new {@link Lock} of its own. */
    public Condition() {
        this(new Lock());
    }

    /** A condition over {@code lock}, which other conditions or code may share. */
    public Condition(Lock lock) {
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    /** Acquires the underlying lock (see {@link Lock#acquire()}). */
    @Override
    public void acquire() {
        lock.acquire();
    }

    /** Releases the underlying lock (see {@link Lock#release()}). */
    @Override
    public void release() {
        lock.release();
    }

    /** True if the underlying lock is held. */
    @Override
    public boolean locked() {
        return lock.locked();
    }

    /**
     * Releases the lock, suspends the current task until it is notified, then re-acquires the lock
     * and returns: asyncio's {@code await cond.wait()}. It may return spuriously, so check the
     * state again (or use {@link #waitFor(BooleanSupplier)}). If the task is cancelled, the lock is
     * re-acquired before {@link CancelledError} is thrown.
     *
     * @throws IllegalStateException if the lock is not held
     */
    public void await() {
        if (!locked()) {
            throw new IllegalStateException("cannot wait on un-acquired lock");
        }
        Future<Boolean> fut = binding.createFuture(this);
        release();
        try {
            try {
                waiters.addLast(fut);
                try {
                    LoopBinding.await(fut);
                    return;
                } finally {
                    waiters.removeFirstOccurrence(fut);
                }
            } finally {
                reacquire();
            }
        } catch (Throwable t) {
            // The failure may have come after we were notified: hand the notification on.
            wakeUp(1);
            throw t;
        }
    }

    /** Re-acquires the lock even through cancellations; then throws the last CancelledError, if any. */
    private void reacquire() {
        CancelledError err = null;
        while (true) {
            try {
                lock.acquire();
                break;
            } catch (CancelledError e) {
                err = e;
            }
        }
        if (err != null) {
            throw err;
        }
    }

    /**
     * Waits until {@code predicate} is true: evaluates it, and {@link #await()}s and re-evaluates
     * while it is false. The lock must be held; it is held again on return. asyncio's
     * {@code await cond.wait_for(predicate)} (which returns the predicate's value, here always true).
     */
    public void waitFor(BooleanSupplier predicate) {
        Objects.requireNonNull(predicate, "predicate");
        while (!predicate.getAsBoolean()) {
            await();
        }
    }

    /**
     * Wakes up to {@code n} waiting tasks, in the order they started waiting. They return from
     * {@link #await()} once they get the lock back, which the caller still holds.
     *
     * @throws IllegalStateException if the lock is not held
     */
    public void notify(int n) {
        if (!locked()) {
            throw new IllegalStateException("cannot notify on un-acquired lock");
        }
        wakeUp(n);
    }

    /** Wakes one waiting task: asyncio's {@code cond.notify()}. */
    public void notifyOne() {
        notify(1);
    }

    /** Wakes every waiting task: asyncio's {@code cond.notify_all()}. */
    public void notifyAllWaiters() {
        notify(waiters.size());
    }

    private void wakeUp(int n) {
        int woken = 0;
        for (Future<Boolean> fut : waiters) {
            if (woken >= n) {
                break;
            }
            if (!fut.isDone()) {
                woken++;
                fut.setResult(false);
            }
        }
    }

    @Override
    public String toString() {
        String extra = locked() ? "locked" : "unlocked";
        if (!waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return "<Condition [" + extra + "]>";
    }
}
