package io.asyncio4j.sync;

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
class SemaphoreTest {

    static void yieldTimes(int n) {
        for (int i = 0; i < n; i++) {
            Asyncio.sleep(0);
        }
    }

    @Test
    void countsPermits() throws Exception {
        Asyncio.run(() -> {
            Semaphore sem = new Semaphore(2);
            assertThat(sem.locked()).isFalse();
            sem.acquire();
            sem.acquire();
            assertThat(sem.locked()).isTrue();
            assertThat(sem.toString()).isEqualTo("<Semaphore [locked]>");
            sem.release();
            assertThat(sem.toString()).isEqualTo("<Semaphore [unlocked, value:1]>");
            sem.release();
            sem.release();              // a plain Semaphore may grow past its initial value
            assertThat(sem.value()).isEqualTo(3);
            assertThat(new Semaphore().value()).isEqualTo(1);
        });
    }

    @Test
    void negativeInitialValueIsRejected() {
        assertThatThrownBy(() -> new Semaphore(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BoundedSemaphore(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void waitersGetPermitsInFifoOrder() throws Exception {
        List<Integer> order = Asyncio.run(() -> {
            Semaphore sem = new Semaphore(0);
            List<Integer> log = new ArrayList<>();
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int id = i;
                tasks.add(Asyncio.createTask(() -> {
                    sem.acquire();
                    log.add(id);
                }));
            }
            yieldTimes(1);
            for (int i = 0; i < 5; i++) {
                sem.release();
            }
            Asyncio.gather(tasks).await();
            assertThat(sem.value()).isZero();
            return log;
        });
        assertThat(order).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void newcomerDoesNotTakeAFreePermitWhileOthersAreQueued() throws Exception {
        List<String> order = Asyncio.run(() -> {
            Semaphore sem = new Semaphore(1);
            List<String> log = new ArrayList<>();
            sem.acquire();
            Task<Void> a = Asyncio.createTask(() -> {
                sem.acquire();
                log.add("a");
            });
            yieldTimes(1);
            sem.release();              // handed to a (value stays 0)
            sem.release();              // a free permit, but a has not run yet
            assertThat(sem.value()).isEqualTo(1);
            assertThat(sem.locked()).isTrue();  // FIFO: a goes first
            sem.acquire();
            log.add("main");
            a.await();
            assertThat(sem.value()).isZero();
            return log;
        });
        assertThat(order).containsExactly("a", "main");
    }

    @Test
    void cancelledWokenWaiterGivesThePermitToTheNext() throws Exception {
        List<String> order = Asyncio.run(() -> {
            Semaphore sem = new Semaphore(1);
            List<String> log = new ArrayList<>();
            sem.acquire();
            List<Task<Void>> tasks = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                tasks.add(Asyncio.createTask(() -> {
                    try {
                        sem.acquire();
                    } catch (CancelledError e) {
                        log.add(name + " cancelled");
                        throw e;
                    }
                    log.add(name);
                    sem.release();
                }));
            }
            yieldTimes(1);
            sem.release();              // permit handed to a...
            tasks.get(0).cancel();      // ...which is cancelled before it runs
            Asyncio.gather(true, tasks.get(0), tasks.get(1), tasks.get(2)).await();
            assertThat(sem.value()).isEqualTo(1);
            assertThat(sem.locked()).isFalse();
            return log;
        });
        assertThat(order).containsExactly("a cancelled", "b", "c");
    }

    @Test
    void cancelledQueuedWaiterTakesNoPermit() throws Exception {
        Asyncio.run(() -> {
            Semaphore sem = new Semaphore(0);
            Task<Void> a = Asyncio.createTask(() -> sem.acquire());
            Task<Void> b = Asyncio.createTask(() -> sem.acquire());
            yieldTimes(1);
            a.cancel();
            yieldTimes(1);
            assertThat(a.cancelled()).isTrue();
            sem.release();
            b.await();
            assertThat(sem.value()).isZero();
            assertThat(sem.toString()).isEqualTo("<Semaphore [locked]>");
        });
    }

    @Test
    void withLockBoundsConcurrency() throws Exception {
        int max = Asyncio.run(() -> {
            Semaphore sem = new Semaphore(2);
            int[] inside = {0, 0};
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tasks.add(Asyncio.createTask(() -> sem.withLock(() -> {
                    inside[0]++;
                    inside[1] = Math.max(inside[1], inside[0]);
                    yieldTimes(2);
                    inside[0]--;
                })));
            }
            Asyncio.gather(tasks).await();
            assertThat(sem.value()).isEqualTo(2);
            return inside[1];
        });
        assertThat(max).isEqualTo(2);
    }

    @Test
    void boundedSemaphoreRejectsOverRelease() throws Exception {
        Asyncio.run(() -> {
            BoundedSemaphore sem = new BoundedSemaphore(2);
            assertThatThrownBy(sem::release)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("BoundedSemaphore released too many times");
            sem.acquire();
            sem.acquire();
            sem.release();
            sem.release();
            assertThatThrownBy(sem::release).isInstanceOf(IllegalArgumentException.class);
            assertThat(sem.value()).isEqualTo(2);
            assertThat(sem.toString()).isEqualTo("<BoundedSemaphore [unlocked, value:2]>");
        });
    }

    @Test
    void boundedSemaphoreCountsPermitsHandedToWaiters() throws Exception {
        Asyncio.run(() -> {
            BoundedSemaphore sem = new BoundedSemaphore(1);
            sem.acquire();
            Task<Void> a = Asyncio.createTask(() -> {
                sem.acquire();
                sem.release();
            });
            yieldTimes(1);
            sem.release();              // handed to a: value stays 0
            assertThat(sem.value()).isZero();
            a.await();
            assertThat(sem.value()).isEqualTo(1);
            assertThatThrownBy(sem::release).isInstanceOf(IllegalArgumentException.class);
        });
    }
}
