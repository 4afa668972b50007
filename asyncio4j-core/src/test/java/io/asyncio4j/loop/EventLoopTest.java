package io.asyncio4j.loop;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class EventLoopTest {

    @Test
    void callSoonRunsCallbacksInFifoOrderOnTheNextIteration() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            List<String> log = new ArrayList<>();
            loop.callSoon(() -> {
                log.add("a");
                loop.callSoon(() -> log.add("c (scheduled by a)"));
            });
            loop.callSoon(() -> log.add("b"));
            loop.callSoon(loop::stop);
            loop.runForever();
            // stop() ends the loop after the current batch: c was scheduled for the next iteration
            assertThat(log).containsExactly("a", "b");
            loop.callSoon(loop::stop);
            loop.runForever();
            assertThat(log).containsExactly("a", "b", "c (scheduled by a)");
        }
    }

    @Test
    void timersRunByDeadlineAndTiesInSchedulingOrder() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            List<Integer> log = new ArrayList<>();
            double now = loop.time();
            loop.callAt(now + 0.03, () -> log.add(3));
            loop.callAt(now + 0.01, () -> log.add(1));
            loop.callAt(now + 0.02, () -> log.add(21));
            loop.callAt(now + 0.02, () -> log.add(22));
            loop.callAt(now + 0.02, () -> log.add(23));
            loop.callLater(0.05, loop::stop);
            loop.runForever();
            assertThat(log).containsExactly(1, 21, 22, 23, 3);
        }
    }

    @Test
    void timerFiresNoEarlierThanItsDelay() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            long start = System.nanoTime();
            long[] fired = new long[1];
            loop.callLater(Duration.ofMillis(50), () -> {
                fired[0] = System.nanoTime();
                loop.stop();
            });
            loop.runForever();
            assertThat(fired[0] - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    @Test
    void cancelledHandlesDoNotRun() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            List<String> log = new ArrayList<>();
            Handle h = loop.callSoon(() -> log.add("soon"));
            TimerHandle t = loop.callLater(0.001, () -> log.add("later"));
            h.cancel();
            t.cancel();
            assertThat(h.cancelled()).isTrue();
            assertThat(t.cancelled()).isTrue();
            loop.callLater(0.02, loop::stop);
            loop.runForever();
            assertThat(log).isEmpty();
        }
    }

    @Test
    void manyCancelledTimersAreRemovedFromTheHeap() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            List<TimerHandle> hs = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                hs.add(loop.callLater(3600, () -> { }));
            }
            hs.forEach(Handle::cancel);
            int[] ran = {0};
            loop.callLater(0.001, () -> {
                ran[0]++;
                loop.stop();
            });
            loop.runForever();
            assertThat(ran[0]).isEqualTo(1);
        }
    }

    @Test
    void aCallbackThatThrowsIsReportedAndTheLoopKeepsRunning() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            List<Map<String, Object>> reports = new ArrayList<>();
            loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
            List<String> log = new ArrayList<>();
            loop.callSoon(() -> {
                throw new IllegalArgumentException("boom");
            });
            loop.callSoon(() -> log.add("after"));
            loop.callSoon(loop::stop);
            loop.runForever();
            assertThat(log).containsExactly("after");
            assertThat(reports).hasSize(1);
            assertThat(reports.get(0).get("message").toString()).startsWith("Exception in callback");
            assertThat(reports.get(0).get("exception")).isInstanceOf(IllegalArgumentException.class);
            assertThat(reports.get(0)).containsKey("handle");
        }
    }

    @Test
    void anExceptionHandlerThatThrowsFallsBackToTheDefaultHandler() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            loop.setExceptionHandler((l, ctx) -> {
                throw new IllegalStateException("handler broke");
            });
            loop.callSoon(() -> {
                throw new IllegalArgumentException("boom");
            });
            List<String> log = new ArrayList<>();
            loop.callSoon(() -> log.add("still running"));
            loop.callSoon(loop::stop);
            loop.runForever();
            assertThat(log).containsExactly("still running");
            assertThat(loop.getExceptionHandler()).isNotNull();
            loop.setExceptionHandler(null);
            assertThat(loop.getExceptionHandler()).isNull();
        }
    }

    @Test
    void callSoonThreadsafeWakesABlockedLoop() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            List<String> log = new CopyOnWriteArrayList<>();
            Thread other = Thread.ofPlatform().start(() -> {
                loop.callSoonThreadsafe(() -> {
                    log.add("from " + Thread.currentThread().getName());
                    loop.stop();
                });
            });
            loop.runForever(); // blocks in select until the other thread's callback arrives
            other.join();
            assertThat(log).containsExactly("from " + Thread.currentThread().getName());
        }
    }

    @Test
    void runUntilCompleteReturnsTheResultAndRejectsStoppedLoops() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            Future<String> f = loop.createFuture();
            loop.callLater(0.01, () -> f.setResult("ok"));
            assertThat(loop.runUntilComplete(f)).isEqualTo("ok");

            Future<String> never = loop.createFuture();
            loop.callSoon(loop::stop);
            assertThatThrownBy(() -> loop.runUntilComplete(never))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Event loop stopped before Future completed");
        }
    }

    @Test
    void runningAndClosedStates() throws Exception {
        EventLoop loop = new EventLoop();
        assertThat(loop.isRunning()).isFalse();
        AtomicReference<Boolean> runningInside = new AtomicReference<>();
        loop.callSoon(() -> {
            runningInside.set(loop.isRunning());
            assertThatThrownBy(loop::close).hasMessageContaining("Cannot close a running event loop");
            assertThatThrownBy(loop::runForever).hasMessageContaining("already running");
            loop.stop();
        });
        loop.runForever();
        assertThat(runningInside.get()).isTrue();
        loop.close();
        loop.close(); // idempotent
        assertThat(loop.isClosed()).isTrue();
        assertThatThrownBy(() -> loop.callSoon(() -> { })).hasMessageContaining("Event loop is closed");
        assertThatThrownBy(loop::runForever).hasMessageContaining("Event loop is closed");
    }

    @Test
    void timeIsMonotonicSeconds() {
        try (EventLoop loop = new EventLoop()) {
            double a = loop.time();
            double b = loop.time();
            assertThat(b).isGreaterThanOrEqualTo(a);
            assertThat(Math.abs(loop.time() - System.nanoTime() / 1e9)).isLessThan(1.0);
        }
    }

    @Test
    void runInExecutorUsesPlatformThreadsAndDeliversResultsOnTheLoop() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            Thread loopThread = Thread.currentThread();
            Future<Boolean> virtual = loop.runInExecutor(null, () -> Thread.currentThread().isVirtual());
            assertThat(loop.runUntilComplete(virtual)).isFalse();
            Future<Integer> failing = loop.runInExecutor(null, () -> {
                throw new java.io.IOException("disk");
            });
            assertThatThrownBy(() -> loop.runUntilComplete(failing)).isInstanceOf(java.io.IOException.class);
            List<Thread> callbackThread = new ArrayList<>();
            Future<Integer> f = loop.runInExecutor(null, () -> 7);
            f.addDoneCallback(x -> callbackThread.add(Thread.currentThread()));
            assertThat(loop.runUntilComplete(f)).isEqualTo(7);
            loop.callSoon(loop::stop);
            loop.runForever();
            assertThat(callbackThread).containsExactly(loopThread);
            loop.runUntilComplete(loop.shutdownDefaultExecutor());
            assertThatThrownBy(() -> loop.runInExecutor(null, () -> 1)).hasMessageContaining("shutdown");
        }
    }

    @Test
    void debugModeDetectsCallsFromTheWrongThread() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            loop.setDebug(true);
            assertThat(loop.getDebug()).isTrue();
            AtomicReference<Throwable> error = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            loop.callSoon(() -> Thread.ofPlatform().start(() -> {
                try {
                    loop.callSoon(() -> { });
                } catch (Throwable t) {
                    error.set(t);
                }
                done.countDown();
                loop.callSoonThreadsafe(loop::stop);
            }));
            loop.runForever();
            done.await();
            assertThat(error.get()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Non-thread-safe operation");
        }
    }

    @Test
    void aLoopRefusesToRunInsideAnotherRunningLoop() throws Exception {
        try (EventLoop outer = new EventLoop(); EventLoop inner = new EventLoop()) {
            List<String> errors = new ArrayList<>();
            outer.callSoon(() -> {
                try {
                    inner.runForever();
                } catch (IllegalStateException e) {
                    errors.add(e.getMessage());
                }
                outer.stop();
            });
            outer.runForever();
            assertThat(errors).containsExactly("Cannot run the event loop while another loop is running");
        }
    }

    @Test
    void addReaderCallsBackWhenAChannelIsReadable() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            java.nio.channels.Pipe pipe = java.nio.channels.Pipe.open();
            List<String> got = Collections.synchronizedList(new ArrayList<>());
            loop.addReader(pipe.source(), () -> {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
                try {
                    int n = pipe.source().read(b);
                    got.add(new String(b.array(), 0, n));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                assertThat(loop.removeReader(pipe.source())).isTrue();
                loop.stop();
            });
            Thread.ofPlatform().start(() -> {
                try {
                    pipe.sink().write(java.nio.ByteBuffer.wrap("ping".getBytes()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            loop.runForever();
            assertThat(got).containsExactly("ping");
            assertThat(loop.removeReader(pipe.source())).isFalse();
            pipe.source().close();
            pipe.sink().close();
        }
    }

    @Test
    void getRunningLoopOutsideALoopFails() {
        assertThatThrownBy(Asyncio::getRunningLoop).hasMessageContaining("no running event loop");
        assertThat(EventLoop.current()).isNull();
    }

    @Test
    void anInterruptedLoopThreadStopsTheLoopInsteadOfSpinning() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            loop.callSoon(() -> Thread.currentThread().interrupt());
            assertThatThrownBy(loop::runForever).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
            assertThat(loop.isRunning()).isFalse();
            loop.callSoon(loop::stop);
            loop.runForever(); // usable again
        }
    }
}
