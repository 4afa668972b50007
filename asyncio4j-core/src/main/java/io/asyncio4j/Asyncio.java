package io.asyncio4j;

import io.asyncio4j.internal.Access;
import io.asyncio4j.loop.EventLoop;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * asyncio's module-level functions, named in Java style: {@code asyncio.run} is
 * {@link #run(Coroutine)}, {@code asyncio.wait_for} is {@link #waitFor}, and so on. Everything
 * except {@link #run} and {@link #runCoroutineThreadsafe} is called from inside a task.
 *
 * <pre>{@code
 * import static io.asyncio4j.Asyncio.*;
 *
 * public static void main(String[] args) throws Exception {
 *     run(() -> {
 *         var a = createTask(() -> { sleep(0.1); return "a"; });
 *         var b = createTask(() -> { sleep(0.2); return "b"; });
 *         System.out.println(gather(a, b).await());   // [a, b] after 0.2 s
 *     });
 * }
 * }</pre>
 */
public final class Asyncio {
    private static final System.Logger LOG = System.getLogger("io.asyncio4j");
    private static final AtomicInteger SIGINT_OWNERS = new AtomicInteger();

    private Asyncio() {}

    // ------------------------------------------------------------------ running

    /**
     * Runs {@code main} in a new event loop and returns its result: asyncio's {@code asyncio.run}.
     * When {@code main} is done, the tasks still pending are cancelled and awaited, the default
     * executor is shut down and the loop is closed. Ctrl+C (SIGINT) cancels the main task, so its
     * {@code finally} blocks run, and then this method throws {@link KeyboardInterrupt}; a second
     * Ctrl+C ends the JVM as usual.
     */
    public static <T> T run(Coroutine<T> main) throws Exception {
        return run(main, null);
    }

    /** {@link #run(Coroutine)} for a body that returns nothing. */
    public static void run(VoidCoroutine main) throws Exception {
        run(Coroutine.of(main), null);
    }

    /** {@link #run(VoidCoroutine)} with debug mode set (null keeps the default). */
    public static void run(VoidCoroutine main, Boolean debug) throws Exception {
        run(Coroutine.of(main), debug);
    }

    /** {@link #run(Coroutine)} with debug mode set (null keeps the default). */
    public static <T> T run(Coroutine<T> main, Boolean debug) throws Exception {
        if (EventLoop.current() != null) {
            throw new IllegalStateException("Asyncio.run() cannot be called from a running event loop");
        }
        EventLoop loop = new EventLoop();
        if (debug != null) {
            loop.setDebug(debug);
        }
        SigintCanceller sigint = null;
        try {
            Task<T> task = loop.createTask(main);
            sigint = SigintCanceller.install(loop, task);
            try {
                return loop.runUntilComplete(task);
            } catch (CancelledError e) {
                if (sigint != null && sigint.interrupted() && task.uncancel() == 0) {
                    throw new KeyboardInterrupt();
                }
                throw e;
            }
        } finally {
            if (sigint != null) {
                sigint.uninstall();
            }
            try {
                cancelAllTasks(loop);
                loop.runUntilComplete(loop.shutdownDefaultExecutor());
            } finally {
                loop.close();
            }
        }
    }

    private static void cancelAllTasks(EventLoop loop) throws Exception {
        Set<Task<?>> pending = loop.allTasks();
        if (pending.isEmpty()) {
            return;
        }
        for (Task<?> t : pending) {
            t.cancel();
        }
        loop.runUntilComplete(Gathering.gatherObjects(loop, List.copyOf(pending), true));
        for (Task<?> t : pending) {
            if (t.cancelled()) {
                continue;
            }
            Throwable e = t.exception();
            if (e != null) {
                Map<String, Object> ctx = new LinkedHashMap<>();
                ctx.put("message", "unhandled exception during Asyncio.run() shutdown");
                ctx.put("exception", e);
                ctx.put("task", t);
                loop.callExceptionHandler(ctx);
            }
        }
    }

    /** asyncio.Runner's SIGINT handling: the first Ctrl+C cancels the main task. */
    private static final class SigintCanceller {
        private final EventLoop loop;
        private final Task<?> task;
        private final sun.misc.SignalHandler previous;
        private volatile int count;

        private SigintCanceller(EventLoop loop, Task<?> task, sun.misc.SignalHandler previous) {
            this.loop = loop;
            this.task = task;
            this.previous = previous;
        }

        static SigintCanceller install(EventLoop loop, Task<?> task) {
            if (Boolean.getBoolean("asyncio4j.noSigint") || SIGINT_OWNERS.getAndIncrement() > 0) {
                SIGINT_OWNERS.decrementAndGet();
                return null;
            }
            SigintCanceller[] self = new SigintCanceller[1];
            try {
                sun.misc.SignalHandler prev = sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> self[0].onSigint());
                self[0] = new SigintCanceller(loop, task, prev);
                return self[0];
            } catch (IllegalArgumentException | IllegalStateException e) {
                SIGINT_OWNERS.decrementAndGet();
                return null;
            }
        }

        private void onSigint() {
            int n = ++count;
            if (n == 1 && !task.isDone()) {
                try {
                    loop.callSoonThreadsafe(() -> task.cancel());
                    return;
                } catch (IllegalStateException closed) {
                    // fall through to the JVM's own handling
                }
            }
            uninstall();
            sun.misc.Signal.raise(new sun.misc.Signal("INT"));
        }

        boolean interrupted() {
            return count > 0;
        }

        synchronized void uninstall() {
            if (SIGINT_OWNERS.get() == 0) {
                return;
            }
            try {
                sun.misc.Signal.handle(new sun.misc.Signal("INT"), previous);
            } catch (IllegalArgumentException ignored) {
                // nothing to restore
            }
            SIGINT_OWNERS.decrementAndGet();
        }
    }

    // ------------------------------------------------------------------ tasks and the loop

    /** The loop of the current task or thread; throws if none is running: asyncio's {@code get_running_loop}. */
    public static EventLoop getRunningLoop() {
        EventLoop loop = Access.loop().running();
        if (loop == null) {
            throw new IllegalStateException("no running event loop");
        }
        return loop;
    }

    /**
     * The task running the caller, or null in a loop callback: asyncio's {@code current_task()},
     * which raises {@link IllegalStateException} (RuntimeError) when no loop is running at all.
     * ({@link Task#current()} returns null there instead.)
     */
    public static Task<?> currentTask() {
        Task<?> t = Task.current();
        if (t == null) {
            getRunningLoop(); // throws without a running loop
        }
        return t;
    }

    /** The pending tasks of the running loop: asyncio's {@code all_tasks()}. */
    public static Set<Task<?>> allTasks() {
        return getRunningLoop().allTasks();
    }

    /** Schedules {@code coroutine} as a task on the running loop: asyncio's {@code create_task}. */
    public static <T> Task<T> createTask(Coroutine<T> coroutine) {
        return getRunningLoop().createTask(coroutine);
    }

    /** {@link #createTask(Coroutine)} for a body that returns nothing. */
    public static Task<Void> createTask(VoidCoroutine coroutine) {
        return getRunningLoop().createTask(coroutine);
    }

    /** A named task. */
    public static <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        return getRunningLoop().createTask(coroutine, name);
    }

    /** A named task for a body that returns nothing. */
    public static Task<Void> createTask(VoidCoroutine coroutine, String name) {
        return getRunningLoop().createTask(Coroutine.of(coroutine), name);
    }

    /** A task started eagerly or not (asyncio 3.12's {@code eager_start}). */
    public static <T> Task<T> createTask(Coroutine<T> coroutine, String name, boolean eagerStart) {
        return getRunningLoop().createTask(coroutine, name, eagerStart);
    }

    /** A future as is, or a coroutine wrapped in a task: asyncio's {@code ensure_future}. */
    public static <T> Future<T> ensureFuture(Object futureOrCoroutine) {
        return Gathering.ensureFuture(getRunningLoop(), futureOrCoroutine);
    }

    // ------------------------------------------------------------------ sleeping

    /** Suspends the current task for {@code delay}; {@code sleep(Duration.ZERO)} yields once to the loop. */
    public static void sleep(Duration delay) {
        if (delay.isNegative() || delay.isZero()) {
            Task.yieldNow();
            return;
        }
        sleepNanos(delay.toNanos());
    }

    /**
     * Suspends the current task for {@code seconds}; {@code sleep(0)} yields once to the loop.
     *
     * @throws IllegalArgumentException if {@code seconds} is NaN (Python 3.13's ValueError)
     */
    public static void sleep(double seconds) {
        if (Double.isNaN(seconds)) {
            throw new IllegalArgumentException("Invalid delay: NaN (not a number)");
        }
        if (!(seconds > 0)) {
            Task.yieldNow();
            return;
        }
        sleepNanos(seconds >= 9e9 ? Long.MAX_VALUE / 4 : (long) (seconds * 1e9));
    }

    /** {@link #sleep(double)} that returns {@code result} afterwards. */
    public static <T> T sleep(double seconds, T result) {
        sleep(seconds);
        return result;
    }

    private static void sleepNanos(long nanos) {
        EventLoop loop = getRunningLoop();
        Future<Void> f = new Future<>(loop);
        var timer = loop.callAtNanos(loop.timeNanos() + nanos, () -> {
            if (!f.isDone()) {
                f.completeResult(null);
            }
        });
        try {
            f.await();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        } finally {
            timer.cancel();
        }
    }

    // ------------------------------------------------------------------ threads

    /**
     * Runs blocking {@code fn} on a platform thread of the default executor, in a copy of the
     * current context, and returns a future for its result: asyncio's {@code to_thread}.
     */
    public static <T> Future<T> toThread(Callable<T> fn) {
        EventLoop loop = getRunningLoop();
        Context ctx = Context.copyContext();
        return loop.runInExecutor(null, () -> ctx.run(fn));
    }

    /**
     * Submits {@code coroutine} to {@code loop} from any other thread and returns a
     * {@link CompletableFuture} of its result: asyncio's {@code run_coroutine_threadsafe}.
     * Cancelling the returned future cancels the task.
     */
    public static <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coroutine, EventLoop loop) {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> {
            if (result.isDone()) {
                return;
            }
            Task<T> task;
            try {
                task = loop.createTask(coroutine);
            } catch (Throwable t) {
                result.completeExceptionally(t);
                throw t;
            }
            task.toCompletableFuture().whenComplete((v, e) -> {
                if (e != null) {
                    result.completeExceptionally(e instanceof CompletionException ce && ce.getCause() != null
                            ? ce.getCause() : e);
                } else {
                    result.complete(v);
                }
            });
            result.whenComplete((v, e) -> {
                if (result.isCancelled()) {
                    loop.callSoonThreadsafe(() -> task.cancel());
                }
            });
        });
        return result;
    }

    /**
     * A future of the running loop that mirrors {@code stage} (a CompletableFuture or any
     * CompletionStage completed on any thread): asyncio's {@code wrap_future}. Cancelling the
     * returned future cancels {@code stage} if it is a {@link java.util.concurrent.Future}.
     */
    public static <T> Future<T> wrapFuture(CompletionStage<T> stage) {
        return wrapFuture(stage, getRunningLoop());
    }

    /** {@link #wrapFuture(CompletionStage)} onto {@code loop}. */
    public static <T> Future<T> wrapFuture(CompletionStage<T> stage, EventLoop loop) {
        Future<T> f = new Future<>(loop);
        stage.whenComplete((v, e) -> {
            Runnable complete = () -> {
                if (f.isDone()) {
                    return;
                }
                if (e == null) {
                    f.setResult(v);
                } else {
                    Throwable cause = e;
                    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                            && cause.getCause() != null) {
                        cause = cause.getCause();
                    }
                    if (cause instanceof java.util.concurrent.CancellationException) {
                        f.cancel();
                    } else {
                        f.setException(cause);
                    }
                }
            };
            if (loop.inLoop()) {
                complete.run();
            } else if (!loop.isClosed()) {
                loop.callSoonThreadsafe(complete);
            }
        });
        if (stage instanceof java.util.concurrent.Future<?> jf) {
            f.addDoneCallback(x -> {
                if (x.cancelled()) {
                    jf.cancel(true);
                }
            });
        }
        return f;
    }

    // ------------------------------------------------------------------ composition

    /**
     * Runs the awaitables concurrently and completes with their results in order: asyncio's
     * {@code gather}. The first exception propagates (the others keep running); cancelling the
     * gather cancels every child; a cancelled child fails the gather with {@link CancelledError}.
     */
    @SafeVarargs
    public static <T> Future<List<T>> gather(Future<? extends T>... futures) {
        return Gathering.gather(getRunningLoop(), List.of(futures), false);
    }

    /** {@link #gather(Future[])} of a list. */
    public static <T> Future<List<T>> gather(List<? extends Future<? extends T>> futures) {
        return Gathering.gather(getRunningLoop(), futures, false);
    }

    /**
     * {@code gather(..., return_exceptions=True)}: exceptions (including CancelledError of a
     * cancelled child) are returned in the list in place of results.
     */
    public static Future<List<Object>> gather(boolean returnExceptions, List<? extends Future<?>> futures) {
        return Gathering.gatherObjects(getRunningLoop(), futures, returnExceptions);
    }

    /** {@link #gather(boolean, List)} with varargs. */
    public static Future<List<Object>> gather(boolean returnExceptions, Future<?>... futures) {
        return Gathering.gatherObjects(getRunningLoop(), List.of(futures), returnExceptions);
    }

    /** Which futures {@link #wait} returns for. */
    public enum ReturnWhen { FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED }

    /** The two sets {@link #wait} returns. */
    public record Done<T>(Set<Future<? extends T>> done, Set<Future<? extends T>> pending) {
    }

    /**
     * Waits until {@code returnWhen} holds or {@code timeout} (null: none) passes, and returns the
     * done and pending sets; never raises on a timeout and cancels nothing: asyncio's {@code wait}.
     */
    public static <T> Done<T> wait(java.util.Collection<? extends Future<? extends T>> futures, Duration timeout,
                                   ReturnWhen returnWhen) {
        return Gathering.wait(getRunningLoop(), futures, timeout, returnWhen);
    }

    /** {@link #wait(java.util.Collection, Duration, ReturnWhen)} for ALL_COMPLETED without a timeout. */
    public static <T> Done<T> wait(java.util.Collection<? extends Future<? extends T>> futures) {
        return wait(futures, null, ReturnWhen.ALL_COMPLETED);
    }

    /**
     * Awaits {@code future} for at most {@code timeout}: on timeout the future is cancelled,
     * awaited until it really finished, and {@link TimeoutError} is raised; if the future
     * swallows the cancellation and returns a value, that value is returned (Python 3.12+):
     * asyncio's {@code wait_for}. A null timeout waits forever.
     */
    public static <T> T waitFor(Future<T> future, Duration timeout) throws Exception {
        if (timeout != null && !timeout.isPositive()) {
            if (future.isDone()) {
                return future.result();
            }
            Gathering.cancelAndWait(future);
            try {
                return future.result();
            } catch (CancelledError e) {
                throw new TimeoutError("timed out", e);
            }
        }
        return Timeout.after(timeout).call(future::await);
    }

    /** {@link #waitFor(Future, Duration)} with seconds. */
    public static <T> T waitFor(Future<T> future, double timeoutSeconds) throws Exception {
        return waitFor(future, Timeout.seconds(timeoutSeconds));
    }

    /** {@link #waitFor(Future, Duration)} of a coroutine, run as a task. */
    public static <T> T waitFor(Coroutine<T> coroutine, Duration timeout) throws Exception {
        return waitFor(createTask(coroutine), timeout);
    }

    /**
     * A timeout scope for the current task: asyncio's {@code asyncio.timeout(delay)}. Run the
     * scope's body with {@link Timeout#call} or {@link Timeout#run}; a null delay never expires.
     *
     * <pre>{@code
     * Timeout cm = Asyncio.timeout(Duration.ofSeconds(10));
     * cm.run(() -> longOperation());
     * }</pre>
     */
    public static Timeout timeout(Duration delay) {
        return Timeout.after(delay);
    }

    /** {@link #timeout(Duration)} in seconds. */
    public static Timeout timeout(double seconds) {
        return Timeout.after(Timeout.seconds(seconds));
    }

    /** Runs {@code body} in a timeout scope of {@code delay}: {@code async with asyncio.timeout(delay): ...}. */
    public static <T> T timeout(Duration delay, Coroutine<T> body) throws Exception {
        return Timeout.after(delay).call(body);
    }

    /** {@link #timeout(Duration, Coroutine)} for a body that returns nothing. */
    public static void timeout(Duration delay, VoidCoroutine body) throws Exception {
        Timeout.after(delay).run(body);
    }

    /** A timeout scope with an absolute deadline in {@link EventLoop#time()} seconds: {@code asyncio.timeout_at}. */
    public static Timeout timeoutAt(Double when) {
        return Timeout.at(when);
    }

    /**
     * Protects {@code future} from cancellation: cancelling the returned future (or the task
     * awaiting it) does not cancel {@code future}: asyncio's {@code shield}.
     */
    public static <T> Future<T> shield(Future<T> future) {
        return Gathering.shield(future);
    }

    /**
     * The futures in the order they complete: asyncio's {@code as_completed}. Each element of the
     * returned list is a future that completes with the next result (or exception) to arrive; a
     * {@code timeout} (null: none) makes the remaining ones raise {@link TimeoutError}.
     */
    public static <T> List<Future<T>> asCompleted(java.util.Collection<? extends Future<? extends T>> futures,
                                                  Duration timeout) {
        return Gathering.asCompleted(getRunningLoop(), futures, timeout);
    }

    /** {@link #asCompleted(java.util.Collection, Duration)} without a timeout. */
    public static <T> List<Future<T>> asCompleted(java.util.Collection<? extends Future<? extends T>> futures) {
        return asCompleted(futures, null);
    }

    static void logDebug(String msg) {
        LOG.log(System.Logger.Level.DEBUG, msg);
    }
}
