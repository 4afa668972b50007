package io.asyncio4j.sync;

import io.asyncio4j.Future;
import io.asyncio4j.internal.LoopBinding;

import java.util.ArrayDeque;

/**
 * The first-come, first-served queue of tasks waiting on a {@link Lock} or a {@link Semaphore}:
 * CPython's {@code _waiters} deque, made on first use. A waiter is a future that is completed to
 * wake its task; it leaves the queue when its wait ends, woken or cancelled.
 */
final class WaiterQueue {
    private ArrayDeque<Future<Boolean>> waiters;

    /** Queues {@code fut} last and suspends the current task until it is done. */
    void await(Future<Boolean> fut) {
        if (waiters == null) {
            waiters = new ArrayDeque<>();
        }
        waiters.addLast(fut);
        try {
            LoopBinding.await(fut);
        } finally {
            waiters.removeFirstOccurrence(fut);
        }
    }

    /** Whether a waiter is queued that has not been cancelled. */
    boolean anyNotCancelled() {
        if (waiters != null) {
            for (Future<Boolean> w : waiters) {
                if (!w.cancelled()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Makes sure the first waiter will wake up (a done future means it already will). */
    void wakeUpFirst() {
        if (waiters == null || waiters.isEmpty()) {
            return;
        }
        Future<Boolean> first = waiters.peekFirst();
        if (!first.isDone()) {
            first.setResult(true);
        }
    }

    /** The first waiter not woken or cancelled yet, or null. */
    Future<Boolean> firstNotDone() {
        if (waiters != null) {
            for (Future<Boolean> fut : waiters) {
                if (!fut.isDone()) {
                    return fut;
                }
            }
        }
        return null;
    }

    /** For {@code toString()}: {@code ", waiters:N"}, or "" when none wait. */
    String describe() {
        return waiters != null && !waiters.isEmpty() ? ", waiters:" + waiters.size() : "";
    }
}
