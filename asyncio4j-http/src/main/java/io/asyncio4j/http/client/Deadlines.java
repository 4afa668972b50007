package io.asyncio4j.http.client;

import io.asyncio4j.Future;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.loop.TimerHandle;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The running clocks of one request: the total deadline (absolute) and the per-wait limits. A wait
 * ends at the earlier of its own limit and the total deadline and raises the matching error type.
 * Timeouts complete the awaited future exceptionally (they never cancel the task), so a timeout is
 * never confused with a cancellation from outside.
 */
final class Deadlines {
    final EventLoop loop;
    final ClientTimeout timeout;
    private final long totalDeadline; // loop.timeNanos(), 0 = none

    Deadlines(EventLoop loop, ClientTimeout timeout) {
        this.loop = loop;
        this.timeout = timeout;
        this.totalDeadline = timeout.total() == null ? 0 : loop.timeNanos() + timeout.total().toNanos();
    }

    /** Nanoseconds left of the total (Long.MAX_VALUE if none); throws when already over. */
    long totalLeft() {
        if (totalDeadline == 0) return Long.MAX_VALUE;
        long left = totalDeadline - loop.timeNanos();
        if (left <= 0) throw totalError();
        return left;
    }

    TotalTimeoutError totalError() {
        return new TotalTimeoutError("request took longer than total timeout " + timeout.total());
    }

    /**
     * Awaits {@code f} (a future this client owns: completing it with an exception is fine) for at
     * most {@code limit} (null: none) and what is left of the total.
     */
    <T> T await(Future<T> f, Duration limit, Supplier<? extends RuntimeException> onLimit) throws Exception {
        if (f.isDone()) return f.await();
        long total = totalLeft();
        long own = limit == null ? Long.MAX_VALUE : limit.toNanos();
        if (total == Long.MAX_VALUE && own == Long.MAX_VALUE) return f.await();
        boolean ownFirst = own <= total;
        TimerHandle timer = loop.callLater(Duration.ofNanos(Math.min(own, total)), () -> {
            if (!f.isDone()) f.setException(ownFirst ? onLimit.get() : totalError());
        });
        try {
            return f.await();
        } finally {
            timer.cancel();
        }
    }

    /** Awaits a future owned by someone else through a proxy future, so a timeout leaves it alone. */
    <T> T awaitForeign(Future<T> f, Duration limit, Supplier<? extends RuntimeException> onLimit) throws Exception {
        if (f.isDone()) return f.await();
        Future<T> p = loop.createFuture();
        f.addDoneCallback(x -> {
            if (p.isDone()) return;
            if (x.cancelled()) p.cancel();
            else if (x.exception() != null) p.setException(x.exception());
            else p.setResult(x.resultNow());
        });
        try {
            return await(p, limit, onLimit);
        } catch (Throwable t) {
            if (!f.isDone()) f.cancel();
            throw t;
        }
    }
}
