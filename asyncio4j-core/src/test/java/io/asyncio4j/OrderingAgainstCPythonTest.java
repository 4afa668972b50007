package io.asyncio4j;

import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.stream.IncompleteReadError;
import io.asyncio4j.stream.LimitOverrunError;
import io.asyncio4j.stream.StreamReader;
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
            Map.entry("self_cancel", OrderingAgainstCPythonTest::selfCancel),
            Map.entry("future_edges", OrderingAgainstCPythonTest::futureEdges),
            Map.entry("gather_edges", OrderingAgainstCPythonTest::gatherEdges),
            Map.entry("wait_edges", OrderingAgainstCPythonTest::waitEdges),
            Map.entry("taskgroup_edges", OrderingAgainstCPythonTest::taskgroupEdges),
            Map.entry("cancel_interplay", OrderingAgainstCPythonTest::cancelInterplay),
            Map.entry("queue_edges", OrderingAgainstCPythonTest::queueEdges),
            Map.entry("sync_edges", OrderingAgainstCPythonTest::syncEdges),
            Map.entry("stream_reader_edges", OrderingAgainstCPythonTest::streamReaderEdges));

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
        Future<Void> go = Asyncio.getRunningLoop().createFuture();
        Asyncio.getRunningLoop().callLater(0.01, () -> go.setResult(null));
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
                        go.await();
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

    static void futureEdges(List<String> log) throws Exception {
        EventLoop loop = Asyncio.getRunningLoop();
        Future<Integer> f = loop.createFuture();
        try {
            f.result();
        } catch (InvalidStateError e) {
            log.add("pending result: InvalidStateError " + e.getMessage());
        }
        try {
            f.exception();
        } catch (InvalidStateError e) {
            log.add("pending exception: InvalidStateError " + e.getMessage());
        }
        java.util.function.Consumer<Future<Integer>> cb = fut -> log.add("cb");
        f.addDoneCallback(cb);
        f.addDoneCallback(fut -> log.add("other"));
        f.addDoneCallback(cb);
        log.add("removed " + f.removeDoneCallback(cb) + " then " + f.removeDoneCallback(cb));
        f.addDoneCallback(fut -> log.add("last"));
        log.add("cancel " + py(f.cancel("m")) + " again " + py(f.cancel()));
        try {
            f.result();
        } catch (CancelledError e) {
            log.add("cancelled result: CancelledError " + e.getMessage());
        }
        try {
            f.exception();
        } catch (CancelledError e) {
            log.add("cancelled exception: CancelledError " + e.getMessage());
        }
        try {
            f.setResult(1);
        } catch (InvalidStateError e) {
            log.add("set_result on cancelled: InvalidStateError");
        }
        sleep(0);
        Future<Integer> g = loop.createFuture();
        g.setResult(5);
        g.addDoneCallback(fut -> log.add("late cb " + fut.resultNow()));
        loop.callSoon(() -> log.add("soon after late cb"));
        log.add("added to done future");
        try {
            g.setException(new IllegalArgumentException("v"));
        } catch (InvalidStateError e) {
            log.add("set_exception on finished: InvalidStateError");
        }
        sleep(0);
        Future<Integer> h = loop.createFuture();
        h.setException(new IllegalArgumentException("v"));
        log.add("exception ValueError".replace("ValueError", h.exception() instanceof IllegalArgumentException
                ? "ValueError" : h.exception().toString()) + " cancel " + py(h.cancel()) + " done " + py(h.isDone()));
    }

    private static String gatherSleeper(List<String> log, String name, double d) {
        try {
            sleep(d);
            return name;
        } catch (CancelledError e) {
            log.add(name + " cancelled");
            throw e;
        }
    }

    private static String msg(Throwable e) {
        return e.getMessage() == null ? "None" : e.getMessage();
    }

    static void gatherEdges(List<String> log) throws Exception {
        EventLoop loop = Asyncio.getRunningLoop();
        log.add("empty " + Asyncio.gather(List.<Future<String>>of()).await());
        Task<String> a = createTask(() -> gatherSleeper(log, "a", 0.01));
        Task<String> b = createTask(() -> gatherSleeper(log, "b", 10));
        Future<List<String>> g = Asyncio.gather(a, b);
        sleep(0);
        b.cancel("b msg");
        try {
            g.await();
        } catch (CancelledError e) {
            log.add("gather raised CancelledError msg=" + msg(e) + " a.done=" + py(a.isDone()));
        }
        log.add("a -> " + a.await());
        Task<String> c = createTask(() -> gatherSleeper(log, "c", 0.01));
        Task<String> fail = createTask(() -> {
            sleep(0);
            throw new IllegalArgumentException("boom");
        });
        try {
            Asyncio.gather(fail, c).await();
        } catch (IllegalArgumentException e) {
            log.add("gather raised " + e.getMessage() + " c.done=" + py(c.isDone()));
        }
        log.add("c -> " + c.await());
        Task<String> d = createTask(() -> gatherSleeper(log, "d", 10));
        Task<String> e = createTask(() -> gatherSleeper(log, "e", 10));
        Future<List<Object>> g3 = Asyncio.gather(true, d, e);
        sleep(0);
        log.add("cancel gather " + py(g3.cancel("stop")) + " again " + py(g3.cancel()));
        try {
            log.add("g3 -> " + g3.await());
        } catch (CancelledError ex) {
            log.add("g3 raised CancelledError msg=" + msg(ex));
        }
        Task<String> x = createTask(() -> gatherSleeper(log, "x", 10));
        Task<String> y = createTask(() -> gatherSleeper(log, "y", 0));
        Future<String> pf = loop.createFuture();
        Future<List<Object>> g4 = Asyncio.gather(true, x, y, pf);
        sleep(0);
        x.cancel("mx");
        pf.cancel("mf");
        log.add("g4 -> [" + String.join(", ", g4.await().stream().map(r -> "'" + (r instanceof CancelledError ce
                ? "CancelledError:" + ce.getMessage() : "str:" + r) + "'").toList()) + "]");
        Future<Integer> f = loop.createFuture();
        f.setResult(7);
        log.add("dupes " + Asyncio.gather(f, f).await());
        Future<Integer> done = loop.createFuture();
        done.setResult(1);
        Future<Integer> pend = loop.createFuture();
        Future<List<Integer>> g5 = Asyncio.gather(done, pend);
        log.add("cancel with a done child " + py(g5.cancel()) + " pend.cancelled=" + py(pend.cancelled()));
        try {
            g5.await();
        } catch (CancelledError ex) {
            log.add("g5 raised CancelledError");
        }
    }

    static void waitEdges(List<String> log) throws Exception {
        java.util.function.Function<java.util.Set<? extends Future<?>>, String> names = set -> set.stream()
                .map(t -> "'" + ((Task<?>) t).getName() + "'").sorted().toList().toString();
        List<Task<String>> ts = List.of(
                createTask(() -> sleep(0.01, "a"), "a"),
                createTask(() -> {
                    sleep(0.02);
                    throw new IllegalArgumentException("b");
                }, "b"),
                createTask(() -> sleep(10, "c"), "c"));
        var r = Asyncio.wait(ts, null, Asyncio.ReturnWhen.FIRST_COMPLETED);
        log.add("first_completed done=" + names.apply(r.done()) + " pending=" + names.apply(r.pending()));
        r = Asyncio.wait(ts, null, Asyncio.ReturnWhen.FIRST_EXCEPTION);
        log.add("first_exception done=" + names.apply(r.done()) + " pending=" + names.apply(r.pending()));
        r = Asyncio.wait(ts, java.time.Duration.ofMillis(10), Asyncio.ReturnWhen.ALL_COMPLETED);
        log.add("timeout done=" + names.apply(r.done()) + " pending=" + names.apply(r.pending())
                + " c.cancelled=" + py(ts.get(2).cancelled()));
        try {
            Asyncio.wait(List.<Future<String>>of());
        } catch (IllegalArgumentException e) {
            log.add("empty: ValueError " + e.getMessage());
        }
        r = Asyncio.wait(ts.subList(0, 2), null, Asyncio.ReturnWhen.FIRST_EXCEPTION);
        log.add("already done=" + names.apply(r.done()) + " pending=" + names.apply(r.pending()));
        ts.get(2).cancel();
        r = Asyncio.wait(ts);
        log.add("all done=" + names.apply(r.done()) + " pending=" + names.apply(r.pending()));
    }

    private static void groupSleeper(List<String> log, String name) {
        try {
            sleep(10);
        } catch (CancelledError e) {
            log.add(name + " cancelled");
            throw e;
        }
    }

    private static void groupFail(List<String> log, String name, double d) {
        sleep(d);
        log.add(name + " raises");
        throw new IllegalArgumentException(name);
    }

    private static void badCleanup(List<String> log, String name) {
        try {
            sleep(10);
        } finally {
            log.add(name + " fails in cleanup");
            throw new java.util.NoSuchElementException("'" + name + "'");
        }
    }

    private static String kinds(ExceptionGroup eg) {
        return "[" + String.join(", ", eg.exceptions().stream().map(e -> pyName(e) + ":" + e.getMessage())
                .map(k -> k.contains("'") ? "\"" + k + "\"" : "'" + k + "'").toList()) + "]";
    }

    /** The Python exception class the scenarios raise for each Java one. */
    private static String pyName(Throwable e) {
        return switch (e) {
            case IllegalArgumentException x -> "ValueError";
            case IllegalStateException x -> "RuntimeError";
            case java.util.NoSuchElementException x -> "KeyError";
            default -> e.getClass().getSimpleName();
        };
    }

    static void taskgroupEdges(List<String> log) throws Exception {
        TaskGroup[] first = new TaskGroup[1];
        try {
            new TaskGroup().enter(tg -> {
                first[0] = tg;
                tg.createTask(() -> groupFail(log, "child", 0.01));
                tg.createTask(() -> badCleanup(log, "cleaner"));
                sleep(0);
                throw new IllegalStateException("body");
            });
        } catch (ExceptionGroup eg) {
            log.add("group " + kinds(eg));
        }
        try {
            first[0].createTask(() -> groupSleeper(log, "late"));
        } catch (IllegalStateException e) {
            log.add("create_task after exit: RuntimeError");
        }
        try {
            TaskGroup.run(tg -> {
                tg.createTask(() -> groupFail(log, "f", 0.01));
                tg.createTask(() -> badCleanup(log, "cleaner2"));
            });
        } catch (ExceptionGroup eg) {
            log.add("group " + kinds(eg));
        }
        Task<Void> t = createTask(() -> TaskGroup.run(tg -> {
            tg.createTask(() -> groupSleeper(log, "child"));
            try {
                sleep(10);
            } catch (CancelledError e) {
                log.add("body cancelled");
                throw e;
            }
        }));
        sleep(0.01);
        t.cancel();
        try {
            t.await();
        } catch (CancelledError e) {
            log.add("grouped cancelled=" + py(t.cancelled()));
        }
        TaskGroup.run(tg -> {
            tg.createTask(() -> {
                sleep(0);
                tg.createTask(() -> log.add("spawned runs"));
            });
        });
        log.add("group with a task created by a task: done");
    }

    private static String swallower(List<String> log, String name) {
        try {
            sleep(10);
        } catch (CancelledError e) {
            log.add(name + " swallowed");
        }
        return name + " value";
    }

    static void cancelInterplay(List<String> log) throws Exception {
        EventLoop loop = Asyncio.getRunningLoop();
        Task<String> inner = createTask(() -> swallower(log, "inner"));
        Task<String> outer = createTask(() -> {
            String r = inner.await();
            log.add("outer got '" + r + "' cancelling=" + Asyncio.currentTask().cancelling());
            sleep(0);
            log.add("outer not cancelled");
            return "outer value";
        });
        sleep(0);
        log.add("cancel outer " + py(outer.cancel()) + " inner.cancelling=" + inner.cancelling());
        log.add("outer -> " + outer.await());
        Task<String> t = createTask(() -> swallower(log, "t"));
        sleep(0);
        t.cancel();
        t.cancel();
        log.add("cancelling twice=" + t.cancelling());
        log.add("t -> " + t.await() + " cancelled=" + py(t.cancelled()) + " cancel again " + py(t.cancel()));
        Task<Void> w = createTask(() -> sleep(10));
        Task<Void> wf = createTask(() -> {
            try {
                Asyncio.waitFor(w, 5);
            } catch (CancelledError e) {
                log.add("wait_for cancelled, w.cancelled=" + py(w.cancelled()));
                throw e;
            }
        });
        sleep(0);
        wf.cancel();
        try {
            wf.await();
        } catch (CancelledError e) {
            log.add("wf cancelled");
        }
        Future<Integer> fut = loop.createFuture();
        Task<Integer> sh = createTask(() -> {
            try {
                return Asyncio.shield(fut).await();
            } catch (CancelledError e) {
                log.add("shield awaiter cancelled, fut.cancelled=" + py(fut.cancelled()));
                throw e;
            }
        });
        sleep(0);
        sh.cancel();
        try {
            sh.await();
        } catch (CancelledError ignored) {
            // expected
        }
        fut.setResult(1);
        log.add("shielded fut -> " + fut.await());
        Future<Integer> done = loop.createFuture();
        done.setResult(2);
        log.add("shield of a done future is it: " + py(Asyncio.shield(done) == done));
        Task<String> c = createTask(() -> {
            Asyncio.currentTask().cancel();
            try {
                sleep(0);
            } catch (CancelledError e) {
                log.add("sleep(0) raised");
            }
            sleep(0);
            log.add("next sleep(0) fine");
            Asyncio.currentTask().cancel("late");
            return "returned";
        });
        try {
            c.await();
        } catch (CancelledError e) {
            log.add("returning after a cancel request -> cancelled msg=" + msg(e));
        }
    }

    static void queueEdges(List<String> log) throws Exception {
        io.asyncio4j.queue.Queue<Object> unbounded = new io.asyncio4j.queue.Queue<>(-1);
        for (int i = 0; i < 5; i++) {
            unbounded.putNowait(i);
        }
        log.add("maxsize -1: full=" + py(unbounded.full()) + " qsize=" + unbounded.qsize());
        io.asyncio4j.queue.Queue<Object> q = new io.asyncio4j.queue.Queue<>(2);
        List<Task<Void>> gs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String name = "g" + i;
            gs.add(createTask(() -> {
                log.add(name + " got " + q.get());
            }));
        }
        sleep(0);
        q.putNowait("a");
        q.putNowait("b");
        log.add("after two puts qsize=" + q.qsize());
        Asyncio.gather(gs).await();
        q.putNowait(1);
        q.putNowait(2);
        try {
            q.putNowait(3);
        } catch (io.asyncio4j.queue.QueueFull e) {
            log.add("QueueFull");
        }
        List<Task<Void>> ps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = "p" + i;
            int item = 10 + i;
            ps.add(createTask(() -> {
                q.put(item);
                log.add(name + " put " + item);
            }));
        }
        sleep(0);
        Object first = q.getNowait();
        log.add("got " + first + " then " + q.get());
        sleep(0);
        log.add("qsize=" + q.qsize() + " full=" + py(q.full()));
        List<Object> items = new ArrayList<>();
        for (int n = q.qsize(), i = 0; i < n; i++) {
            items.add(q.get());
        }
        log.add("drained " + items);
        Asyncio.gather(ps).await();
        List<Object> left = new ArrayList<>();
        while (q.qsize() > 0) {
            left.add(q.getNowait());
        }
        log.add("left " + left);
        try {
            q.getNowait();
        } catch (io.asyncio4j.queue.QueueEmpty e) {
            log.add("QueueEmpty");
        }
        for (int i = 0; i < 7; i++) {
            q.taskDone();
        }
        try {
            q.taskDone();
        } catch (IllegalArgumentException e) {
            log.add("task_done too often: ValueError");
        }
        q.putNowait("x");
        Task<Void> j = createTask(() -> {
            q.join();
            log.add("join returned");
        });
        sleep(0);
        q.getNowait();
        sleep(0);
        log.add("got x, join still waits");
        q.taskDone();
        j.await();
        var lq = new io.asyncio4j.queue.LifoQueue<Integer>();
        var pq = new io.asyncio4j.queue.PriorityQueue<Integer>();
        for (int i : new int[] {3, 1, 2}) {
            lq.putNowait(i);
            pq.putNowait(i);
        }
        log.add("lifo " + List.of(lq.getNowait(), lq.getNowait(), lq.getNowait())
                + " priority " + List.of(pq.getNowait(), pq.getNowait(), pq.getNowait()));
    }

    static void syncEdges(List<String> log) throws Exception {
        var lock = new io.asyncio4j.sync.Lock();
        try {
            lock.release();
        } catch (IllegalStateException e) {
            log.add("release unlocked: RuntimeError " + e.getMessage());
        }
        lock.acquire();
        List<Task<Void>> ls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = "l" + i;
            ls.add(createTask(() -> lock.withLock(() -> {
                log.add(name + " holds the lock");
                sleep(0);
            })));
        }
        sleep(0);
        ls.get(1).cancel();
        lock.release();
        log.add("released, locked=" + py(lock.locked()));
        Asyncio.gather(true, ls).await();
        var cond = new io.asyncio4j.sync.Condition();
        List<Task<Void>> ws = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String name = "w" + i;
            ws.add(createTask(() -> cond.withLock(() -> {
                cond.await();
                log.add(name + " notified");
            })));
        }
        sleep(0);
        cond.withLock(() -> {
            cond.notify(2);
            log.add("notify(2) sent");
        });
        sleep(0);
        cond.withLock(cond::notifyAllWaiters);
        Asyncio.gather(ws).await();
        try {
            cond.notifyOne();
        } catch (IllegalStateException e) {
            log.add("notify unlocked: RuntimeError " + e.getMessage());
        }
        List<Integer> items = new ArrayList<>();
        Task<Void> c = createTask(() -> cond.withLock(() -> {
            cond.waitFor(() -> items.size() >= 2);
            log.add("wait_for saw " + items);
        }));
        for (int i = 0; i < 2; i++) {
            sleep(0);
            int item = i;
            cond.withLock(() -> {
                items.add(item);
                cond.notifyOne();
            });
        }
        c.await();
        var barrier = new io.asyncio4j.sync.Barrier(3);
        java.util.function.Function<String, Task<Void>> party = name -> createTask(() -> {
            try {
                log.add(name + " index " + barrier.await());
            } catch (io.asyncio4j.sync.BrokenBarrierError e) {
                log.add(name + " BrokenBarrierError");
            }
        });
        Asyncio.gather(List.of(party.apply("b0"), party.apply("b1"), party.apply("b2"))).await();
        List<Task<Void>> ps = List.of(party.apply("r0"), party.apply("r1"));
        sleep(0);
        log.add("n_waiting=" + barrier.nWaiting());
        barrier.reset();
        Asyncio.gather(ps).await();
        log.add("after reset broken=" + py(barrier.broken()) + " n_waiting=" + barrier.nWaiting());
        ps = List.of(party.apply("a0"), party.apply("a1"));
        sleep(0);
        barrier.abort();
        Asyncio.gather(ps).await();
        party.apply("late").await();
        log.add("broken=" + py(barrier.broken()));
    }

    private static String py(boolean b) {
        return b ? "True" : "False";
    }

    @FunctionalInterface
    interface Read {
        byte[] read() throws Exception;
    }

    /** Python's repr of ASCII bytes: b'...' with \\n escaped. */
    private static String bytesRepr(byte[] b) {
        return "b'" + new String(b, StandardCharsets.US_ASCII).replace("\n", "\\n") + "'";
    }

    private static void streamRead(List<String> log, String name, Read op) {
        try {
            log.add(name + " got " + bytesRepr(op.read()));
        } catch (IncompleteReadError e) {
            log.add(name + " IncompleteReadError partial=" + bytesRepr(e.partial()) + " expected=" + e.expected());
        } catch (LimitOverrunError e) {
            log.add(name + " LimitOverrunError consumed=" + e.consumed());
        } catch (IllegalStateException e) {
            log.add(name + " RuntimeError");
        } catch (IllegalArgumentException e) {
            log.add(name + " ValueError");
        } catch (Exception e) {
            log.add(name + " " + e);
        }
    }

    static void streamReaderEdges(List<String> log) throws Exception {
        EventLoop loop = Asyncio.getRunningLoop();
        StreamReader r = new StreamReader(8, loop);
        Task<Void> t1 = createTask(() -> streamRead(log, "line", r::readLine));
        sleep(0);
        streamRead(log, "second", () -> r.read(1)); // another reader is waiting
        loop.callSoon(() -> r.feedData("ab".getBytes(StandardCharsets.US_ASCII)));
        loop.callSoon(() -> log.add("fed ab"));
        sleep(0);
        log.add("main after ab");
        r.feedData("c\nde".getBytes(StandardCharsets.US_ASCII));
        log.add("fed c");
        t1.await();
        Task<Void> t2 = createTask(() -> streamRead(log, "exact", () -> r.readExactly(5)));
        sleep(0);
        r.feedData("fg".getBytes(StandardCharsets.US_ASCII));
        sleep(0);
        log.add("after fg");
        r.feedData("hij".getBytes(StandardCharsets.US_ASCII));
        r.feedEof();
        log.add("at_eof " + py(r.atEof()));
        t2.await();
        streamRead(log, "rest", r::read);
        streamRead(log, "more", () -> r.readExactly(1));
        log.add("at_eof " + py(r.atEof()));

        StreamReader small = new StreamReader(4, loop);
        small.feedData("toolongline\nok\npartial".getBytes(StandardCharsets.US_ASCII));
        streamRead(log, "long", small::readLine);
        streamRead(log, "ok", small::readLine);
        streamRead(log, "until", () -> small.readUntil("!".getBytes(StandardCharsets.US_ASCII)));
        small.feedData("!!".getBytes(StandardCharsets.US_ASCII));
        streamRead(log, "until2", () -> small.readUntil("!!".getBytes(StandardCharsets.US_ASCII)));
        small.feedEof();
        streamRead(log, "tail", () -> small.readUntil("!".getBytes(StandardCharsets.US_ASCII)));

        StreamReader failing = new StreamReader();
        Task<Void> t3 = createTask(() -> streamRead(log, "failing", () -> failing.read(5)));
        sleep(0);
        failing.setException(new IllegalArgumentException("boom"));
        log.add("exception set");
        t3.await();
        StreamReader lines = new StreamReader();
        lines.feedData("x\ny\n".getBytes(StandardCharsets.US_ASCII));
        loop.callLater(0.01, lines::feedEof);
        for (byte[] line : lines.lines()) {
            log.add("line " + bytesRepr(line));
        }
        log.add("iteration done");
    }
}
