package io.asyncio4j.sync;

import io.asyncio4j.Future;
import io.asyncio4j.internal.LoopBinding;

import java.util.ArrayDeque;

/**
 * A flag that tasks can wait for: asyncio's {@code Event}. It starts clear; {@link #set()} wakes
 * every task waiting in {@link #await()}, and later waits return at once until {@link #clear()}.
 * ({@code wait()} is {@code await()} here because {@link Object#wait()} is final.)
 *
 * <p>Not thread-safe: use it from tasks of one loop; from another thread, call {@code set()}
 * through {@code loop.callSoonThreadsafe(event::set)}.
 *
 * <pre>{@code
 * Event ready = new Event();
 * Asyncio.createTask(() -> {
 *     ready.await();                 // suspends until set()
 *     System.out.println("go");
 * });
 * Asyncio.sleep(0.1);
 * ready.set();
 * }</pre>
 */
public final class Event {
    private final LoopBinding binding = new LoopBinding();
    private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
    private boolean value;

    /** A clear event. */
    public Event() {
    }

    /** True if the flag is set: asyncio's {@code is_set()}. */
    public boolean isSet() {
        return value;
    }

    /** Sets the flag and wakes every waiting task. Does nothing if it is already set. */
    public void set() {
        if (!value) {
            value = true;
            for (Future<Boolean> fut : waiters) {
                if (!fut.isDone()) {
                    fut.setResult(true);
                }
            }
        }
    }

    /** Clears the flag: later {@link #await()} calls suspend until the next {@link #set()}. */
    public void clear() {
        value = false;
    }

    /**
     * Returns at once if the flag is set, otherwise suspends the current task until
     * {@link #set()}: asyncio's {@code await event.wait()}. A task woken by {@code set()} returns
     * even if the flag was cleared again before it ran. Throws
     * {@link io.asyncio4j.CancelledError} if the task is cancelled while waiting.
     */
    public void await() {
        if (value) {
            return;
        }
        Future<Boolean> fut = binding.createFuture(this);
        waiters.addLast(fut);
        try {
            LoopBinding.await(fut);
        } finally {
            waiters.removeFirstOccurrence(fut);
        }
    }

    @Override
    public String toString() {
        String extra = value ? "set" : "unset";
        if (!waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return "<Event [" + extra + "]>";
    }
}
