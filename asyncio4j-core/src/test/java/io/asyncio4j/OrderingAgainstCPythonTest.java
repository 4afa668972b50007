package io.asyncio4j;

import io.asyncio4j.loop.EventLoop;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the same scenario in CPython's asyncio ({@code /usr/bin/python3}) and in asyncio4j and
 * compares the order of events line by line: the reference for "asyncio's order" is asyncio itself.
 */
@Timeout(30)
class OrderingAgainstCPythonTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @FunctionalInterface
    interface Scenario {
        void run(List<String> log) throws Exception;
    }

    private static final Map<String, Scenario> SCENARIOS = Map.ofEntries(
            Map.entry("interleaving", OrderingAgainstCPythonTest::interleaving),
            Map.entry("done_callbacks_and_wakeups", OrderingAgainstCPythonTest::doneCallbacksAndWakeups),
            Map.entry("cancellation_order", OrderingAgainstCPythonTest::cancellationOrder),
            Map.entry("timers_and_soon", OrderingAgainstCPythonTest::timersAndSoon),
            Map.entry("wait_for_semantics", OrderingAgainstCPythonTest::waitForSemantics),
            Map.entry("taskgroup_failure", OrderingAgainstCPythonTest::taskgroupFailure),
            Map.entry("shield_and_outer_cancel", OrderingAgainstCPythonTest::shieldAndOuterCancel),
            Map.entry("as_completed_order", OrderingAgainstCPythonTest::asCompletedOrder),
            Map.entry("self_cancel", OrderingAgainstCPythonTest::selfCancel));

    static java.util.stream.Stream<String> scenarioNames() {
        return SCENARIOS.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("scenarioNames")
    void sameOrderAsCPython(String name) throws Exception {
        List<String> expected = python(name);
        List<String> actual = new ArrayList<>();
        Asyncio.run(() -> SCENARIOS.get(name).run(actual));
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    private static List<String> python(String scenario) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "needs Debian's /usr/bin/python3");
        Path script = Path.of("src/test/resources/python/ordering_scenarios.py").toAbsolutePath();
        Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), scenario).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }

    static void interleaving(List<String> log) throws Exception {
        EventLoop loop = Asyncio.getRunningLoop();
        loop.callSoon(() -> log.add("cb1"));
        Task<String> t1 = createTask(() -> child(log, "a", 3));
        Task<String> t2 = createTask(() -> child(log, "b", 2));
        loop.callSoon(() -> log.add("cb2"));
        log.add("main yields");
        sleep(0);
        log.add("main resumed");
        List<String> r = Asyncio.gather(t1, t2).await();
        log.add("gathered ['" + String.join("', '", r) + "']");
    }

    private static String child(List<String> log, String name, int n) {
        for (int i = 0; i < n; i++) {
            log.add(name + " step " + i);
            sleep(0);
        }
        return name;
    }

    static void doneCallbacksAndWakeups(List<String> log) throws Exception {
        EventLoop loop = Asyncio.getRunningLoop();
        Future<String> fut = loop.createFuture();
        List<Task<Void>> ws = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = "w" + i;
            ws.add(createTask(() -> {
                log.add(name + " waits");
                String v = fut.await();
                log.add(name + " got " + v);
            }));
        }
        sleep(0);
        fut.addDoneCallback(f -> log.add("callback after waiters"));
        loop.callSoon(() -> log.add("queued before set_result"));
        fut.setResult("v");
        log.add("set_result returned");
        Asyncio.gather(ws).await();
        log.add("all woke");
    }

    static void cancellationOrder(List<String> log) throws Exception {
        Task<Void> a = createTask(() -> sleeper(log, "a"));
        Task<Void> b = createTask(() -> sleeper(log, "b"));
        a.addDoneCallback(t -> log.add("a done cancelled=" + (t.cancelled() ? "True" : "False")));
        sleep(0);
        b.cancel("bye b");
        a.cancel("bye a");
        log.add("cancel requested");
        List<Object> res = Asyncio.gather(true, a, b).await();
        log.add("results [" + String.join(", ", res.stream().map(r -> "'" + r.getClass().getSimpleName() + "'").toList()) + "]");
    }

    private static void sleeper(List<String> log, String name) {
        try {
            sleep(10);
        } catch (CancelledError e) {
            log.add(name + " cancelled msg=" + e.getMessage());
            throw e;
        } finally {
            log.add(name + " finally");
        }
    }

    static void timersAndSoon(List<String> log) throws Exception {
        EventLoop loop = Asyncio.getRunningLoop();
        double now = loop.time();
        loop.callAt(now + 0.2, () -> log.add("t2"));
        loop.callAt(now + 0.1, () -> log.add("t1"));
        loop.callSoon(() -> log.add("soon"));
        loop.callLater(0.15, () -> log.add("cancelled timer")).cancel();
        Task<Void> sleeper = createTask(() -> {
            sleep(0.12);
            log.add("task slept 120ms");
        });
        Asyncio.gather(sleeper, createTask(() -> sleep(0.3))).await();
        log.add("end");
    }

    static void waitForSemantics(List<String> log) throws Exception {
        Task<String> stubborn = createTask(() -> {
            try {
                sleep(10);
            } catch (CancelledError e) {
                log.add("stubborn swallowed cancel");
            }
            return "stubborn result";
        });
        log.add("wait_for -> " + Asyncio.waitFor(stubborn, 0.01));
        Task<Void> slow = createTask(() -> {
            try {
                sleep(10);
            } finally {
                log.add("slow cleanup");
            }
        });
        try {
            Asyncio.waitFor(slow, 0.01);
        } catch (TimeoutError e) {
            log.add("TimeoutError");
        }
    }

    static void taskgroupFailure(List<String> log) throws Exception {
        try {
            TaskGroup.run(tg -> {
                tg.createTask(() -> {
                    try {
                        sleep(10);
                    } catch (CancelledError e) {
                        log.add("l1 cancelled");
                        throw e;
                    }
                });
                for (String f : List.of("f1", "f2")) {
                    tg.createTask(() -> {
                        sleep(0.01);
                        log.add(f + " raises");
                        throw new IllegalArgumentException(f);
                    });
                }
                log.add("body waits");
                try {
                    sleep(10);
                } catch (CancelledError e) {
                    log.add("body cancelled");
                    throw e;
                }
            });
        } catch (ExceptionGroup eg) {
            log.add("group [" + String.join(", ", eg.exceptions().stream().map(e -> "'" + e.getMessage() + "'").toList()) + "]");
        }
        log.add("cancelling=" + Asyncio.currentTask().cancelling());
    }

    static void shieldAndOuterCancel(List<String> log) throws Exception {
        Task<Integer> t = createTask(() -> {
            sleep(0.02);
            log.add("inner finished");
            return 1;
        });
        Task<Integer> o = createTask(() -> {
            try {
                return Asyncio.shield(t).await();
            } catch (CancelledError e) {
                log.add("outer cancelled");
                throw e;
            }
        });
        sleep(0.005);
        o.cancel();
        try {
            o.await();
        } catch (CancelledError e) {
            log.add("awaiting outer raised CancelledError");
        }
        log.add("inner result " + t.await());
    }

    static void asCompletedOrder(List<String> log) throws Exception {
        List<Task<String>> ts = new ArrayList<>();
        for (Object[] nd : new Object[][] {{"x", 0.03}, {"y", 0.01}, {"z", 0.02}}) {
            ts.add(createTask(() -> Asyncio.sleep((Double) nd[1], (String) nd[0])));
        }
        for (Future<String> f : Asyncio.asCompleted(ts)) {
            log.add("next " + f.await());
        }
    }

    static void selfCancel(List<String> log) throws Exception {
        EventLoop loop = Asyncio.getRunningLoop();
        Future<String> fut = loop.createFuture();
        fut.addDoneCallback(f -> log.add("fut done cancelled=" + py(f.cancelled())));
        Task<String> t = createTask(() -> {
            Asyncio.currentTask().cancel("self");
            log.add("cancel requested");
            try {
                return fut.await();
            } catch (CancelledError e) {
                log.add("await raised msg=" + (e.getMessage() == null ? "None" : e.getMessage()));
                throw e;
            }
        });
        try {
            t.await();
        } catch (CancelledError e) {
            log.add("task cancelled=" + py(t.cancelled()));
        }
        loop.callLater(0.05, () -> log.add("timer 50ms"));
        Task<String> sleeps = createTask(() -> {
            Asyncio.currentTask().cancel();
            try {
                sleep(10);
            } catch (CancelledError e) {
                log.add("sleep cancelled at once, cancelling=" + Asyncio.currentTask().cancelling());
            }
            return "swallowed";
        });
        log.add("sleeper -> " + sleeps.await());
        sleep(0.06);
    }

    private static String py(boolean b) {
        return b ? "True" : "False";
    }
}
