package io.asyncio4j.queue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class QueueTest {

    static void yieldTimes(int n) {
        for (int i = 0; i < n; i++) {
            Asyncio.sleep(0);
        }
    }

    @Test
    void fifoOrderAndSizes() throws Exception {
        Asyncio.run(() -> {
            Queue<String> q = new Queue<>();
            assertThat(q.maxsize()).isZero();
            assertThat(q.empty()).isTrue();
            assertThat(q.full()).isFalse();
            for (String s : List.of("a", "b", "c")) {
                q.put(s);
            }
            assertThat(q.qsize()).isEqualTo(3);
            assertThat(q.empty()).isFalse();
            assertThat(q.full()).isFalse();     // unbounded: never full
            assertThat(q.toString()).isEqualTo("<Queue maxsize=0 items=[a, b, c] tasks=3>");
            assertThat(List.of(q.get(), q.get(), q.getNowait())).containsExactly("a", "b", "c");
            assertThat(q.empty()).isTrue();
        });
    }

    @Test
    void nowaitVariantsThrowWhenFullOrEmpty() throws Exception {
        Asyncio.run(() -> {
            Queue<Integer> q = new Queue<>(2);
            assertThatThrownBy(q::getNowait).isInstanceOf(QueueEmpty.class);
            q.putNowait(1);
            q.putNowait(2);
            assertThat(q.full()).isTrue();
            assertThatThrownBy(() -> q.putNowait(3)).isInstanceOf(QueueFull.class);
            assertThat(q.qsize()).isEqualTo(2);
            assertThat(q.getNowait()).isEqualTo(1);
            q.putNowait(3);
            assertThatThrownBy(() -> q.putNowait(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> q.put(null)).isInstanceOf(NullPointerException.class); // before suspending
        });
    }

    @Test
    void putSuspendsWhileFullUntilAGet() throws Exception {
        Asyncio.run(() -> {
            Queue<String> q = new Queue<>(1);
            q.put("a");
            Task<Void> putter = Asyncio.createTask(() -> q.put("b"));
            yieldTimes(3);
            assertThat(putter.isDone()).isFalse();
            assertThat(q.toString()).isEqualTo("<Queue maxsize=1 items=[a] putters[1] tasks=1>");
            assertThat(q.get()).isEqualTo("a");
            putter.await();
            assertThat(q.qsize()).isEqualTo(1);
            assertThat(q.get()).isEqualTo("b");
        });
    }

    @Test
    void getSuspendsWhileEmptyUntilAPut() throws Exception {
        Asyncio.run(() -> {
            Queue<String> q = new Queue<>();
            Task<String> getter = Asyncio.createTask(q::get);
            yieldTimes(3);
            assertThat(getter.isDone()).isFalse();
            q.putNowait("x");
            assertThat(getter.await()).isEqualTo("x");
            assertThat(q.empty()).isTrue();
        });
    }

    @Test
    void blockedGettersAndPuttersAreServedInOrder() throws Exception {
        Asyncio.run(() -> {
            Queue<Integer> q = new Queue<>(1);
            List<String> log = new ArrayList<>();
            List<Task<Void>> getters = new ArrayList<>();
            for (String name : List.of("g1", "g2", "g3")) {
                getters.add(Asyncio.createTask(() -> {
                    log.add(name + "=" + q.get());
                }));
            }
            yieldTimes(1);
            List<Task<Void>> putters = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                int item = i;
                putters.add(Asyncio.createTask(() -> q.put(item)));
            }
            Asyncio.gather(getters).await();
            Asyncio.gather(putters).await();
            assertThat(log).containsExactly("g1=1", "g2=2", "g3=3");
        });
    }

    @Test
    void producerConsumerWithMaxsize() throws Exception {
        List<Integer> got = Asyncio.run(() -> {
            Queue<Integer> q = new Queue<>(3);
            List<Integer> seen = new ArrayList<>();
            int[] maxSize = {0};
            Task<Void> producer = Asyncio.createTask(() -> {
                for (int i = 0; i < 20; i++) {
                    q.put(i);
                    maxSize[0] = Math.max(maxSize[0], q.qsize());
                }
            });
            Task<Void> consumer = Asyncio.createTask(() -> {
                for (int i = 0; i < 20; i++) {
                    seen.add(q.get());
                    if (i % 3 == 0) {
                        Asyncio.sleep(0);
                    }
                }
            });
            Asyncio.gather(producer, consumer).await();
            assertThat(maxSize[0]).isLessThanOrEqualTo(3);
            return seen;
        });
        assertThat(got).hasSize(20).isSorted();
    }

    @Test
    void cancelledGetterWokenByAPutPassesTheItemOn() throws Exception {
        Asyncio.run(() -> {
            Queue<String> q = new Queue<>();
            Task<String> a = Asyncio.createTask(q::get);
            Task<String> b = Asyncio.createTask(q::get);
            yieldTimes(1);
            q.putNowait("x");           // wakes a...
            a.cancel();                 // ...which is cancelled before it runs
            assertThat(b.await()).isEqualTo("x");
            Asyncio.gather(true, a).await();
            assertThat(a.cancelled()).isTrue();
            assertThat(q.toString()).isEqualTo("<Queue maxsize=0 tasks=1>");
        });
    }

    @Test
    void cancelledPutterWokenByAGetPassesTheSlotOn() throws Exception {
        Asyncio.run(() -> {
            Queue<String> q = new Queue<>(1);
            q.putNowait("first");
            Task<Void> a = Asyncio.createTask(() -> q.put("a"));
            Task<Void> b = Asyncio.createTask(() -> q.put("b"));
            yieldTimes(1);
            assertThat(q.getNowait()).isEqualTo("first");  // wakes a...
            a.cancel();                                     // ...which is cancelled
            b.await();
            assertThat(q.getNowait()).isEqualTo("b");
            Asyncio.gather(true, a).await();
            assertThat(a.cancelled()).isTrue();
            assertThat(q.empty()).isTrue();
        });
    }

    @Test
    void cancelledWaitingGetterTakesNothing() throws Exception {
        Asyncio.run(() -> {
            Queue<String> q = new Queue<>();
            Task<String> a = Asyncio.createTask(q::get);
            yieldTimes(1);
            a.cancel();
            Asyncio.gather(true, a).await();
            assertThatThrownBy(a::result).isInstanceOf(CancelledError.class);
            q.putNowait("x");
            assertThat(q.qsize()).isEqualTo(1);
            assertThat(q.toString()).isEqualTo("<Queue maxsize=0 items=[x] tasks=1>");
        });
    }

    @Test
    void joinWaitsForEveryTaskDone() throws Exception {
        Asyncio.run(() -> {
            Queue<Integer> q = new Queue<>();
            q.join();                   // nothing unfinished: returns at once
            List<Integer> processed = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                q.putNowait(i);
            }
            List<Task<Void>> workers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                workers.add(Asyncio.createTask(() -> {
                    while (true) {
                        int item = q.get();
                        Asyncio.sleep(0);
                        processed.add(item);
                        q.taskDone();
                    }
                }));
            }
            q.join();
            assertThat(processed).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
            for (Task<Void> w : workers) {
                w.cancel();
            }
            Asyncio.gather(true, workers).await();
        });
    }

    @Test
    void joinIsNotReleasedByGetAlone() throws Exception {
        Asyncio.run(() -> {
            Queue<String> q = new Queue<>();
            q.putNowait("a");
            Task<Void> joiner = Asyncio.createTask(q::join);
            q.getNowait();
            yieldTimes(3);
            assertThat(joiner.isDone()).isFalse();
            q.taskDone();
            joiner.await();
        });
    }

    @Test
    void tooManyTaskDoneCallsFail() throws Exception {
        Asyncio.run(() -> {
            Queue<String> q = new Queue<>();
            assertThatThrownBy(q::taskDone)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("taskDone() called too many times");
            q.putNowait("a");
            q.getNowait();
            q.taskDone();
            assertThatThrownBy(q::taskDone).isInstanceOf(IllegalArgumentException.class);
        });
    }

    @Test
    void shutdownFailsPutsAndLetsGetsDrainFirst() throws Exception {
        Asyncio.run(() -> {
            Queue<String> q = new Queue<>();
            q.putNowait("a");
            q.putNowait("b");
            q.shutdown();
            assertThat(q.toString()).endsWith(" shutdown>");
            assertThatThrownBy(() -> q.putNowait("c")).isInstanceOf(QueueShutDown.class);
            assertThatThrownBy(() -> q.put("c")).isInstanceOf(QueueShutDown.class);
            assertThat(q.get()).isEqualTo("a");
            assertThat(q.getNowait()).isEqualTo("b");
            assertThatThrownBy(q::get).isInstanceOf(QueueShutDown.class);
            assertThatThrownBy(q::getNowait).isInstanceOf(QueueShutDown.class);
            // Items were not marked done: join still waits for them.
            Task<Void> joiner = Asyncio.createTask(q::join);
            yieldTimes(2);
            assertThat(joiner.isDone()).isFalse();
            q.taskDone();
            q.taskDone();
            joiner.await();
        });
    }

    @Test
    void shutdownWakesBlockedGettersAndPutters() throws Exception {
        Asyncio.run(() -> {
            Queue<String> empty = new Queue<>();
            Task<String> g1 = Asyncio.createTask(empty::get);
            Task<String> g2 = Asyncio.createTask(empty::get);
            Queue<String> full = new Queue<>(1);
            full.putNowait("x");
            Task<Void> p1 = Asyncio.createTask(() -> full.put("y"));
            yieldTimes(2);
            empty.shutdown();
            full.shutdown();
            List<Object> outcomes = Asyncio.gather(true, g1, g2, p1).await();
            assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(QueueShutDown.class));
            // A non-immediate shutdown keeps what is queued.
            assertThat(full.getNowait()).isEqualTo("x");
        });
    }

    @Test
    void getterWaitingWhenShutdownStillGetsAnItemPutBeforehand() throws Exception {
        Asyncio.run(() -> {
            Queue<String> q = new Queue<>();
            Task<String> getter = Asyncio.createTask(q::get);
            yieldTimes(1);
            q.putNowait("last");        // wakes the getter...
            q.shutdown();               // ...which still finds the item
            assertThat(getter.await()).isEqualTo("last");
        });
    }

    @Test
    void shutdownImmediateDrainsAndReleasesJoin() throws Exception {
        Asyncio.run(() -> {
            Queue<String> q = new Queue<>(2);
            q.putNowait("a");
            q.putNowait("b");
            Task<Void> putter = Asyncio.createTask(() -> q.put("c"));
            Task<Void> joiner = Asyncio.createTask(q::join);
            yieldTimes(2);
            assertThat(putter.isDone()).isFalse();
            assertThat(joiner.isDone()).isFalse();
            q.shutdown(true);
            assertThat(q.qsize()).isZero();
            assertThatThrownBy(q::getNowait).isInstanceOf(QueueShutDown.class);
            assertThatThrownBy(q::get).isInstanceOf(QueueShutDown.class);
            joiner.await();
            Asyncio.gather(true, putter).await();
            assertThat(putter.exception()).isInstanceOf(QueueShutDown.class);
            assertThatThrownBy(q::taskDone).isInstanceOf(IllegalArgumentException.class);
        });
    }

    @Test
    void shutdownImmediateOnlyDiscountsUnfinishedItems() throws Exception {
        Asyncio.run(() -> {
            Queue<String> q = new Queue<>();
            q.putNowait("a");
            q.putNowait("b");
            q.getNowait();              // "a" taken but not done: stays unfinished
            q.shutdown(true);           // "b" discarded and counted done
            Task<Void> joiner = Asyncio.createTask(q::join);
            yieldTimes(2);
            assertThat(joiner.isDone()).isFalse();
            q.taskDone();
            joiner.await();
        });
    }

    @Test
    void shutdownImmediateWakesGetters() throws Exception {
        Asyncio.run(() -> {
            Queue<String> q = new Queue<>();
            Task<String> getter = Asyncio.createTask(q::get);
            yieldTimes(1);
            q.shutdown(true);
            Asyncio.gather(true, getter).await();
            assertThat(getter.exception()).isInstanceOf(QueueShutDown.class);
        });
    }
}
