package io.asyncio4j.loop;

/**
 * A callback scheduled on an {@link EventLoop}: asyncio's {@code Handle}. Returned by
 * {@link EventLoop#callSoon}; {@link #cancel()} prevents it from running if it has not run yet.
 *
 * <pre>{@code
 * Handle h = loop.callSoon(() -> System.out.println("never printed"));
 * h.cancel();
 * }</pre>
 */
public class Handle {
    final Runnable callback;
    final Object context; // an immutable context snapshot, or null for the empty context
    boolean cancelled;

    Handle(Runnable callback, Object context) {
        this.callback = callback;
        this.context = context;
    }

    /** Cancels the callback; a no-op if it already ran or was cancelled. */
    public void cancel() {
        cancelled = true;
    }

    /** Whether {@link #cancel()} was called. */
    public boolean cancelled() {
        return cancelled;
    }

    /** The scheduled callback. */
    public Runnable callback() {
        return callback;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{" + callback + (cancelled ? ", cancelled" : "") + "}";
    }
}
