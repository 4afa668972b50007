package io.asyncio4j.loop;

import java.time.Duration;

/**
 * In debug mode, reports JFR {@code jdk.VirtualThreadPinned} events: a task that blocked while
 * pinned to the loop thread (a native frame, a class initializer), which blocks the whole loop.
 */
final class PinnedThreadMonitor {
    private static boolean started;

    private PinnedThreadMonitor() {}

    static synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        try {
            jdk.jfr.consumer.RecordingStream rs = new jdk.jfr.consumer.RecordingStream();
            rs.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ofMillis(20)).withStackTrace();
            rs.onEvent("jdk.VirtualThreadPinned", e -> System.getLogger("io.asyncio4j").log(
                    System.Logger.Level.WARNING, "asyncio4j: a task was pinned to its loop thread for "
                            + e.getDuration().toMillis() + " ms, blocking the loop:\n" + e.getStackTrace()));
            rs.setReuse(true);
            Thread.ofPlatform().daemon().name("asyncio4j-pinned-monitor").start(rs::start);
        } catch (RuntimeException | Error e) {
            System.getLogger("io.asyncio4j").log(System.Logger.Level.DEBUG, "JFR pinned-thread monitor unavailable", e);
        }
    }
}
