package io.asyncio4j.loop;

/**
 * A callback scheduled for a point in loop time: asyncio's {@code TimerHandle}, returned by
 * {@link EventLoop#callLater} and {@link EventLoop#callAt}. Timers run in deadline order; timers
 * with the same deadline run in the order they were scheduled.
 *
 * <pre>{@code
 * TimerHandle t = loop.callLater(0.5, () -> System.out.println("half a second later"));
 * double when = t.when();   // in loop.time() units (seconds)
 * }</pre>
 */
public final class TimerHandle extends Handle implements Comparable<TimerHandle> {
    final long deadlineNanos;
    final long sequence;
    final EventLoop loop;
    boolean scheduled = true;

    TimerHandle(EventLoop loop, long deadlineNanos, long sequence, Runnable callback, Object context) {
        super(callback, context);
        this.loop = loop;
        this.deadlineNanos = deadlineNanos;
        this.sequence = sequence;
    }

    /** The deadline in seconds of {@link EventLoop#time()}. */
    public double when() {
        return deadlineNanos / 1e9;
    }

    @Override
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            if (scheduled) {
                loop.timerCancelled();
            }
        }
    }

    @Override
    public int compareTo(TimerHandle o) {
        int c = Long.compare(deadlineNanos, o.deadlineNanos);
        return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
}
