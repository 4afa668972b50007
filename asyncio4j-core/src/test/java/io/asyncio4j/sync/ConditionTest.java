package io.asyncio4j.sync;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class ConditionTest {

    static void yieldTimes(int n) {
        for (int i = 0; i < n; i++) {
            Asyncio.sleep(0);
        }
    }

    /** Three tasks waiting on {@code cond}, logging their name when they return from await(). */
    static List<Task<Void>> waiters(Condition cond, List<String> log, String... names) {
        List<Task<Void>> tasks = new ArrayList<>();
        for (String name : names) {
            tasks.add(Asyncio.createTask(() -> {
                cond.acquire();
                try {
                    cond.await();
                    assertThat(cond.locked()).isTrue();
                    log.add(name);
                } finally {
                    cond.release();
                }
            }));
        }
        return tasks;
    }

    @Test
    void notifyWakesWaitersOneByOneInOrder() throws Exception {
        Asyncio.run(() -> {
            Condition cond = new Condition();
            List<String> log = new ArrayList<>();
            List<Task<Void>> tasks = waiters(cond, log, "a", "b", "c");
            yieldTimes(1);
            assertThat(cond.toString()).isEqualTo("<Condition [unlocked, waiters:3]>");

            cond.withLock(() -> cond.notifyOne());
            yieldTimes(3);
            assertThat(log).containsExactly("a");

            cond.withLock(() -> cond.notify(2));
            Asyncio.gather(tasks).await();
            assertThat(log).containsExactly("a", "b", "c");
        });
    }

    @Test
    void notifiedTaskReturnsOnlyOnceItHasTheLock() throws Exception {
        Asyncio.run(() -> {
            Condition cond = new Condition();
            List<String> log = new ArrayList<>();
            List<Task<Void>> tasks = waiters(cond, log, "a");
            yieldTimes(1);
            cond.acquire();
            cond.notifyOne();
            yieldTimes(3);
            assertThat(log).isEmpty();      // notified, but we still hold the lock
            cond.release();
            tasks.get(0).await();
            assertThat(log).containsExactly("a");
        });
    }

    @Test
    void notifyAllWakesEveryWaiter() throws Exception {
        Asyncio.run(() -> {
            Condition cond = new Condition();
            List<String> log = new ArrayList<>();
            List<Task<Void>> tasks = waiters(cond, log, "a", "b", "c");
            yieldTimes(1);
            cond.withLock(() -> cond.notifyAllWaiters());
            Asyncio.gather(tasks).await();
            assertThat(log).containsExactly("a", "b", "c");
            assertThat(cond.locked()).isFalse();
        });
    }

    @Test
    void waitAndNotifyNeedTheLock() throws Exception {
        Asyncio.run(() -> {
            Condition cond = new Condition();
            assertThatThrownBy(cond::await)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("cannot wait on un-acquired lock");
            assertThatThrownBy(() -> cond.notify(1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("cannot notify on un-acquired lock");
            assertThatThrownBy(cond::notifyOne).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(cond::notifyAllWaiters).isInstanceOf(IllegalStateException.class);
        });
    }

    @Test
    void waitForReturnsWhenThePredicateHolds() throws Exception {
        List<String> got = Asyncio.run(() -> {
            Condition cond = new Condition();
            ArrayDeque<String> jobs = new ArrayDeque<>();
            List<String> consumed = new ArrayList<>();
            int[] checks = {0};
            Task<Void> consumer = Asyncio.createTask(() -> {
                for (int i = 0; i < 3; i++) {
                    cond.withLock(() -> {
                        cond.waitFor(() -> {
                            checks[0]++;
                            return !jobs.isEmpty();
                        });
                        consumed.add(jobs.poll());
                    });
                }
            });
            for (String job : List.of("x", "y", "z")) {
                yieldTimes(2);
                cond.withLock(() -> {
                    jobs.add(job);
                    cond.notifyOne();
                });
            }
            consumer.await();
            assertThat(checks[0]).isEqualTo(6); // each job: one false check, one true check
            return consumed;
        });
        assertThat(got).containsExactly("x", "y", "z");
    }

    @Test
    void waitForWithTruePredicateDoesNotSuspend() throws Exception {
        Asyncio.run(() -> {
            Condition cond = new Condition();
            cond.acquire();
            cond.waitFor(() -> true);
            assertThat(cond.locked()).isTrue();
            cond.release();
        });
    }

    @Test
    void cancellationInsideWaitReacquiresTheLock() throws Exception {
        Asyncio.run(() -> {
            Condition cond = new Condition();
            List<String> log = new ArrayList<>();
            Task<Void> waiter = Asyncio.createTask(() -> {
                cond.acquire();
                try {
                    cond.await();
                    log.add("returned");
                } catch (CancelledError e) {
                    log.add("cancelled, locked=" + cond.locked());
                    throw e;
                } finally {
                    cond.release();
                }
            });
            yieldTimes(1);
            cond.acquire();                // we hold the lock while the waiter is cancelled
            waiter.cancel();
            yieldTimes(3);
            assertThat(waiter.isDone()).isFalse();  // it must get the lock back first
            assertThat(log).isEmpty();
            cond.release();
            Asyncio.gather(true, waiter).await();
            assertThat(waiter.cancelled()).isTrue();
            assertThat(log).containsExactly("cancelled, locked=true");
            assertThat(cond.locked()).isFalse();
        });
    }

    @Test
    void cancellationWhileReacquiringStillReacquires() throws Exception {
        Asyncio.run(() -> {
            Condition cond = new Condition();
            List<String> log = new ArrayList<>();
            Task<Void> waiter = Asyncio.createTask(() -> {
                cond.acquire();
                try {
                    cond.await();
                } catch (CancelledError e) {
                    log.add("cancelled, locked=" + cond.locked());
                    throw e;
                } finally {
                    cond.release();
                }
            });
            yieldTimes(1);
            cond.acquire();
            cond.notifyOne();
            yieldTimes(2);              // the waiter is now queued on the lock
            waiter.cancel();            // cancels the lock acquisition: it retries
            yieldTimes(2);
            assertThat(waiter.isDone()).isFalse();
            cond.release();
            Asyncio.gather(true, waiter).await();
            assertThat(waiter.cancelled()).isTrue();
            assertThat(log).containsExactly("cancelled, locked=true");
            assertThat(cond.locked()).isFalse();
        });
    }

    @Test
    void notificationOfACancelledWaiterPassesToTheNext() throws Exception {
        Asyncio.run(() -> {
            Condition cond = new Condition();
            List<String> log = new ArrayList<>();
            List<Task<Void>> tasks = waiters(cond, log, "a", "b");
            yieldTimes(1);
            cond.acquire();
            cond.notifyOne();           // a is notified...
            tasks.get(0).cancel();      // ...and cancelled before it runs
            cond.release();
            Asyncio.gather(true, tasks.get(0), tasks.get(1)).await();
            assertThat(tasks.get(0).cancelled()).isTrue();
            assertThat(log).containsExactly("b");
        });
    }

    @Test
    void conditionsCanShareALock() throws Exception {
        Asyncio.run(() -> {
            Lock lock = new Lock();
            Condition c1 = new Condition(lock);
            Condition c2 = new Condition(lock);
            lock.acquire();
            assertThat(c1.locked()).isTrue();
            assertThat(c2.locked()).isTrue();
            c2.release();
            assertThat(lock.locked()).isFalse();
        });
    }
}
