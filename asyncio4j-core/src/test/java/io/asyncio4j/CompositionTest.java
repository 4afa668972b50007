package io.asyncio4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** gather, wait, waitFor, shield, asCompleted. */
@Timeout(20)
class CompositionTest {

    @Test
    void gatherReturnsResultsInArgumentOrder() throws Exception {
        Asyncio.run(() -> {
            Task<String> slow = createTask(() -> Asyncio.sleep(0.03, "slow"));
            Task<String> fast = createTask(() -> Asyncio.sleep(0.01, "fast"));
            assertThat(Asyncio.gather(slow, fast).await()).containsExactly("slow", "fast");
            assertThat(Asyncio.<String>gather().await()).isEmpty();
            // the same future twice is awaited once and reported twice
            assertThat(Asyncio.gather(fast, fast).await()).containsExactly("fast", "fast");
        });
    }

    @Test
    void gatherPropagatesTheFirstExceptionAndLeavesOthersRunning() throws Exception {
        Asyncio.run(() -> {
            IOException boom = new IOException("boom");
            Task<String> failing = createTask(() -> {
                sleep(0.01);
                throw boom;
            });
            Task<String> other = createTask(() -> Asyncio.sleep(0.05, "other"));
            assertThatThrownBy(() -> Asyncio.gather(failing, other).await()).isSameAs(boom);
            assertThat(other.isDone()).isFalse();
            assertThat(other.await()).isEqualTo("other");
        });
    }

    @Test
    void gatherWithReturnExceptionsCollectsThemInPlace() throws Exception {
        Asyncio.run(() -> {
            IOException boom = new IOException("boom");
            Task<String> ok = createTask(() -> "ok");
            Task<String> failing = createTask(() -> {
                throw boom;
            });
            Task<String> cancelled = createTask(() -> Asyncio.sleep(10, "never"));
            cancelled.cancel("nope");
            List<Object> results = Asyncio.gather(true, ok, failing, cancelled).await();
            assertThat(results.get(0)).isEqualTo("ok");
            assertThat(results.get(1)).isSameAs(boom);
            // As in CPython: a cancelled *task* has no cancel message of its own (its __step calls
            // super().cancel()), so gather puts CancelledError('') in its place; result() keeps "nope".
            assertThat(results.get(2)).isInstanceOf(CancelledError.class).hasFieldOrPropertyWithValue("message", "");
            assertThatThrownBy(cancelled::result).hasMessage("nope");
        });
    }

    @Test
    void aCancelledChildFailsTheGatherWithCancelledError() throws Exception {
        Asyncio.run(() -> {
            Task<String> a = createTask(() -> Asyncio.sleep(10, "a"));
            Task<String> b = createTask(() -> Asyncio.sleep(0.01, "b"));
            Future<List<String>> g = Asyncio.gather(a, b);
            sleep(0);
            a.cancel("child cancelled");
            assertThatThrownBy(g::await).isInstanceOf(CancelledError.class).hasMessage("child cancelled");
            assertThat(g.cancelled()).isFalse(); // asyncio: the gather itself finished with CancelledError
            assertThat(b.await()).isEqualTo("b");
        });
    }

    @Test
    void cancellingTheGatherCancelsEveryChild() throws Exception {
        Asyncio.run(() -> {
            Task<String> a = createTask(() -> Asyncio.sleep(10, "a"));
            Task<String> b = createTask(() -> Asyncio.sleep(10, "b"));
            Future<List<String>> g = Asyncio.gather(a, b);
            sleep(0);
            assertThat(g.cancel("stop all")).isTrue();
            assertThatThrownBy(g::await).isInstanceOf(CancelledError.class);
            assertThat(a.cancelled()).isTrue();
            assertThat(b.cancelled()).isTrue();
        });
    }

    @Test
    void cancellingATaskThatAwaitsAGatherCancelsTheChildren() throws Exception {
        Asyncio.run(() -> {
            Task<String> a = createTask(() -> Asyncio.sleep(10, "a"));
            Task<List<String>> waiter = createTask(() -> Asyncio.gather(a).await());
            sleep(0);
            waiter.cancel();
            assertThatThrownBy(waiter::await).isInstanceOf(CancelledError.class);
            assertThat(a.cancelled()).isTrue();
        });
    }

    @Test
    void waitFirstCompletedFirstExceptionAndAllCompleted() throws Exception {
        Asyncio.run(() -> {
            Task<String> fast = createTask(() -> Asyncio.sleep(0.01, "fast"));
            Task<String> slow = createTask(() -> Asyncio.sleep(0.2, "slow"));
            var r = Asyncio.wait(List.of(fast, slow), null, Asyncio.ReturnWhen.FIRST_COMPLETED);
            assertThat(r.done()).containsExactly(fast);
            assertThat(r.pending()).containsExactly(slow);

            Task<String> failing = createTask(() -> {
                sleep(0.01);
                throw new IOException("x");
            });
            var r2 = Asyncio.wait(List.of(failing, slow), null, Asyncio.ReturnWhen.FIRST_EXCEPTION);
            assertThat(r2.done()).containsExactly(failing);
            assertThat(r2.pending()).containsExactly(slow);
            assertThat(failing.exception()).isInstanceOf(IOException.class);

            var r3 = Asyncio.wait(List.of(fast, slow));
            assertThat(r3.done()).containsExactlyInAnyOrder(fast, slow);
            assertThat(r3.pending()).isEmpty();
            assertThatThrownBy(() -> Asyncio.wait(List.<Future<String>>of())).isInstanceOf(IllegalArgumentException.class);
        });
    }

    @Test
    void waitTimeoutReturnsPendingTasksStillRunning() throws Exception {
        Asyncio.run(() -> {
            Task<String> slow = createTask(() -> Asyncio.sleep(0.1, "slow"));
            var r = Asyncio.wait(Set.of(slow), Duration.ofMillis(10), Asyncio.ReturnWhen.ALL_COMPLETED);
            assertThat(r.done()).isEmpty();
            assertThat(r.pending()).containsExactly(slow);
            assertThat(slow.cancelled()).isFalse();
            assertThat(slow.await()).isEqualTo("slow");
        });
    }

    @Test
    void waitForReturnsInTimeOrCancelsTheInnerAndWaitsForIt() throws Exception {
        List<String> log = new ArrayList<>();
        Asyncio.run(() -> {
            assertThat(Asyncio.waitFor(createTask(() -> Asyncio.sleep(0.01, "in time")), 1.0)).isEqualTo("in time");
            Task<String> slow = createTask(() -> {
                try {
                    return Asyncio.sleep(10, "late");
                } finally {
                    sleep(0.02); // cleanup takes a while: waitFor must wait for it
                    log.add("inner finished cleanup");
                }
            });
            assertThatThrownBy(() -> Asyncio.waitFor(slow, Duration.ofMillis(20))).isInstanceOf(TimeoutError.class)
                    .hasCauseInstanceOf(CancelledError.class);
            log.add("timeout raised");
            assertThat(slow.cancelled()).isTrue();
        });
        assertThat(log).containsExactly("inner finished cleanup", "timeout raised");
    }

    @Test
    void waitForWhoseInnerIgnoresCancellationReturnsTheInnersResult() throws Exception {
        Asyncio.run(() -> {
            Task<String> stubborn = createTask(() -> {
                try {
                    sleep(10);
                } catch (CancelledError ignored) {
                    // refuse to be cancelled
                }
                return "finished anyway";
            });
            assertThat(Asyncio.waitFor(stubborn, Duration.ofMillis(10))).isEqualTo("finished anyway");
        });
    }

    @Test
    void waitForWithZeroTimeout() throws Exception {
        Asyncio.run(() -> {
            Task<String> done = createTask(() -> "now");
            sleep(0);
            assertThat(Asyncio.waitFor(done, Duration.ZERO)).isEqualTo("now");
            Task<String> pending = createTask(() -> Asyncio.sleep(1, "x"));
            assertThatThrownBy(() -> Asyncio.waitFor(pending, Duration.ZERO)).isInstanceOf(TimeoutError.class);
            assertThat(pending.cancelled()).isTrue();
            assertThat(Asyncio.waitFor(createTask(() -> Asyncio.sleep(0.01, "no limit")), (Duration) null))
                    .isEqualTo("no limit");
        });
    }

    @Test
    void anOutsideCancellationOfWaitForStaysACancelledError() throws Exception {
        Asyncio.run(() -> {
            Task<String> inner = createTask(() -> Asyncio.sleep(10, "x"));
            Task<String> outer = createTask(() -> Asyncio.waitFor(inner, Duration.ofSeconds(5)));
            sleep(0.01);
            outer.cancel("from outside");
            assertThatThrownBy(outer::await).isInstanceOf(CancelledError.class);
            assertThat(inner.cancelled()).isTrue();
        });
    }

    @Test
    void shieldProtectsTheInnerFromCancellation() throws Exception {
        Asyncio.run(() -> {
            Task<String> inner = createTask(() -> Asyncio.sleep(0.03, "precious"));
            Task<String> outer = createTask(() -> Asyncio.shield(inner).await());
            sleep(0.01);
            outer.cancel();
            assertThatThrownBy(outer::await).isInstanceOf(CancelledError.class);
            assertThat(inner.cancelled()).isFalse();
            assertThat(inner.await()).isEqualTo("precious");

            Future<String> shieldedDone = Asyncio.shield(inner);
            assertThat(shieldedDone).isSameAs(inner);
            Task<String> failing = createTask(() -> {
                sleep(0.001);
                throw new IOException("inner failed");
            });
            assertThatThrownBy(() -> Asyncio.shield(failing).await()).isInstanceOf(IOException.class);
        });
    }

    @Test
    void asCompletedYieldsInCompletionOrder() throws Exception {
        Asyncio.run(() -> {
            Task<String> c = createTask(() -> Asyncio.sleep(0.03, "c"));
            Task<String> a = createTask(() -> Asyncio.sleep(0.01, "a"));
            Task<String> b = createTask(() -> Asyncio.sleep(0.02, "b"));
            List<String> order = new ArrayList<>();
            for (Future<String> next : Asyncio.asCompleted(List.of(c, a, b))) {
                order.add(next.await());
            }
            assertThat(order).containsExactly("a", "b", "c");
        });
    }

    @Test
    void asCompletedTimeoutRaisesForTheRest() throws Exception {
        Asyncio.run(() -> {
            Task<String> fast = createTask(() -> Asyncio.sleep(0.01, "fast"));
            Task<String> slow = createTask(() -> Asyncio.sleep(5, "slow"));
            List<Future<String>> it = Asyncio.asCompleted(List.of(slow, fast), Duration.ofMillis(50));
            assertThat(it.get(0).await()).isEqualTo("fast");
            assertThatThrownBy(() -> it.get(1).await()).isInstanceOf(TimeoutError.class);
            slow.cancel();
        });
    }

    @Test
    void ensureFutureWrapsCoroutinesAndCompletionStages() throws Exception {
        Asyncio.run(() -> {
            Future<Integer> fromCoroutine = Asyncio.ensureFuture((Coroutine<Integer>) () -> 5);
            assertThat(fromCoroutine).isInstanceOf(Task.class);
            assertThat(fromCoroutine.await()).isEqualTo(5);
            Future<Integer> same = Asyncio.ensureFuture(fromCoroutine);
            assertThat(same).isSameAs(fromCoroutine);
            Future<String> fromStage = Asyncio.ensureFuture(java.util.concurrent.CompletableFuture.supplyAsync(() -> "cf"));
            assertThat(fromStage.await()).isEqualTo("cf");
            assertThatThrownBy(() -> Asyncio.ensureFuture("not awaitable")).isInstanceOf(IllegalArgumentException.class);
        });
    }
}
