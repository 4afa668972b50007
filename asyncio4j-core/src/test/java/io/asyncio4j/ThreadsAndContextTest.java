package io.asyncio4j;

import io.asyncio4j.loop.EventLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** toThread, runCoroutineThreadsafe, wrapFuture, context variables. */
@Timeout(20)
class ThreadsAndContextTest {
    static final ContextVar<String> REQUEST = new ContextVar<>("request", "none");
    static final ContextVar<Integer> NO_DEFAULT = new ContextVar<>("no_default");

    @Test
    void toThreadRunsOnAPlatformThreadWhileTheLoopGoesOn() throws Exception {
        Asyncio.run(() -> {
            CountDownLatch release = new CountDownLatch(1);
            Future<String> blocking = Asyncio.toThread(() -> {
                release.await();
                Thread t = Thread.currentThread();
                return (t.isVirtual() ? "virtual" : "platform") + ":" + t.getName();
            });
            sleep(0.01); // the loop is free while the thread blocks
            release.countDown();
            assertThat(blocking.await()).startsWith("platform:asyncio4j-loop");
            Future<Void> failing = Asyncio.toThread(() -> {
                throw new IOException("in thread");
            });
            assertThatThrownBy(failing::await).isInstanceOf(IOException.class).hasMessage("in thread");
        });
    }

    @Test
    void runCoroutineThreadsafeSubmitsFromAnotherThread() throws Exception {
        EventLoop loop = new EventLoop();
        Thread runner = Thread.ofPlatform().start(loop::runForever);
        try {
            CompletableFuture<String> cf = Asyncio.runCoroutineThreadsafe(() -> Asyncio.sleep(0.01, "from loop"), loop);
            assertThat(cf.get(5, TimeUnit.SECONDS)).isEqualTo("from loop");
            CompletableFuture<String> failing = Asyncio.runCoroutineThreadsafe(() -> {
                throw new IOException("bad");
            }, loop);
            assertThatThrownBy(() -> failing.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IOException.class);
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<String> forever = Asyncio.runCoroutineThreadsafe(() -> {
                started.countDown();
                return Asyncio.sleep(3600, "never");
            }, loop);
            started.await();
            forever.cancel(true);
            CompletableFuture<Integer> count = Asyncio.runCoroutineThreadsafe(() -> {
                sleep(0.01);
                return Asyncio.allTasks().size();
            }, loop);
            assertThat(count.get(5, TimeUnit.SECONDS)).isEqualTo(1); // the cancelled task is gone
        } finally {
            loop.callSoonThreadsafe(loop::stop);
            runner.join();
            loop.close();
        }
    }

    @Test
    void wrapFutureBridgesCompletableFutures() throws Exception {
        Asyncio.run(() -> {
            CompletableFuture<String> cf = new CompletableFuture<>();
            Future<String> f = Asyncio.wrapFuture(cf);
            Thread.ofPlatform().start(() -> cf.complete("done elsewhere"));
            assertThat(f.await()).isEqualTo("done elsewhere");

            CompletableFuture<String> failing = CompletableFuture.failedFuture(new IOException("cf failed"));
            assertThatThrownBy(() -> Asyncio.wrapFuture(failing).await()).isInstanceOf(IOException.class);

            CompletableFuture<String> cancelledFromOurSide = new CompletableFuture<>();
            Future<String> g = Asyncio.wrapFuture(cancelledFromOurSide);
            g.cancel();
            sleep(0);
            assertThat(cancelledFromOurSide).isCancelled();
        });
    }

    @Test
    void contextVarsAreCopiedIntoChildrenAndChildChangesStayThere() throws Exception {
        List<String> log = new ArrayList<>();
        Asyncio.run(() -> {
            assertThat(REQUEST.get()).isEqualTo("none");
            assertThatThrownBy(NO_DEFAULT::get).isInstanceOf(NoSuchElementException.class);
            assertThat(NO_DEFAULT.get(7)).isEqualTo(7);
            var token = REQUEST.set("r-1");
            Task<Void> child = createTask(() -> {
                log.add("child sees " + REQUEST.get());
                REQUEST.set("changed by child");
                var grandchild = createTask(() -> log.add("grandchild sees " + REQUEST.get()));
                grandchild.await();
            });
            REQUEST.set("r-2 (after the child was created)");
            child.await();
            log.add("parent sees " + REQUEST.get());
            log.add("thread sees " + Asyncio.toThread(REQUEST::get).await());
            REQUEST.reset(token);
            log.add("after reset " + REQUEST.get());
            assertThatThrownBy(() -> REQUEST.reset(token)).hasMessageContaining("already been used");
        });
        assertThat(log).containsExactly("child sees r-1", "grandchild sees changed by child",
                "parent sees r-2 (after the child was created)", "thread sees r-2 (after the child was created)",
                "after reset none");
    }

    @Test
    void callbacksRunInTheContextOfTheirScheduling() throws Exception {
        List<String> log = new ArrayList<>();
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            REQUEST.set("scheduled-in-task");
            Future<Void> done = loop.createFuture();
            loop.callSoon(() -> {
                log.add("callback sees " + REQUEST.get());
                REQUEST.set("changed in callback");
            });
            loop.callSoon(() -> {
                log.add("next callback sees " + REQUEST.get());
                done.setResult(null);
            });
            done.await();
            Context copy = Context.copyContext();
            assertThat(copy.get(REQUEST)).isEqualTo("scheduled-in-task");
            String inCopy = copy.run(() -> {
                REQUEST.set("in copy");
                return REQUEST.get();
            });
            assertThat(inCopy).isEqualTo("in copy");
            assertThat(REQUEST.get()).isEqualTo("scheduled-in-task");
            assertThat(copy.get(REQUEST)).isEqualTo("in copy");
        });
        assertThat(log).containsExactly("callback sees scheduled-in-task", "next callback sees scheduled-in-task");
    }

    @Test
    void resetChecksTheTokenInCPythonsOrder() throws Exception {
        Asyncio.run(() -> {
            ContextVar<String> a = new ContextVar<>("a");
            ContextVar<String> b = new ContextVar<>("b");
            ContextVar.Token<String> token = a.set("1");
            assertThatThrownBy(() -> b.reset(token)).isInstanceOf(IllegalArgumentException.class); // ValueError
            a.reset(token);
            assertThatThrownBy(a::get).isInstanceOf(NoSuchElementException.class); // LookupError
            // Already used: RuntimeError, even from the wrong variable.
            assertThatThrownBy(() -> b.reset(token)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> a.reset(token)).isInstanceOf(IllegalStateException.class);
        });
    }

    @Test
    void aDoneCallbackGivenAContextRunsInThatContextItself() throws Exception {
        // asyncio: add_done_callback(cb, context=ctx) is ctx.run(cb, fut): what cb sets stays in ctx.
        Asyncio.run(() -> {
            ContextVar<String> v = new ContextVar<>("v", "default");
            Context ctx = Context.copyContext();
            Future<Integer> f = Asyncio.getRunningLoop().createFuture();
            List<String> seen = new ArrayList<>();
            f.addDoneCallback(x -> {
                seen.add(v.get());
                v.set("set by callback");
            }, ctx);
            v.set("task value");
            f.setResult(1);
            sleep(0);
            assertThat(seen).containsExactly("default");
            assertThat(ctx.get(v)).isEqualTo("set by callback");
            assertThat(v.get()).isEqualTo("task value");
        });
    }
}
