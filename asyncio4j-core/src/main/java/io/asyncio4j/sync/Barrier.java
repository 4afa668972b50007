package io.asyncio4j.sync;

/**
 * A meeting point for a fixed number of tasks: asyncio's {@code Barrier} (Python 3.11). Each task
 * calls {@link #await()}; the call that makes {@link #parties()} waiting tasks releases them all,
 * and each gets a distinct index from 0 to {@code parties - 1} (in arrival order). The barrier
 * then drains (tasks arriving meanwhile wait) and fills again, so it can be used over and over.
 * ({@code wait()} is {@code await()} here because {@link Object#wait()} is final.)
 *
 * <p>{@link #reset()} sends the tasks waiting now a {@link BrokenBarrierError} and returns the
 * barrier to its empty state; {@link #abort()} breaks it for good: waiting and future callers get
 * {@link BrokenBarrierError}. As in asyncio (and unlike {@link java.util.concurrent.CyclicBarrier}),
 * cancelling a waiting task does not break the barrier: the task just leaves it.
 *
 * <pre>{@code
 * Barrier barrier = new Barrier(3);
 * for (int i = 0; i < 3; i++) {
 *     Asyncio.createTask(() -> {
 *         prepare();
 *         int index = barrier.await();     // all three pass together
 *         if (index == 0) System.out.println("everyone is ready");
 *     });
 * }
 * }</pre>
 */
public final class Barrier {
    private enum State { FILLING, DRAINING, RESETTING, BROKEN }

    private final Condition cond = new Condition();
    private final int parties;
    private State state = State.FILLING;
    private int count;

    /**
     * A barrier for {@code parties} tasks.
     *
     * @throws IllegalArgumentException if {@code parties} is less than 1
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be > 0");
        }
        this.parties = parties;
    }

    /**
     * Waits until {@link #parties()} tasks are waiting, then returns this task's index (0 for the
     * first to arrive, {@code parties - 1} for the one that released the others).
     *
     * @throws BrokenBarrierError if the barrier is broken ({@link #abort()}) or is reset while this
     *                            task waits
     */
    public int await() {
        cond.acquire();
        try {
            blockWhileDrainingOrResetting();
            try {
                int index = count++;
                if (index + 1 == parties) {
                    releaseAll();
                } else {
                    waitUntilReleased();
                }
                return index;
            } finally {
                count--;
                exit();
            }
        } finally {
            cond.release();
        }
    }

    private void blockWhileDrainingOrResetting() {
        cond.waitFor(() -> state != State.DRAINING && state != State.RESETTING);
        if (state == State.BROKEN) {
            throw new BrokenBarrierError("Barrier aborted");
        }
    }

    private void releaseAll() {
        state = State.DRAINING;
        cond.notifyAllWaiters();
    }

    private void waitUntilReleased() {
        cond.waitFor(() -> state != State.FILLING);
        if (state == State.BROKEN || state == State.RESETTING) {
            throw new BrokenBarrierError("Abort or reset of barrier");
        }
    }

    /** The last task out of a draining or resetting barrier makes it fill again. */
    private void exit() {
        if (count == 0) {
            if (state == State.RESETTING || state == State.DRAINING) {
                state = State.FILLING;
            }
            cond.notifyAllWaiters();
        }
    }

    /**
     * Returns the barrier to its empty state; tasks waiting in it get {@link BrokenBarrierError}.
     * Suspends briefly (it takes the barrier's internal lock), so call it from a task.
     */
    public void reset() {
        cond.acquire();
        try {
            if (count > 0) {
                state = State.RESETTING;
            } else {
                state = State.FILLING;
            }
            cond.notifyAllWaiters();
        } finally {
            cond.release();
        }
    }

    /**
     * Breaks the barrier: tasks waiting now and every later {@link #await()} get
     * {@link BrokenBarrierError}. Use it when a party cannot arrive, so the others do not wait
     * forever. Suspends briefly (it takes the barrier's internal lock), so call it from a task.
     */
    public void abort() {
        cond.acquire();
        try {
            state = State.BROKEN;
            cond.notifyAllWaiters();
        } finally {
            cond.release();
        }
    }

    /** The number of tasks needed to pass the barrier. */
    public int parties() {
        return parties;
    }

    /** The number of tasks waiting while the barrier fills (0 while it drains or resets): asyncio's {@code n_waiting}. */
    public int nWaiting() {
        return state == State.FILLING ? count : 0;
    }

    /** True if the barrier was {@link #abort() aborted}. */
    public boolean broken() {
        return state == State.BROKEN;
    }

    @Override
    public String toString() {
        String extra = state.name().toLowerCase(java.util.Locale.ROOT);
        if (!broken()) {
            extra += ", waiters:" + nWaiting() + "/" + parties;
        }
        return "<Barrier [" + extra + "]>";
    }
}
