package io.asyncio4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Timeout scopes and TaskGroup. */
@org.junit.jupiter.api.Timeout(20)
class StructuredTest {

    @Test
    void aTimeoutScopeTurnsItsOwnCancellationIntoTimeoutError() throws Exception {
        List<String> log = new ArrayList<>();
        Asyncio.run(() -> {
            io.asyncio4j.Timeout cm = Asyncio.timeout(Duration.ofMillis(20));
            assertThat(cm.expired()).isFalse();
            assertThatThrownBy(() -> cm.run(() -> {
                try {
                    sleep(10);
                } catch (CancelledError e) {
                    log.add("body saw CancelledError");
                    throw e;
                }
            })).isInstanceOf(TimeoutError.class).hasCauseInstanceOf(CancelledError.class);
            assertThat(cm.expired()).isTrue();
            assertThat(Asyncio.currentTask().cancelling()).isZero();
            sleep(0); // the task is not cancelled any more
            assertThat(Asyncio.timeout(Duration.ofSeconds(1), () -> "fast enough")).isEqualTo("fast enough");
        });
        assertThat(log).containsExactly("body saw CancelledError");
    }

    @Test
    void rescheduleMovesTheDeadline() throws Exception {
        Asyncio.run(() -> {
            io.asyncio4j.Timeout cm = Asyncio.timeout(Duration.ofMillis(10));
            assertThatThrownBy(() -> cm.reschedule(null)).hasMessageContaining("not been entered");
            String r = cm.call(() -> {
                cm.reschedule(Asyncio.getRunningLoop().time() + 1.0);
                sleep(0.05);
                cm.reschedule(null); // never expires now
                sleep(0.01);
                return "rescheduled";
            });
            assertThat(r).isEqualTo("rescheduled");
            assertThat(cm.expired()).isFalse();
            assertThat(cm.when()).isNull();
            assertThatThrownBy(() -> cm.reschedule(1.0)).hasMessageContaining("Cannot change state");
            assertThatThrownBy(() -> cm.run(() -> { })).hasMessageContaining("already been entered");
        });
    }

    @Test
    void timeoutAtAnAbsoluteDeadlineInThePastExpiresAtTheNextAwait() throws Exception {
        Asyncio.run(() -> {
            double past = Asyncio.getRunningLoop().time() - 1;
            io.asyncio4j.Timeout cm = Asyncio.timeoutAt(past);
            assertThatThrownBy(() -> cm.run(() -> sleep(1))).isInstanceOf(TimeoutError.class);
            assertThat(cm.expired()).isTrue();
        });
    }

    @Test
    void nestedTimeoutsRaiseForTheInnermostExpiredScope() throws Exception {
        Asyncio.run(() -> {
            io.asyncio4j.Timeout outer = Asyncio.timeout(Duration.ofSeconds(5));
            io.asyncio4j.Timeout inner = Asyncio.timeout(Duration.ofMillis(10));
            String r = outer.call(() -> {
                try {
                    inner.run(() -> sleep(1));
                } catch (TimeoutError e) {
                    return "inner timed out, outer still fine";
                }
                return "no timeout";
            });
            assertThat(r).isEqualTo("inner timed out, outer still fine");
            assertThat(inner.expired()).isTrue();
            assertThat(outer.expired()).isFalse();

            // The outer expires while the inner is still running: the outer raises, not the inner.
            io.asyncio4j.Timeout outer2 = Asyncio.timeout(Duration.ofMillis(10));
            io.asyncio4j.Timeout inner2 = Asyncio.timeout(Duration.ofSeconds(5));
            assertThatThrownBy(() -> outer2.run(() -> inner2.run(() -> sleep(1)))).isInstanceOf(TimeoutError.class);
            assertThat(outer2.expired()).isTrue();
            assertThat(inner2.expired()).isFalse();
        });
    }

    @Test
    void anOutsideCancellationInsideATimeoutScopeStaysCancelledError() throws Exception {
        Asyncio.run(() -> {
            Task<Void> t = createTask(() -> Asyncio.timeout(Duration.ofSeconds(5), () -> sleep(10)));
            sleep(0.01);
            t.cancel("outside");
            assertThatThrownBy(t::await).isInstanceOf(CancelledError.class).hasMessage("outside");
        });
    }

    @Test
    void timeoutOutsideATaskIsAnError() throws Exception {
        io.asyncio4j.loop.EventLoop loop = new io.asyncio4j.loop.EventLoop();
        try {
            loop.callSoon(() -> {
                assertThatThrownBy(() -> Asyncio.timeout(1.0).run(() -> { })).hasMessageContaining("inside a task");
                loop.stop();
            });
            loop.runForever();
        } finally {
            loop.close();
        }
    }

    // ------------------------------------------------------------------ TaskGroup

    @Test
    void aTaskGroupWaitsForAllItsTasks() throws Exception {
        Asyncio.run(() -> {
            List<String> done = new ArrayList<>();
            TaskGroup.run(tg -> {
                tg.createTask(() -> {
                    sleep(0.02);
                    done.add("slow");
                });
                tg.createTask(() -> {
                    sleep(0.01);
                    done.add("fast");
                });
            });
            assertThat(done).containsExactly("fast", "slow");
            int sum = TaskGroup.run(tg -> {
                Task<Integer> a = tg.createTask(() -> 1);
                Task<Integer> b = tg.createTask(() -> 2);
                return a.await() + b.await();
            });
            assertThat(sum).isEqualTo(3);
        });
    }

    @Test
    void theFirstFailureCancelsTheRestAndAllFailuresAreReportedTogether() throws Exception {
        List<String> log = new ArrayList<>();
        Asyncio.run(() -> {
            IOException e1 = new IOException("first");
            IllegalStateException e2 = new IllegalStateException("second");
            ExceptionGroup eg = catchGroup(() -> TaskGroup.run(tg -> {
                tg.createTask(() -> {
                    sleep(0.01);
                    throw e1;
                });
                tg.createTask(() -> {
                    sleep(0.01);
                    throw e2;
                });
                tg.createTask(() -> {
                    try {
                        sleep(10);
                    } catch (CancelledError c) {
                        log.add("sibling cancelled");
                        throw c;
                    }
                });
                try {
                    sleep(10);
                } catch (CancelledError c) {
                    log.add("body cancelled");
                    throw c;
                }
            }));
            assertThat(eg.exceptions()).containsExactly(e1, e2);
            assertThat(eg.getSuppressed()).containsExactly(e1, e2);
            assertThat(eg.getMessage()).contains("unhandled errors in a TaskGroup", "2 sub-exceptions");
            assertThat(Asyncio.currentTask().cancelling()).isZero(); // the group un-cancelled its parent
        });
        assertThat(log).containsExactlyInAnyOrder("sibling cancelled", "body cancelled");
    }

    private static ExceptionGroup catchGroup(VoidCoroutine body) throws Exception {
        try {
            body.run();
        } catch (ExceptionGroup eg) {
            return eg;
        }
        throw new AssertionError("expected an ExceptionGroup");
    }

    @Test
    void aFailingBodyCancelsTheTasksAndIsReportedInTheGroup() throws Exception {
        Asyncio.run(() -> {
            IOException bodyError = new IOException("body");
            List<Task<?>> tasks = new ArrayList<>();
            ExceptionGroup eg = catchGroup(() -> TaskGroup.run((TaskGroup.VoidBody) tg -> {
                tasks.add(tg.createTask(() -> sleep(10)));
                sleep(0);
                throw bodyError;
            }));
            assertThat(eg.exceptions()).containsExactly(bodyError);
            assertThat(tasks.get(0).cancelled()).isTrue();
        });
    }

    @Test
    void nestedGroupsReportInnerGroupsAsOneFailure() throws Exception {
        Asyncio.run(() -> {
            ExceptionGroup eg = catchGroup(() -> TaskGroup.run(outer -> {
                outer.createTask(() -> TaskGroup.run(inner -> {
                    inner.createTask(() -> {
                        throw new IOException("deep");
                    });
                }));
                outer.createTask(() -> sleep(10));
            }));
            assertThat(eg.exceptions()).hasSize(1);
            assertThat(eg.exceptions().get(0)).isInstanceOf(ExceptionGroup.class);
            assertThat(eg.contains(IOException.class)).isTrue();
            assertThat(eg.subgroup(IOException.class::isInstance).exceptions().get(0)).isInstanceOf(ExceptionGroup.class);
        });
    }

    @Test
    void noNewTasksOnceTheGroupIsShuttingDownOrFinished() throws Exception {
        Asyncio.run(() -> {
            TaskGroup[] saved = new TaskGroup[1];
            List<String> errors = new ArrayList<>();
            catchGroup(() -> TaskGroup.run(tg -> {
                saved[0] = tg;
                tg.createTask(() -> {
                    throw new IOException("x");
                });
                try {
                    sleep(10);
                } catch (CancelledError c) {
                    try {
                        tg.createTask(() -> "late");
                    } catch (IllegalStateException e) {
                        errors.add(e.getMessage());
                    }
                    throw c;
                }
            }));
            assertThat(errors).singleElement().asString().contains("is shutting down");
            TaskGroup finished = new TaskGroup();
            finished.enter(g -> null);
            assertThatThrownBy(() -> finished.createTask(() -> 1)).hasMessageContaining("is finished");
            assertThatThrownBy(() -> new TaskGroup().createTask(() -> 1)).hasMessageContaining("has not been entered");
            assertThatThrownBy(() -> finished.enter(g -> null)).hasMessageContaining("already been entered");
        });
    }

    @Test
    void cancellingTheParentCancelsTheGroupsTasksAndPropagates() throws Exception {
        List<String> log = new ArrayList<>();
        Asyncio.run(() -> {
            Task<Void> parent = createTask(() -> TaskGroup.run(tg -> {
                tg.createTask(() -> {
                    try {
                        sleep(10);
                    } finally {
                        log.add("child cleanup");
                    }
                });
                sleep(10);
            }));
            sleep(0.01);
            parent.cancel("outside");
            assertThatThrownBy(parent::await).isInstanceOf(CancelledError.class);
            assertThat(parent.cancelled()).isTrue();
        });
        assertThat(log).containsExactly("child cleanup");
    }

    @Test
    void aTaskGroupInsideATimeoutGivesTimeoutError() throws Exception {
        Asyncio.run(() -> {
            assertThatThrownBy(() -> Asyncio.timeout(Duration.ofMillis(20), () -> TaskGroup.run(tg -> {
                tg.createTask(() -> sleep(10));
                tg.createTask(() -> sleep(10));
            }))).isInstanceOf(TimeoutError.class);
        });
    }

    @Test
    void anEagerTaskFailingAtCreationIsHandledByTheDoneCallbackNotAtOnce() throws Exception {
        // CPython 3.13 (gh-128550): the group learns of the failure from the scheduled done-callback,
        // so the body's next createTask is still accepted and the body runs on to its next await.
        Asyncio.run(() -> {
            Asyncio.getRunningLoop().setEagerTasks(true);
            IOException boom = new IOException("eager");
            Task<?>[] second = new Task<?>[1];
            assertThatThrownBy(() -> TaskGroup.run(tg -> {
                Task<Void> first = tg.createTask(() -> {
                    throw boom;
                });
                assertThat(first.isDone()).isTrue();
                second[0] = tg.createTask(() -> "second");
            })).isInstanceOfSatisfying(ExceptionGroup.class,
                    eg -> assertThat(eg.exceptions()).containsExactly(boom));
            assertThat(second[0].resultNow()).isEqualTo("second");
            assertThat(Asyncio.currentTask().cancelling()).isZero();
        });
    }

    @Test
    void aKeyboardInterruptInATaskPropagatesAloneOnceTheOthersAreDone() throws Exception {
        List<String> log = new ArrayList<>();
        Asyncio.run(() -> {
            KeyboardInterrupt ki = new KeyboardInterrupt();
            assertThatThrownBy(() -> TaskGroup.run(tg -> {
                tg.createTask(() -> {
                    try {
                        sleep(10);
                    } finally {
                        log.add("other cleaned up");
                    }
                });
                tg.createTask(() -> {
                    sleep(0);
                    throw ki;
                });
                tg.createTask(() -> {
                    sleep(0);
                    throw new IOException("ordinary");
                });
                sleep(10);
            })).isSameAs(ki);
        });
        assertThat(log).containsExactly("other cleaned up");
    }

    @Test
    void aKeyboardInterruptInTheBodyIsNotWrappedInAGroup() throws Exception {
        Asyncio.run(() -> {
            KeyboardInterrupt ki = new KeyboardInterrupt();
            Task<?>[] child = new Task<?>[1];
            assertThatThrownBy(() -> TaskGroup.run((TaskGroup.VoidBody) tg -> {
                child[0] = tg.createTask(() -> sleep(10));
                sleep(0);
                throw ki;
            })).isSameAs(ki);
            assertThat(child[0].cancelled()).isTrue();
        });
    }

    @Test
    void rescheduleOutsideTheActiveStateNamesTheStateAsAsyncioDoes() throws Exception {
        Asyncio.run(() -> {
            io.asyncio4j.Timeout created = Asyncio.timeout(Duration.ofSeconds(1));
            assertThatThrownBy(() -> created.reschedule(1.0)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("Timeout has not been entered");
            created.run(() -> assertThat(created.toString()).startsWith("<Timeout [active] when="));
            assertThatThrownBy(() -> created.reschedule(1.0)).hasMessage("Cannot change state of finished Timeout");
            assertThat(created).hasToString("<Timeout [finished]>");

            io.asyncio4j.Timeout expiring = Asyncio.timeoutAt(0.0);
            String[] inside = new String[1];
            assertThatThrownBy(() -> expiring.run(() -> {
                try {
                    sleep(10);
                } finally {
                    try {
                        expiring.reschedule(null);
                    } catch (IllegalStateException e) {
                        inside[0] = e.getMessage();
                    }
                }
            })).isInstanceOf(TimeoutError.class);
            assertThat(inside[0]).isEqualTo("Cannot change state of expiring Timeout");
            assertThatThrownBy(() -> expiring.reschedule(null)).hasMessage("Cannot change state of expired Timeout");
        });
    }

    @Test
    void aTimeoutEnteredWithAnEarlierSwallowedCancellationStillRaisesTimeoutError() throws Exception {
        // Python 3.12: the scope compares uncancel() with cancelling() at entry, not with 0 (3.11).
        Asyncio.run(() -> {
            Task<?> self = Asyncio.currentTask();
            self.cancel();
            try {
                sleep(0);
            } catch (CancelledError swallowed) {
                // cancelling() stays 1
            }
            assertThat(self.cancelling()).isEqualTo(1);
            assertThatThrownBy(() -> Asyncio.timeout(Duration.ofMillis(10), () -> sleep(10)))
                    .isInstanceOf(TimeoutError.class);
            assertThat(self.cancelling()).isEqualTo(1);
        });
    }
}
