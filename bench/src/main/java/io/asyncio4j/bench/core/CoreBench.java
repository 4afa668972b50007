package io.asyncio4j.bench.core;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coroutine;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.loop.EventLoop;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The core micro benchmarks of asyncio4j, written to match {@code bench/python/core_bench.py}
 * workload for workload and line for line of output, so that one script
 * ({@code bench/run-core-bench.sh}) can compare asyncio4j, Python asyncio and uvloop:
 * <ol>
 *   <li>{@code spawn}: create N tasks that return at once, then await each of them;</li>
 *   <li>{@code switch}: two tasks ping-pong through fresh futures (one round trip = two switches);</li>
 *   <li>{@code sleep}: 100,000 tasks sleeping concurrently: heap per sleeping task (used heap
 *       after full GCs, before vs. while they sleep) and timer lateness (each task sleeps a random
 *       0.5–1.5 s and records actual − intended wake-up);</li>
 *   <li>{@code gather}: create 10,000 tasks that return at once and gather them.</li>
 * </ol>
 * A hand-rolled harness: each workload runs warm-up repetitions (for the JIT), then measured
 * repetitions; the median is reported. Output lines (machine-readable, one per metric):
 * <pre>RESULT impl=asyncio4j bench=spawn metric=us_per_task value=0.412 samples=0.40,0.41,...</pre>
 * Metrics named {@code cpu_...} count the CPU time of the loop thread only (ThreadMXBean; Python:
 * {@code time.thread_time()}), which the other programs on a shared machine do not inflate; note
 * that the JVM's garbage collector and JIT compiler run in other threads.
 * Run with {@code --add-opens java.base/java.lang=ALL-UNNAMED} (DESIGN.md §2).
 */
public final class CoreBench {
    private static final String IMPL = "asyncio4j";
    private static final Coroutine<Object> NOOP = () -> null;

    private int warmup = 10;
    private int reps = 7;
    private int spawnN = 100_000;
    private int switchN = 100_000;
    private int sleepers = 100_000;
    private int gatherN = 10_000;
    private int gatherReps = 20;
    private List<String> only = List.of("spawn", "switch", "gather", "sleep");
    /** The thread that runs the loop (Asyncio.run runs it on the caller): its CPU time is the "cpu_" metrics. */
    private final long loopThreadId = Thread.currentThread().threadId();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        CoreBench b = new CoreBench();
        b.parse(args);
        b.runAll();
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--warmup" -> { warmup = Integer.parseInt(v); i++; }
                case "--reps" -> { reps = Integer.parseInt(v); i++; }
                case "--spawn-n" -> { spawnN = Integer.parseInt(v); i++; }
                case "--switch-n" -> { switchN = Integer.parseInt(v); i++; }
                case "--sleepers" -> { sleepers = Integer.parseInt(v); i++; }
                case "--gather-n" -> { gatherN = Integer.parseInt(v); i++; }
                case "--gather-reps" -> { gatherReps = Integer.parseInt(v); i++; }
                case "--only" -> { only = List.of(v.split(",")); i++; }
                case "-h", "--help" -> {
                    System.out.println("usage: CoreBench [--warmup N] [--reps N] [--spawn-n N] [--switch-n N]"
                            + " [--sleepers N] [--gather-n N] [--gather-reps N] [--only spawn,switch,gather,sleep]");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown argument: " + a);
            }
        }
    }

    private void runAll() throws Exception {
        var rt = ManagementFactory.getRuntimeMXBean();
        String gcs = String.join("+", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(g -> g.getName().replace(' ', '_')).toList());
        System.out.printf(Locale.ROOT, "INFO impl=%s runtime=java-%s vm=%s gc=%s cpus=%d maxheap_mb=%d%n", IMPL,
                Runtime.version(), rt.getVmName().replace(' ', '_'), gcs,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        for (String what : only) {
            switch (what) {
                case "spawn" -> Asyncio.run(this::spawn);
                case "switch" -> Asyncio.run(this::pingPong);
                case "gather" -> Asyncio.run(this::gather);
                case "sleep" -> {
                    sleepHeap();
                    Asyncio.run(this::sleepLateness);
                }
                case "sleep-heap" -> sleepHeap();
                case "sleep-late" -> Asyncio.run(this::sleepLateness);
                default -> throw new IllegalArgumentException("unknown benchmark: " + what);
            }
        }
    }

    // ------------------------------------------------------------------ 1. spawn + complete

    private Object spawn() throws Exception {
        double[] us = new double[reps];
        double[] cpu = new double[reps];
        for (int r = -warmup; r < reps; r++) {
            long c0 = loopCpuNanos();
            long t0 = System.nanoTime();
            spawnOnce(spawnN);
            long dt = System.nanoTime() - t0;
            long dc = loopCpuNanos() - c0;
            if (r >= 0) {
                us[r] = dt / 1e3 / spawnN;
                cpu[r] = dc / 1e3 / spawnN;
            }
        }
        report("spawn", "us_per_task", us);
        report("spawn", "tasks_per_s", invertPerSecond(us));
        report("spawn", "cpu_us_per_task", cpu);
        return null;
    }

    private static void spawnOnce(int n) throws Exception {
        Task<?>[] tasks = new Task<?>[n];
        for (int i = 0; i < n; i++) {
            tasks[i] = Asyncio.createTask(NOOP);
        }
        for (Task<?> t : tasks) {
            t.await();
        }
    }

    // ------------------------------------------------------------------ 2. ping-pong switch

    /** The two tasks' mailboxes: each side completes the other's future, then awaits its own. */
    private static final class Mailboxes {
        Future<Integer> toPing;
        Future<Integer> toPong;
    }

    private Object pingPong() throws Exception {
        double[] us = new double[reps];
        double[] cpu = new double[reps];
        long[] wallAndCpu = new long[2];
        for (int r = -warmup; r < reps; r++) {
            pingPongOnce(switchN, wallAndCpu);
            if (r >= 0) {
                us[r] = wallAndCpu[0] / 1e3 / (2.0 * switchN);
                cpu[r] = wallAndCpu[1] / 1e3 / (2.0 * switchN);
            }
        }
        report("switch", "us_per_switch", us);
        report("switch", "cpu_us_per_switch", cpu);
        double[] rtps = new double[reps];
        for (int i = 0; i < reps; i++) {
            rtps[i] = 1e6 / (2 * us[i]);
        }
        report("switch", "roundtrips_per_s", rtps);
        return null;
    }

    private void pingPongOnce(int n, long[] wallAndCpu) throws Exception {
        EventLoop loop = Asyncio.getRunningLoop();
        Mailboxes m = new Mailboxes();
        m.toPong = loop.createFuture();
        Task<Object> pong = Asyncio.createTask(() -> {
            while (true) {
                int v = m.toPong.await();
                if (v < 0) {
                    return null;
                }
                Future<Integer> reply = m.toPing;
                m.toPong = loop.createFuture();
                reply.setResult(v);
            }
        });
        Asyncio.sleep(0); // let pong start and wait
        long c0 = loopCpuNanos();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Future<Integer> mine = loop.createFuture();
            m.toPing = mine;
            m.toPong.setResult(i);
            mine.await();
        }
        wallAndCpu[0] = System.nanoTime() - t0;
        wallAndCpu[1] = loopCpuNanos() - c0;
        m.toPong.setResult(-1);
        pong.await();
    }

    // ------------------------------------------------------------------ 4. gather

    private Object gather() throws Exception {
        double[] ms = new double[gatherReps];
        double[] cpu = new double[gatherReps];
        for (int r = -warmup * 5; r < gatherReps; r++) {
            long c0 = loopCpuNanos();
            long t0 = System.nanoTime();
            List<Task<Object>> tasks = new ArrayList<>(gatherN);
            for (int i = 0; i < gatherN; i++) {
                tasks.add(Asyncio.createTask(NOOP));
            }
            List<Object> out = Asyncio.gather(tasks).await();
            long dt = System.nanoTime() - t0;
            long dc = loopCpuNanos() - c0;
            if (out.size() != gatherN) {
                throw new AssertionError("gather returned " + out.size());
            }
            if (r >= 0) {
                ms[r] = dt / 1e6;
                cpu[r] = dc / 1e6;
            }
        }
        report("gather", "ms_per_gather", ms);
        report("gather", "cpu_ms_per_gather", cpu);
        return null;
    }

    // ------------------------------------------------------------------ 3. sleeping tasks

    /**
     * Heap per sleeping task: used heap after full GCs before spawning vs. while all sleep. Each
     * round runs in a fresh loop, so that no cancelled timer of an earlier round is in the baseline.
     */
    private void sleepHeap() throws Exception {
        // Warm the paths first (class loading, JIT) so that the baseline holds no one-off garbage.
        Asyncio.run(() -> sleepersOnce(Math.min(sleepers, 10_000), 0.001, 0.002));
        double[] perTask = new double[3];
        for (int r = 0; r < perTask.length; r++) {
            perTask[r] = Asyncio.run(this::sleepHeapOnce);
        }
        report("sleep", "heap_bytes_per_task", perTask);
    }

    private double sleepHeapOnce() throws Exception {
        Task<?>[] tasks = new Task<?>[sleepers];
        long before = usedHeapAfterGc();
        for (int i = 0; i < sleepers; i++) {
            double d = 30 + (i % 1000) / 1000.0;
            tasks[i] = Asyncio.createTask(() -> {
                Asyncio.sleep(d);
                return null;
            });
        }
        Asyncio.sleep(0); // every task runs its first step and parks in sleep()
        Asyncio.sleep(0);
        long during = usedHeapAfterGc();
        for (Task<?> t : tasks) {
            t.cancel();
        }
        Asyncio.gather(true, Arrays.asList(tasks)).await();
        return (double) (during - before) / sleepers;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        var mem = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, mem.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** Timer lateness: each of N tasks sleeps a random 0.5–1.5 s and records actual − intended wake-up. */
    private Object sleepLateness() throws Exception {
        sleepersOnce(Math.min(sleepers, 10_000), 0.01, 0.02); // warm-up
        long[] late = sleepersOnce(sleepers, 0.5, 1.5);
        double[] ms = new double[late.length];
        for (int i = 0; i < late.length; i++) {
            ms[i] = late[i] / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "RESULT impl=%s bench=sleep metric=late_p50_ms value=%.3f%n", IMPL, pct(ms, 50));
        System.out.printf(Locale.ROOT, "RESULT impl=%s bench=sleep metric=late_p99_ms value=%.3f%n", IMPL, pct(ms, 99));
        System.out.printf(Locale.ROOT, "RESULT impl=%s bench=sleep metric=late_max_ms value=%.3f%n", IMPL,
                ms[ms.length - 1]);
        return null;
    }

    private static long[] sleepersOnce(int n, double minS, double maxS) throws Exception {
        SplittableRandom rnd = new SplittableRandom(42);
        long[] late = new long[n];
        List<Task<Object>> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int idx = i;
            long delay = (long) ((minS + rnd.nextDouble() * (maxS - minS)) * 1e9);
            tasks.add(Asyncio.createTask(() -> {
                long intended = System.nanoTime() + delay;
                Asyncio.sleep(delay / 1e9);
                late[idx] = System.nanoTime() - intended;
                return null;
            }));
        }
        Asyncio.gather(tasks).await();
        return late;
    }

    // ------------------------------------------------------------------ reporting

    /** CPU time of the loop thread: what the loop itself spent, whatever else the machine ran meanwhile. */
    private long loopCpuNanos() {
        return threads.getThreadCpuTime(loopThreadId);
    }

    private static double[] invertPerSecond(double[] usPerOp) {
        double[] out = new double[usPerOp.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = 1e6 / usPerOp[i];
        }
        return out;
    }

    private static double pct(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static void report(String bench, String metric, double[] samples) {
        StringBuilder sb = new StringBuilder();
        for (double d : samples) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(String.format(Locale.ROOT, "%.4g", d));
        }
        System.out.printf(Locale.ROOT, "RESULT impl=%s bench=%s metric=%s value=%.4g samples=%s%n",
                IMPL, bench, metric, median(samples), sb);
        System.out.flush();
    }
}
