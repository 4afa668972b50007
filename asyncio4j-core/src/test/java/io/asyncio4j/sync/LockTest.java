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

// Expected orders were cross-checked by running the same scenarios with CPython asyncio.
@Timeout(10)
class LockTest {

    static void yieldTimes(int n) {
        for (int i = 0; i < n; i++) {
            Asyncio.sleep(0);
        }
    }

    @Test
    void acquireAndReleaseWhenFree() throws Exception {
        Asyncio.run(() -> {
            Lock lock = new Lock();
            assertThat(lock.locked()).isFalse();
            lock.acquire();
            assertThat(lock.locked()).isTrue();
            assertThat(lock.toString()).isEqualTo("<Lock [locked]>");
            lock.release();
            assertThat(lock.locked()).isFalse();
        });
    }

    @Test
    void waitersAcquireInFifoOrder() throws Exception {
        List<Integer> order = Asyncio.run(() -> {
            Lock lock = new Lock();
            List<Integer> log = new ArrayList<>();
            lock.acquire();
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int id = i;
                tasks.add(Asyncio.createTask(() -> {
                    lock.acquire();
                    try {
                        log.add(id);
                        Asyncio.sleep(0);
                    } finally {
                        lock.release();
                    }
                }));
            }
            yieldTimes(2);
            assertThat(lock.toString()).isEqualTo("<Lock [locked, waiters:5]>");
            lock.release();
            Asyncio.gather(tasks).await();
            assertThat(lock.locked()).isFalse();
            return log;
        });
        assertThat(order).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void newcomerDoesNotBargeAheadOfWokenWaiter() throws Exception {
        List<String> order = Asyncio.run(() -> {
            Lock lock = new Lock();
            List<String> log = new ArrayList<>();
            lock.acquire();
            Task<Void> a = Asyncio.createTask(() -> {
                lock.acquire();
                log.add("a");
                lock.release();
            });
            yieldTimes(1);
            lock.release();
            // Free, but promised to a: we queue behind it.
            assertThat(lock.locked()).isFalse();
            lock.acquire();
            log.add("main");
            lock.release();
            a.await();
            return log;
        });
        assertThat(order).containsExactly("a", "main");
    }

    @Test
    void cancellingWokenWaiterPassesTheLockOn() throws Exception {
        List<String> order = Asyncio.run(() -> {
            Lock lock = new Lock();
            List<String> log = new ArrayList<>();
            lock.acquire();
            List<Task<Void>> tasks = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                tasks.add(Asyncio.createTask(() -> {
                    try {
                        lock.acquire();
                    } catch (CancelledError e) {
                        log.add(name + " cancelled");
                        throw e;
                    }
                    log.add(name);
                    lock.release();
                }));
            }
            yieldTimes(1);
            lock.release();         // a is woken...
            tasks.get(0).cancel();  // ...and cancelled before it runs: b must get the lock
            Asyncio.gather(true, tasks.get(0), tasks.get(1), tasks.get(2)).await();
            assertThat(tasks.get(0).cancelled()).isTrue();
            assertThat(lock.locked()).isFalse();
            assertThat(lock.toString()).isEqualTo("<Lock [unlocked]>");
            return log;
        });
        assertThat(order).containsExactly("a cancelled", "b", "c");
    }

    @Test
    void cancellingQueuedWaiterLeavesTheOthersInOrder() throws Exception {
        List<String> order = Asyncio.run(() -> {
            Lock lock = new Lock();
            List<String> log = new ArrayList<>();
            lock.acquire();
            List<Task<Void>> tasks = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                tasks.add(Asyncio.createTask(() -> {
                    lock.acquire();
                    log.add(name);
                    lock.release();
                }));
            }
            yieldTimes(1);
            tasks.get(1).cancel();
            yieldTimes(1);
            assertThat(tasks.get(1).cancelled()).isTrue();
            lock.release();
            Asyncio.gather(true, tasks.get(0), tasks.get(1), tasks.get(2)).await();
            return log;
        });
        assertThat(order).containsExactly("a", "c");
    }

    @Test
    void newcomerJumpsWhenEveryWaiterWasCancelled() throws Exception {
        Asyncio.run(() -> {
            Lock lock = new Lock();
            lock.acquire();
            Task<Void> a = Asyncio.createTask(() -> lock.acquire());
            yieldTimes(1);
            a.cancel();             // a's future is cancelled; a has not run yet
            lock.release();
            lock.acquire();         // every waiter is cancelled: no need to queue
            assertThat(lock.locked()).isTrue();
            assertThat(a.isDone()).isFalse();
            Asyncio.gather(true, a).await();
            assertThat(a.cancelled()).isTrue();
            assertThat(lock.locked()).isTrue();   // a did not take or release it
            lock.release();
        });
    }

    @Test
    void releasingAnUnlockedLockFails() throws Exception {
        Asyncio.run(() -> {
            Lock lock = new Lock();
            assertThatThrownBy(lock::release)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Lock is not acquired.");
            lock.acquire();
            lock.release();
            assertThatThrownBy(lock::release).isInstanceOf(IllegalStateException.class);
        });
    }

    @Test
    void withLockReleasesOnSuccessAndFailure() throws Exception {
        Asyncio.run(() -> {
            Lock lock = new Lock();
            String v = lock.withLock(() -> {
                assertThat(lock.locked()).isTrue();
                return "v";
            });
            assertThat(v).isEqualTo("v");
            assertThat(lock.locked()).isFalse();
            assertThatThrownBy(() -> lock.withLock(() -> {
                throw new java.io.IOException("boom");
            })).isInstanceOf(java.io.IOException.class).hasMessage("boom");
            assertThat(lock.locked()).isFalse();
        });
    }

    @Test
    void withLockSerialisesTasks() throws Exception {
        int max = Asyncio.run(() -> {
            Lock lock = new Lock();
            int[] inside = {0, 0};
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                tasks.add(Asyncio.createTask(() -> lock.withLock(() -> {
                    inside[0]++;
                    inside[1] = Math.max(inside[1], inside[0]);
                    Asyncio.sleep(0);
                    inside[0]--;
                })));
            }
            Asyncio.gather(tasks).await();
            return inside[1];
        });
        assertThat(max).isEqualTo(1);
    }

    @Test
    void lockIsBoundToTheFirstLoopItWaitsOn() throws Exception {
        Lock lock = new Lock();
        Asyncio.run(() -> {
            lock.acquire();
            Task<Void> waiter = Asyncio.createTask(() -> lock.acquire());
            yieldTimes(1);
            waiter.cancel();
        });
        Asyncio.run(() -> {
            assertThat(lock.locked()).isTrue();
            assertThatThrownBy(lock::acquire)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("bound to a different event loop");
        });
    }
}
