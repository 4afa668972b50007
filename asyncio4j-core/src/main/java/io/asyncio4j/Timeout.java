package io.asyncio4j;

import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.loop.Handle;

import java.time.Duration;

/**
 * A cancellation scope with a deadline: asyncio's {@code asyncio.Timeout}
 * ({@code async with asyncio.timeout(delay) as cm}).
 *
 * <p>When the deadline passes while the body runs, the current task is cancelled; the body sees
 * a {@link CancelledError} at its current await (so its {@code finally} blocks run), and when that
 * error leaves the scope it becomes a {@link TimeoutError}. A cancellation that comes from
 * outside (someone else called {@code task.cancel()}) is not turned into a timeout: it stays a
 * {@code CancelledError}, so the two are always distinguishable. Scopes nest; the innermost
 * expired one raises. The deadline may be moved with {@link #reschedule} while the body runs.
 *
 * <p>Why a body lambda and not try-with-resources? {@code close()} cannot see or replace the
 * exception leaving the block, and turning the scope's own cancellation into a
 * {@code TimeoutError} needs exactly that.
 *
 * <pre>{@code
 * Timeout cm = Asyncio.timeout(Duration.ofSeconds(10));
 * try {
 *     cm.run(() -> {
 *         cm.reschedule(Asyncio.getRunningLoop().time() + 20);   // more time
 *         longOperation();
 *     });
 * } catch (TimeoutError e) {
 *     System.out.println("expired: " + cm.expired());
 * }
 * }</pre>
 */
public final class Timeout {
    /** asyncio's {@code _State}; {@link #value} is the name its messages and repr use. */
    private enum State {
        CREATED("created"), ENTERED("active"), EXPIRING("expiring"), EXPIRED("expired"), EXITED("finished");

        final String value;

        State(String value) {
            this.value = value;
        }
    }

    private State state = State.CREATED;
    private Double when;
    private Handle handle;
    private Task<?> task;
    private int cancellingAtEntry;

    private Timeout(Double when) {
        this.when = when;
    }

    /** A scope expiring {@code delay} after it is entered... measured from now, as asyncio does (null: never). */
    static Timeout after(Duration delay) {
        if (delay == null) {
            return new Timeout(null);
        }
        return new Timeout(Asyncio.getRunningLoop().time() + delay.toNanos() / 1e9);
    }

    /** A scope expiring at loop time {@code when} (null: never). */
    static Timeout at(Double when) {
        return new Timeout(when);
    }

    static Duration seconds(double s) {
        return Double.isInfinite(s) ? null : Duration.ofNanos((long) (s * 1e9));
    }

    /** The deadline in {@link EventLoop#time()} seconds, or null if none. */
    public Double when() {
        return when;
    }

    /** Whether the deadline passed (the scope cancelled its task). */
    public boolean expired() {
        return state == State.EXPIRING || state == State.EXPIRED;
    }

    /** Moves the deadline (null: never); only while the scope is entered. */
    public void reschedule(Double newWhen) {
        if (state != State.ENTERED) {
            if (state == State.CREATED) {
                throw new IllegalStateException("Timeout has not been entered");
            }
            throw new IllegalStateException("Cannot change state of " + state.value + " Timeout");
        }
        this.when = newWhen;
        if (handle != null) {
            handle.cancel();
        }
        if (newWhen == null) {
            handle = null;
        } else {
            EventLoop loop = task.getLoop();
            handle = newWhen <= loop.time() ? loop.callSoon(this::onTimeout) : loop.callAt(newWhen, this::onTimeout);
        }
    }

    /** Runs {@code body} in this scope in the current task and returns its result. */
    public <T> T call(Coroutine<T> body) throws Exception {
        enter();
        T value;
        try {
            value = body.call();
        } catch (Throwable t) {
            throw io.asyncio4j.internal.Sneaky.<Exception>rethrow(exit(t));
        }
        Throwable none = exit(null);
        if (none != null) {
            throw io.asyncio4j.internal.Sneaky.<Exception>rethrow(none);
        }
        return value;
    }

    /** Runs {@code body} in this scope in the current task. */
    public void run(VoidCoroutine body) throws Exception {
        call(Coroutine.of(body));
    }

    private void enter() {
        if (state != State.CREATED) {
            throw new IllegalStateException("Timeout has already been entered");
        }
        Task<?> t = Task.current();
        if (t == null) {
            throw new IllegalStateException("Timeout should be used inside a task");
        }
        state = State.ENTERED;
        task = t;
        cancellingAtEntry = t.cancelling();
        reschedule(when);
    }

    /** asyncio's {@code __aexit__}: returns the throwable to propagate (null: none). */
    private Throwable exit(Throwable error) {
        if (handle != null) {
            handle.cancel();
            handle = null;
        }
        if (state == State.EXPIRING) {
            state = State.EXPIRED;
            if (task.uncancel() <= cancellingAtEntry && error != null) {
                if (error instanceof CancelledError) {
                    return new TimeoutError("timed out", error);
                }
                error.addSuppressed(new TimeoutError("timed out"));
            }
        } else if (state == State.ENTERED) {
            state = State.EXITED;
        }
        return error;
    }

    private void onTimeout() {
        if (state != State.ENTERED) {
            return;
        }
        task.cancel();
        state = State.EXPIRING;
        handle = null;
    }

    @Override
    public String toString() {
        String info = state != State.ENTERED ? "" : " when=" + (when == null ? "None" : Math.round(when * 1000) / 1000.0);
        return "<Timeout [" + state.value + "]" + info + ">";
    }
}
