package io.asyncio4j;

import io.asyncio4j.loop.EventLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class TaskTest {

    @Test
    void aNewTaskRunsItsFirstStepOnALaterIteration() throws Exception {
        List<String> log = new ArrayList<>();
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            loop.callSoon(() -> log.add("callback 1"));
            var t = createTask(() -> log.add("task step 1"));
            loop.callSoon(() -> log.add("callback 2"));
            log.add("creator continues");
            t.await();
        });
        assertThat(log).containsExactly("creator continues", "callback 1", "task step 1", "callback 2");
    }

    @Test
    void awaitRethrowsTheTasksOwnExceptionObject() throws Exception {
        IOException boom = new IOException("boom");
        Asyncio.run(() -> {
            Task<String> t = createTask(() -> {
                throw boom;
            });
            assertThatThrownBy(t::await).isSameAs(boom);
            assertThat(t.exception()).isSameAs(boom);
        });
    }

    @Test
    void cancelBeforeTheFirstStepMeansTheBodyNeverRuns() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        Asyncio.run(() -> {
            Task<Integer> t = createTask(ran::incrementAndGet);
            assertThat(t.cancel("early")).isTrue();
            assertThatThrownBy(t::await).isInstanceOf(CancelledError.class).hasMessage("early");
            assertThat(t.cancelled()).isTrue();
            assertThat(t.cancel()).isFalse();
        });
        assertThat(ran).hasValue(0);
    }

    @Test
    void cancelDuringSleepRunsFinallyAndCarriesTheMessage() throws Exception {
        List<String> log = new ArrayList<>();
        Asyncio.run(() -> {
            Task<Void> t = createTask(() -> {
                try {
                    sleep(3600);
                } catch (CancelledError e) {
                    log.add("caught: " + e.getMessage());
                    throw e;
                } finally {
                    log.add("finally");
                }
            });
            sleep(0);
            t.cancel("shutting down");
            CancelledError e = catchCancelled(t);
            assertThat(e).hasMessage("shutting down");
            assertThat(t.cancelled()).isTrue();
        });
        assertThat(log).containsExactly("caught: shutting down", "finally");
    }

    private static CancelledError catchCancelled(Future<?> f) throws Exception {
        try {
            f.await();
        } catch (CancelledError e) {
            return e;
        }
        throw new AssertionError("expected CancelledError");
    }

    @Test
    void aTaskThatSwallowsCancellationKeepsRunningAndReturns() throws Exception {
        Asyncio.run(() -> {
            Task<String> t = createTask(() -> {
                try {
                    sleep(3600);
                } catch (CancelledError ignored) {
                    // swallowed: the task decides to finish normally
                }
                sleep(0.001);
                return "survived";
            });
            sleep(0);
            t.cancel();
            assertThat(t.await()).isEqualTo("survived");
            assertThat(t.cancelled()).isFalse();
            assertThat(t.cancelling()).isEqualTo(1);
        });
    }

    @Test
    void cancellationPropagatesThroughAChainOfAwaits() throws Exception {
        List<String> log = new ArrayList<>();
        Asyncio.run(() -> {
            Task<Void> inner = createTask(() -> {
                try {
                    sleep(3600);
                } finally {
                    log.add("inner cleanup");
                }
            });
            Task<Void> middle = createTask(() -> {
                try {
                    inner.await();
                } finally {
                    log.add("middle cleanup");
                }
            });
            Task<Void> outer = createTask(() -> {
                try {
                    middle.await();
                } finally {
                    log.add("outer cleanup");
                }
            });
            sleep(0);
            sleep(0);
            outer.cancel();
            catchCancelled(outer);
            assertThat(middle.cancelled()).isTrue();
            assertThat(inner.cancelled()).isTrue();
        });
        assertThat(log).containsExactly("inner cleanup", "middle cleanup", "outer cleanup");
    }

    @Test
    void cancelWhileNotWaitingIsDeliveredAtTheNextSuspension() throws Exception {
        List<String> log = new ArrayList<>();
        Asyncio.run(() -> {
            Task<Void> t = createTask(() -> {
                Asyncio.currentTask().cancel("self");
                log.add("still running after cancel()");
                try {
                    sleep(0);
                } catch (CancelledError e) {
                    log.add("at next await: " + e.getMessage());
                    throw e;
                }
            });
            catchCancelled(t);
        });
        assertThat(log).containsExactly("still running after cancel()", "at next await: self");
    }

    @Test
    void aCancellationRequestedAfterTheLastAwaitDropsTheResult() throws Exception {
        Asyncio.run(() -> {
            Task<Integer> t = createTask(() -> {
                Asyncio.currentTask().cancel("late");
                return 1;
            });
            assertThatThrownBy(t::await).isInstanceOf(CancelledError.class).hasMessage("late");
        });
    }

    @Test
    void cancellingAndUncancelCountRequests() throws Exception {
        Asyncio.run(() -> {
            Task<String> t = createTask(() -> {
                Task<?> self = Asyncio.currentTask();
                try {
                    sleep(3600);
                } catch (CancelledError e) {
                    assertThat(self.cancelling()).isEqualTo(2);
                    assertThat(self.uncancel()).isEqualTo(1);
                    assertThat(self.uncancel()).isEqualTo(0);
                    assertThat(self.uncancel()).isEqualTo(0);
                }
                sleep(0); // no pending cancellation any more
                return "ok";
            });
            sleep(0);
            t.cancel();
            t.cancel();
            assertThat(t.await()).isEqualTo("ok");
        });
    }

    @Test
    void uncancelToZeroWithdrawsAPendingCancellation() throws Exception {
        Asyncio.run(() -> {
            Task<String> t = createTask(() -> {
                Task<?> self = Asyncio.currentTask();
                self.cancel();
                self.uncancel();
                sleep(0); // Python 3.13: the request was withdrawn
                return "not cancelled";
            });
            assertThat(t.await()).isEqualTo("not cancelled");
        });
    }

    @Test
    void namesCurrentTaskAndAllTasks() throws Exception {
        Asyncio.run(() -> {
            Task<?> main = Asyncio.currentTask();
            assertThat(main).isNotNull();
            assertThat(main.getName()).startsWith("Task-");
            Task<String> named = createTask(() -> Asyncio.currentTask().getName(), "worker-1");
            assertThat(Asyncio.allTasks()).contains(main, named);
            assertThat(named.await()).isEqualTo("worker-1");
            assertThat(Asyncio.allTasks()).doesNotContain(named).contains(main);
            named.setName("renamed");
            assertThat(named.getName()).isEqualTo("renamed");
            assertThat(named.toString()).contains("finished", "renamed");
        });
        assertThat(Task.current()).isNull();
    }

    @Test
    void theLoopKeepsUnreferencedTasksAlive() throws Exception {
        AtomicInteger finished = new AtomicInteger();
        Asyncio.run(() -> {
            for (int i = 0; i < 100; i++) {
                createTask(() -> {
                    sleep(0.02);
                    finished.incrementAndGet();
                });
            }
            for (int i = 0; i < 5; i++) {
                System.gc();
                sleep(0.01);
            }
            sleep(0.05);
        });
        assertThat(finished).hasValue(100);
    }

    @Test
    void jdkBlockingCallsParkTheTaskNotTheLoop() throws Exception {
        List<String> log = new ArrayList<>();
        Asyncio.run(() -> {
            Thread loopThread = Thread.currentThread();
            BlockingQueue<String> q = new ArrayBlockingQueue<>(1);
            Task<String> taker = createTask(() -> q.take());
            java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);
            Task<Void> sleeper = createTask(() -> {
                Thread.sleep(1); // a timed JDK park
                latch.await();   // an untimed one, released by a platform thread below
                log.add("Thread.sleep resumed");
            });
            Task<Void> ticker = createTask(() -> {
                for (int i = 0; i < 3; i++) {
                    sleep(0.001);
                    log.add("tick");
                }
            });
            ticker.await();
            log.add("ticker done while others block");
            Thread.ofPlatform().start(() -> q.add("from another thread"));
            Thread.ofPlatform().start(latch::countDown);
            assertThat(taker.await()).isEqualTo("from another thread");
            sleeper.await();
            assertThat(Thread.currentThread().isVirtual()).isTrue();
            assertThat(loopThread.isVirtual()).isTrue();
        });
        assertThat(log).startsWith("tick", "tick", "tick", "ticker done while others block").contains("Thread.sleep resumed");
    }

    @Test
    void aBlockingSocketReadInATaskParksIt() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> serverSide = CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    int b = in.read();
                    out.write(b + 1);
                    out.flush();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            int answer = Asyncio.run(() -> {
                AtomicInteger ticks = new AtomicInteger();
                Task<Integer> reader = createTask(() -> {
                    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                        s.getOutputStream().write(41);
                        return s.getInputStream().read();
                    }
                });
                createTask(() -> {
                    while (!reader.isDone()) {
                        ticks.incrementAndGet();
                        sleep(0.001);
                    }
                });
                return reader.await();
            });
            serverSide.join();
            assertThat(answer).isEqualTo(42);
        }
    }

    @Test
    void cancellingATaskBlockedInAJdkCallInterruptsIt() throws Exception {
        Asyncio.run(() -> {
            BlockingQueue<String> q = new ArrayBlockingQueue<>(1);
            Task<String> taker = createTask(() -> q.take());
            sleep(0.01);
            assertThat(taker.isDone()).isFalse();
            taker.cancel("stop waiting");
            CancelledError e = catchCancelled(taker);
            assertThat(taker.cancelled()).isTrue();
            assertThat(e).hasMessage("stop waiting");
        });
    }

    @Test
    void eagerTasksRunUntilTheirFirstSuspensionInsideCreateTask() throws Exception {
        List<String> log = new ArrayList<>();
        Asyncio.run(() -> {
            Task<String> quick = Asyncio.createTask(() -> {
                log.add("quick body");
                return "done at once";
            }, "quick", true);
            log.add("after create quick");
            assertThat(quick.isDone()).isTrue();
            assertThat(quick.result()).isEqualTo("done at once");
            Task<String> slow = Asyncio.createTask(() -> {
                log.add("slow part 1");
                sleep(0);
                log.add("slow part 2");
                return "later";
            }, "slow", true);
            log.add("after create slow");
            assertThat(slow.isDone()).isFalse();
            assertThat(slow.await()).isEqualTo("later");
        });
        assertThat(log).containsExactly("quick body", "after create quick", "slow part 1", "after create slow",
                "slow part 2");
    }

    @Test
    void closingALoopCancelsAndDrainsItsTasks() throws Exception {
        List<String> log = new ArrayList<>();
        EventLoop loop = new EventLoop();
        Task<Void> t = loop.createTask(() -> {
            try {
                sleep(3600);
            } finally {
                log.add("cleaned up");
            }
        });
        loop.runUntilComplete(loop.createTask(() -> sleep(0.01)));
        loop.close();
        assertThat(t.cancelled()).isTrue();
        assertThat(log).containsExactly("cleaned up");
    }

    @Test
    void runCancelsLeftoverTasksAndWaitsForThem() throws Exception {
        List<String> log = new ArrayList<>();
        String r = Asyncio.run(() -> {
            createTask(() -> {
                try {
                    sleep(3600);
                } finally {
                    log.add("leftover finally");
                }
            });
            sleep(0);
            return "main done";
        });
        assertThat(r).isEqualTo("main done");
        assertThat(log).containsExactly("leftover finally");
    }

    @Test
    void awaitingAFutureOfAnotherLoopOrItselfIsAnError() throws Exception {
        try (EventLoop other = new EventLoop()) {
            Asyncio.run(() -> {
                Future<String> foreign = other.createFuture();
                assertThatThrownBy(foreign::await).hasMessageContaining("different loop");
                Task<?>[] self = new Task<?>[1];
                Task<Void> t = createTask(() -> {
                    sleep(0);
                    self[0].await();
                });
                self[0] = t;
                assertThatThrownBy(t::await).hasMessageContaining("cannot await on itself");
            });
        }
    }

    @Test
    void tasksCannotBeCompletedFromOutside() throws Exception {
        Asyncio.run(() -> {
            Task<Integer> t = createTask(() -> 1);
            assertThatThrownBy(() -> t.setResult(2)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> t.setException(new IOException())).isInstanceOf(IllegalStateException.class);
            assertThat(t.await()).isEqualTo(1);
        });
    }

    @Test
    void oneHundredThousandSleepingTasksComplete() throws Exception {
        int n = 100_000;
        AtomicInteger woke = new AtomicInteger();
        Asyncio.run(() -> {
            List<Task<Void>> tasks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                double delay = 0.2 + (i % 100) / 1000.0;
                tasks.add(createTask(() -> {
                    sleep(delay);
                    woke.incrementAndGet();
                }));
            }
            Asyncio.gather(tasks).await();
        });
        assertThat(woke).hasValue(n);
    }

    @Test
    void sleepReturnsAValueAndSleepZeroYieldsOnce() throws Exception {
        List<String> log = new ArrayList<>();
        Asyncio.run(() -> {
            createTask(() -> log.add("other task"));
            log.add("before yield");
            sleep(0);
            sleep(0);
            log.add("after yield");
            assertThat(Asyncio.sleep(0.001, "value")).isEqualTo("value");
        });
        assertThat(log).containsExactly("before yield", "other task", "after yield");
    }

    @Test
    void onlyUnnamedTasksTakeANumberForTheirDefaultName() throws Exception {
        Asyncio.run(() -> {
            Task<Integer> a = createTask(() -> 1);
            createTask(() -> 2, "named");
            Task<Integer> b = createTask(() -> 3);
            long na = Long.parseLong(a.getName().substring("Task-".length()));
            assertThat(b.getName()).isEqualTo("Task-" + (na + 1));
        });
    }

    @Test
    void anEagerTaskIsTheCurrentTaskDuringItsFirstStepAndItsCreatorAfterwards() throws Exception {
        Asyncio.run(() -> {
            Task<?> creator = Asyncio.currentTask();
            Task<?>[] seen = new Task<?>[2];
            Task<Void> eager = Asyncio.createTask(() -> {
                seen[0] = Asyncio.currentTask();
                assertThat(Asyncio.allTasks()).contains(Asyncio.currentTask(), creator);
                sleep(0);
                seen[1] = Asyncio.currentTask();
                return null;
            }, "eager", true);
            assertThat(Asyncio.currentTask()).isSameAs(creator);
            assertThat(seen[0]).isSameAs(eager);
            eager.await();
            assertThat(seen[1]).isSameAs(eager);
            Task<String> quick = Asyncio.createTask(() -> "now", "quick", true);
            assertThat(Asyncio.allTasks()).doesNotContain(quick).contains(creator);
        });
    }

    @Test
    void currentTaskIsNullInALoopCallbackAndAnErrorWithoutARunningLoop() throws Exception {
        assertThatThrownBy(Asyncio::currentTask).isInstanceOf(IllegalStateException.class);
        assertThat(Task.current()).isNull();
        Asyncio.run(() -> {
            Future<Boolean> inCallback = Asyncio.getRunningLoop().createFuture();
            Asyncio.getRunningLoop().callSoon(() -> inCallback.setResult(Asyncio.currentTask() == null));
            assertThat(inCallback.await()).isTrue();
        });
    }

    @Test
    void sleepingForNaNSecondsIsAnError() throws Exception {
        Asyncio.run(() -> {
            assertThatThrownBy(() -> sleep(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Invalid delay: NaN (not a number)");
            sleep(-1); // a negative delay is sleep(0)
        });
    }

    @Test
    void getCoroIsNullOnlyForATaskThatCompletedEagerly() throws Exception {
        Asyncio.run(() -> {
            Coroutine<String> body = () -> "now";
            assertThat(Asyncio.createTask(body, "eager", true).getCoro()).isNull();
            Task<String> lazy = Asyncio.createTask(body, "lazy", false);
            lazy.await();
            assertThat(lazy.getCoro()).isSameAs(body);
            Coroutine<String> suspends = () -> sleep(0, "later");
            Task<String> eagerButSuspended = Asyncio.createTask(suspends, "suspends", true);
            eagerButSuspended.await();
            assertThat(eagerButSuspended.getCoro()).isSameAs(suspends);
        });
    }
}
