package io.asyncio4j;

import io.asyncio4j.loop.EventLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(20)
class FutureTest {

    @Test
    void statesAndErrors() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            Future<Integer> f = loop.createFuture();
            assertThat(f.isDone()).isFalse();
            assertThatThrownBy(f::result).isInstanceOf(InvalidStateError.class).hasMessage("Result is not set.");
            assertThatThrownBy(f::exception).isInstanceOf(InvalidStateError.class).hasMessage("Exception is not set.");
            f.setResult(42);
            assertThat(f.isDone()).isTrue();
            assertThat(f.result()).isEqualTo(42);
            assertThat(f.exception()).isNull();
            assertThatThrownBy(() -> f.setResult(1)).isInstanceOf(InvalidStateError.class);
            assertThatThrownBy(() -> f.setException(new IOException())).isInstanceOf(InvalidStateError.class);
            assertThat(f.cancel()).isFalse();

            Future<Integer> g = loop.createFuture();
            IOException boom = new IOException("boom");
            g.setException(boom);
            assertThatThrownBy(g::result).isSameAs(boom);
            assertThat(g.exception()).isSameAs(boom);

            Future<Integer> c = loop.createFuture();
            assertThat(c.cancel("stop it")).isTrue();
            assertThat(c.cancelled()).isTrue();
            assertThat(c.isDone()).isTrue();
            assertThat(c.cancel()).isFalse();
            assertThatThrownBy(c::result).isInstanceOf(CancelledError.class).hasMessage("stop it");
            assertThatThrownBy(c::exception).isInstanceOf(CancelledError.class).hasMessage("stop it");
            assertThatThrownBy(() -> c.setResult(1)).isInstanceOf(InvalidStateError.class);
        }
    }

    @Test
    void doneCallbacksAreScheduledWithCallSoonInRegistrationOrder() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            Future<String> f = loop.createFuture();
            List<String> log = new ArrayList<>();
            f.addDoneCallback(x -> log.add("first"));
            Consumer<Future<String>> removed = x -> log.add("removed");
            f.addDoneCallback(removed);
            f.addDoneCallback(removed);
            f.addDoneCallback(x -> log.add("third"));
            assertThat(f.removeDoneCallback(removed)).isEqualTo(2);
            loop.callSoon(() -> {
                f.setResult("x");
                log.add("after setResult"); // callbacks are not called synchronously
            });
            loop.callSoon(() -> log.add("queued before completion"));
            loop.callLater(0.01, loop::stop);
            loop.runForever();
            assertThat(log).containsExactly("after setResult", "queued before completion", "first", "third");

            // Adding a callback to a done future schedules it at once (still through callSoon).
            List<String> late = new ArrayList<>();
            f.addDoneCallback(x -> late.add("late " + x.isDone()));
            assertThat(late).isEmpty();
            loop.callSoon(loop::stop);
            loop.runForever();
            assertThat(late).containsExactly("late true");
        }
    }

    @Test
    void anUnretrievedExceptionIsReportedWhenTheFutureIsCollected() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            List<Map<String, Object>> reports = new CopyOnWriteArrayList<>();
            loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
            failAndForget(loop);
            Future<Void> retrieved = loop.createFuture();
            retrieved.setException(new IllegalStateException("seen"));
            retrieved.exception();
            for (int i = 0; i < 200 && reports.isEmpty(); i++) {
                System.gc();
                loop.runUntilComplete(sleepFuture(loop, 0.01));
            }
            assertThat(reports).hasSize(1);
            assertThat(reports.get(0).get("message")).isEqualTo("Future exception was never retrieved");
            assertThat(reports.get(0).get("exception")).hasToString("java.lang.IllegalStateException: lost");
        }
    }

    @Test
    void anUnretrievedTaskExceptionIsReportedWhenTheTaskIsCollected() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            List<Map<String, Object>> reports = new CopyOnWriteArrayList<>();
            loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
            loop.createTask(() -> {
                throw new IOException("nobody looks at me");
            });
            for (int i = 0; i < 200 && reports.isEmpty(); i++) {
                System.gc();
                loop.runUntilComplete(sleepFuture(loop, 0.01));
            }
            assertThat(reports).hasSize(1);
            assertThat(reports.get(0).get("message")).isEqualTo("Task exception was never retrieved");
            assertThat(reports.get(0)).containsKey("future").doesNotContainKey("task");
            assertThat(reports.get(0).get("exception")).isInstanceOf(IOException.class);
        }
    }

    private static Future<Void> sleepFuture(EventLoop loop, double s) {
        Future<Void> f = loop.createFuture();
        loop.callLater(s, () -> f.setResult(null));
        return f;
    }

    private static void failAndForget(EventLoop loop) {
        Future<Void> f = loop.createFuture();
        f.setException(new IllegalStateException("lost"));
    }

    @Test
    void toCompletableFutureCanBeWaitedOnFromAnyThread() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            Future<String> f = loop.createFuture();
            CompletableFuture<String> cf = f.toCompletableFuture();
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> cf.join());
            loop.callLater(0.01, () -> f.setResult("hello"));
            loop.runUntilComplete(f);
            assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo("hello");

            Future<String> g = loop.createFuture();
            CompletableFuture<String> gcf = g.toCompletableFuture();
            loop.callSoon(() -> g.setException(new IOException("x")));
            loop.callLater(0.01, loop::stop);
            loop.runForever();
            assertThat(gcf).isCompletedExceptionally();
        }
    }

    @Test
    void awaitOutsideATaskIsAClearError() {
        try (EventLoop loop = new EventLoop()) {
            Future<String> f = loop.createFuture();
            assertThatThrownBy(f::await).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("inside a task");
        }
    }
}
