package io.asyncio4j.loop;

import io.asyncio4j.internal.StepOwner;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One daemon platform thread for the whole JVM that samples every running loop and reports a
 * step that has kept its loop thread longer than the loop's threshold. The loop only stamps a
 * sequence number and a depth per step (plain stores); all the work happens here.
 */
final class Watchdog {
    private static final Set<EventLoop> LOOPS = ConcurrentHashMap.newKeySet();
    private static final long TICK_NANOS = 10_000_000L;
    private static Thread thread;

    private Watchdog() {}

    static synchronized void watch(EventLoop loop) {
        LOOPS.add(loop);
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name("asyncio4j-watchdog").start(Watchdog::run);
        }
    }

    static void unwatch(EventLoop loop) {
        LOOPS.remove(loop);
    }

    private static void run() {
        while (true) {
            try {
                Thread.sleep(Duration.ofNanos(TICK_NANOS));
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (EventLoop loop : LOOPS) {
                try {
                    check(loop, now);
                } catch (RuntimeException e) {
                    System.getLogger("io.asyncio4j").log(System.Logger.Level.WARNING, "watchdog failed", e);
                }
            }
        }
    }

    private static void check(EventLoop loop, long now) {
        long seq = loop.stepSequence();
        if (loop.stepDepth() == 0 || seq != loop.watchSeq) {
            loop.watchSeq = seq;
            loop.watchSince = now;
            loop.watchReported = false;
            return;
        }
        long threshold = loop.slowStepThresholdNanos();
        if (!loop.watchReported && now - loop.watchSince >= threshold) {
            Object owner = loop.stepOwner();
            String name;
            StackTraceElement[] created = new StackTraceElement[0];
            Thread t = loop.loopThread();
            if (owner instanceof StepOwner so) {
                name = so.describeOwner();
                created = so.creationSite();
                t = so.stepThread();
            } else {
                name = String.valueOf(owner);
            }
            StackTraceElement[] stack = t == null ? new StackTraceElement[0] : t.getStackTrace();
            if (loop.stepSequence() != seq) {
                return; // the step ended while we looked
            }
            loop.watchReported = true;
            loop.reportSlowStep(new SlowStepReport(name, Duration.ofNanos(now - loop.watchSince), created, stack));
        }
    }
}
