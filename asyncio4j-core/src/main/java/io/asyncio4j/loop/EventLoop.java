package io.asyncio4j.loop;

import io.asyncio4j.Coroutine;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.VoidCoroutine;
import io.asyncio4j.internal.Access;
import io.asyncio4j.internal.LoopScheduler;
import io.asyncio4j.internal.TaskScheduler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The event loop: asyncio's {@code BaseEventLoop} + {@code SelectorEventLoop}. One platform thread
 * runs it; every callback, timer, I/O callback and task step of the loop runs on that thread, one
 * at a time, in asyncio's order:
 * <ul>
 *   <li>{@link #callSoon} callbacks run first in, first out, on the next iteration;</li>
 *   <li>timers run in deadline order, ties in the order they were scheduled;</li>
 *   <li>a new task's first step runs on a later iteration than the one that created it
 *       (unless it is started eagerly);</li>
 *   <li>a future's done-callbacks are scheduled with {@code callSoon} in registration order.</li>
 * </ul>
 * Tasks are virtual threads whose scheduler is this loop (DESIGN.md §2), so code in a task awaits
 * by plain calls. Only the {@code *Threadsafe} methods may be called from other threads.
 *
 * <pre>{@code
 * try (EventLoop loop = new EventLoop()) {
 *     Task<Integer> t = loop.createTask(() -> { Asyncio.sleep(0.01); return 42; });
 *     int answer = loop.runUntilComplete(t);
 * }
 * }</pre>
 */
public final class EventLoop implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("io.asyncio4j");
    private static final ThreadLocal<EventLoop> RUNNING = new ThreadLocal<>();
    private static final AtomicInteger LOOP_IDS = new AtomicInteger();
    private static final VarHandle STEP_SEQ;
    private static final VarHandle STEP_DEPTH;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STEP_SEQ = l.findVarHandle(EventLoop.class, "stepSeq", long.class);
            STEP_DEPTH = l.findVarHandle(EventLoop.class, "stepDepth", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        Access.setLoopOps(new LoopOpsImpl());
    }

    private final int id = LOOP_IDS.incrementAndGet();
    private final ArrayDeque<Object> ready = new ArrayDeque<>(256);
    private final ArrayDeque<Runnable> runNext = new ArrayDeque<>();
    private ArrayDeque<Runnable> atIterationEnd = new ArrayDeque<>();
    private ArrayDeque<Runnable> atIterationEndSpare = new ArrayDeque<>();
    private final Map<Object, Object> loopLocals = new java.util.concurrent.ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Object> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final PriorityQueue<TimerHandle> timers = new PriorityQueue<>();
    private final Selector selector;
    private final LiveTasks liveTasks = new LiveTasks();
    private final Map<String, SignalRegistration> signals = new HashMap<>();

    private long timerSequence;
    private int cancelledTimers;
    private volatile Thread loopThread;
    private volatile boolean running;
    private volatile boolean closed;
    private boolean stopping;
    private boolean directResume;
    private volatile boolean debug = defaultDebug();
    private volatile Duration slowStepThreshold;
    private volatile Consumer<SlowStepReport> slowStepHandler;
    private ExceptionHandler exceptionHandler;
    private ExecutorService defaultExecutor;
    private boolean executorShutdownCalled;
    private boolean eagerTasks;

    // Step stamps for the watchdog: written with plain/opaque stores by the loop thread only.
    @SuppressWarnings("unused")
    private long stepSeq;
    @SuppressWarnings("unused")
    private int stepDepth;
    private Object stepOwner;
    // Owned by the watchdog thread.
    long watchSeq;
    long watchSince;
    boolean watchReported;

    /**
     * A new loop owned by the calling thread. Fails with a message naming the JVM flag
     * {@code --add-opens java.base/java.lang=ALL-UNNAMED} if the JVM was started without it.
     */
    public EventLoop() {
        LoopScheduler.checkAvailable();
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for the event loop", e);
        }
        this.loopThread = Thread.currentThread();
    }

    /** asyncio's {@code new_event_loop()}. */
    public static EventLoop newEventLoop() {
        return new EventLoop();
    }

    /** The loop running in the current thread or task, or null: asyncio's {@code _get_running_loop()}. */
    public static EventLoop current() {
        return currentLoop();
    }

    /** The loop of the current task (read from its thread's scheduler), else the loop this thread runs. */
    private static EventLoop currentLoop() {
        TaskScheduler ts = TaskScheduler.current();
        return ts != null ? ts.taskLoop() : RUNNING.get();
    }

    private static boolean defaultDebug() {
        String p = System.getProperty("asyncio4j.debug");
        if (p != null) {
            return !p.isEmpty() && !p.equals("0") && !p.equalsIgnoreCase("false");
        }
        String e = System.getenv("ASYNCIO4J_DEBUG");
        if (e == null) {
            e = System.getenv("PYTHONASYNCIODEBUG");
        }
        return e != null && !e.isEmpty() && !e.equals("0");
    }

    // ------------------------------------------------------------------ running

    /** Runs the loop until {@link #stop()} is called. */
    public void runForever() {
        checkClosed();
        if (running) {
            throw new IllegalStateException("This event loop is already running");
        }
        EventLoop other = currentLoop();
        if (other != null) {
            throw new IllegalStateException("Cannot run the event loop while another loop is running");
        }
        Thread self = Thread.currentThread();
        if (self.isVirtual()) {
            throw new IllegalStateException("an event loop must run on a platform thread, not in a virtual thread");
        }
        loopThread = self;
        running = true;
        RUNNING.set(this);
        Watchdog.watch(this);
        if (debug) {
            PinnedThreadMonitor.start();
        }
        try {
            while (true) {
                runOnce();
                if (stopping) {
                    break;
                }
            }
        } finally {
            stopping = false;
            running = false;
            RUNNING.remove();
            Watchdog.unwatch(this);
        }
    }

    /**
     * Runs the loop until {@code future} is done and returns its result (or throws its exception).
     * asyncio's {@code run_until_complete}.
     */
    public <T> T runUntilComplete(Future<T> future) throws Exception {
        checkClosed();
        if (future.getLoop() != this) {
            throw new IllegalArgumentException("The future belongs to a different loop than the one specified");
        }
        Consumer<Future<T>> stopper = f -> stop();
        future.addDoneCallback(stopper);
        try {
            runForever();
        } finally {
            future.removeDoneCallback(stopper);
        }
        if (!future.isDone()) {
            throw new IllegalStateException("Event loop stopped before Future completed.");
        }
        return future.result();
    }

    /** Wraps {@code coroutine} in a task and runs the loop until it is done. */
    public <T> T runUntilComplete(Coroutine<T> coroutine) throws Exception {
        return runUntilComplete(createTask(coroutine));
    }

    /** Stops the loop after the callbacks of the current iteration have run. */
    public void stop() {
        stopping = true;
    }

    public boolean isRunning() {
        return running;
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the loop. Unlike asyncio, tasks still pending are cancelled and the loop runs until
     * they finish (a parked virtual thread of a closed loop would otherwise live forever); a task
     * still pending one second later is reported and abandoned. Then pending callbacks are
     * discarded, the selector is closed and the default executor is shut down without waiting.
     */
    @Override
    public void close() {
        if (running) {
            throw new IllegalStateException("Cannot close a running event loop");
        }
        if (closed) {
            return;
        }
        drainTasks(Duration.ofSeconds(1));
        closed = true;
        for (String sig : new ArrayList<>(signals.keySet())) {
            removeSignalHandler(sig);
        }
        ready.clear();
        runNext.clear();
        timers.clear();
        inbox.clear();
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the selector failed", e);
        }
        ExecutorService ex = defaultExecutor;
        defaultExecutor = null;
        if (ex != null) {
            ex.shutdown();
        }
    }

    private void drainTasks(Duration limit) {
        if (liveTasks.isEmpty()) {
            return;
        }
        for (Task<?> t : liveTasks.toList()) {
            t.cancel("event loop closed");
        }
        long deadline = System.nanoTime() + limit.toNanos();
        Thread self = Thread.currentThread();
        loopThread = self;
        RUNNING.set(this);
        running = true;
        try {
            while (!liveTasks.isEmpty() && System.nanoTime() - deadline < 0) {
                runOnce(deadline);
            }
        } finally {
            running = false;
            RUNNING.remove();
        }
        if (!liveTasks.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "asyncio4j: closing " + this + " abandons " + liveTasks.size()
                    + " task(s) that did not finish after cancellation: " + liveTasks);
        }
    }

    private void checkClosed() {
        if (closed) {
            throw new IllegalStateException("Event loop is closed");
        }
    }

    // ------------------------------------------------------------------ one iteration

    private void runOnce() {
        runOnce(Long.MAX_VALUE);
    }

    /** asyncio's {@code _run_once}: poll I/O, move due timers to the ready queue, run one batch. */
    private void runOnce(long capDeadline) {
        if (Thread.interrupted()) {
            // An interrupted thread cannot block in select (it would spin): stop, and say why.
            throw new IllegalStateException("the event loop's thread was interrupted; the loop stopped");
        }
        purgeCancelledTimers();
        long timeoutNanos;
        if (!ready.isEmpty() || stopping || !inbox.isEmpty()) {
            timeoutNanos = 0;
        } else if (!timers.isEmpty()) {
            timeoutNanos = Math.max(0, timers.peek().deadlineNanos - System.nanoTime());
        } else {
            timeoutNanos = -1;
        }
        if (capDeadline != Long.MAX_VALUE) {
            long cap = Math.max(0, capDeadline - System.nanoTime());
            timeoutNanos = timeoutNanos < 0 ? cap : Math.min(timeoutNanos, cap);
        }
        poll(timeoutNanos);
        drainInbox();
        if (!timers.isEmpty()) {
            long end = System.nanoTime();
            while (!timers.isEmpty()) {
                TimerHandle t = timers.peek();
                if (t.deadlineNanos - end > 0) {
                    break;
                }
                timers.poll();
                t.scheduled = false;
                if (t.cancelled) {
                    cancelledTimers--;
                } else {
                    ready.add(t);
                }
            }
        }
        // Run only what is ready now; what these callbacks schedule runs on the next iteration.
        for (int n = ready.size(); n > 0; n--) {
            Object item = ready.poll();
            if (item instanceof Handle h) {
                if (!h.cancelled) {
                    runHandle(h);
                }
            } else {
                ((Runnable) item).run();
            }
            Runnable next;
            while ((next = runNext.poll()) != null) {
                next.run();
            }
        }
        runIterationEnd();
    }

    /** Runs what {@link #runAtIterationEnd} collected during this iteration (transport flushes). */
    private void runIterationEnd() {
        while (!atIterationEnd.isEmpty()) {
            ArrayDeque<Runnable> batch = atIterationEnd;
            atIterationEnd = atIterationEndSpare;
            atIterationEndSpare = batch;
            Runnable r;
            while ((r = batch.poll()) != null) {
                try {
                    r.run();
                } catch (Throwable t) {
                    reportCallbackError("Exception in end-of-iteration callback " + r, t, null);
                }
            }
        }
    }

    /**
     * Runs {@code callback} once, after the callbacks of the current iteration and before the loop
     * polls for I/O again: Netty's flush batching, used by transports so that all the writes of
     * one iteration leave in one gathering system call. Loop thread only; not an asyncio API.
     *
     * <pre>{@code
     * if (!flushScheduled) { flushScheduled = true; loop.runAtIterationEnd(this::flush); }
     * }</pre>
     */
    public void runAtIterationEnd(Runnable callback) {
        atIterationEnd.add(callback);
    }

    /**
     * State that the components of one loop share, created on first use: e.g. the pool of write
     * buffers of its transports. A thread-local would not do, since a task's code runs on the task's
     * own virtual thread, not on the loop thread. The value is meant for code running on this loop;
     * look it up once (at construction) rather than per call. Not an asyncio API.
     */
    @SuppressWarnings("unchecked")
    public <T> T loopLocal(Object key, java.util.function.Supplier<? extends T> initial) {
        return (T) loopLocals.computeIfAbsent(key, k -> initial.get());
    }

    private void purgeCancelledTimers() {
        if (cancelledTimers > 64 && cancelledTimers * 2 > timers.size()) {
            List<TimerHandle> keep = new ArrayList<>(timers.size() - cancelledTimers);
            for (TimerHandle t : timers) {
                if (t.cancelled) {
                    t.scheduled = false;
                } else {
                    keep.add(t);
                }
            }
            timers.clear();
            timers.addAll(keep);
            cancelledTimers = 0;
        }
        while (!timers.isEmpty() && timers.peek().cancelled) {
            timers.poll().scheduled = false;
            cancelledTimers--;
        }
    }

    private void poll(long timeoutNanos) {
        try {
            if (timeoutNanos == 0) {
                if (!selector.keys().isEmpty()) {
                    selector.selectNow(this::onSelected);
                }
                return;
            }
            wakeupPending.set(false);
            if (!inbox.isEmpty()) {
                if (!selector.keys().isEmpty()) {
                    selector.selectNow(this::onSelected);
                }
                return;
            }
            if (timeoutNanos < 0) {
                selector.select(this::onSelected);
            } else {
                long ms = TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999);
                selector.select(this::onSelected, Math.max(1, ms));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("selector failed", e);
        } finally {
            wakeupPending.set(true);
        }
    }

    private void onSelected(SelectionKey key) {
        if (!(key.attachment() instanceof IoRegistration reg)) {
            return;
        }
        if (reg.handler != null) {
            ready.add(reg.handler);
            return;
        }
        int ops;
        try {
            ops = key.readyOps();
        } catch (CancelledKeyException e) {
            return;
        }
        if ((ops & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0 && reg.reader != null) {
            ready.add(reg.reader);
        }
        if ((ops & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0 && reg.writer != null) {
            ready.add(reg.writer);
        }
    }

    private void drainInbox() {
        Object item;
        while ((item = inbox.poll()) != null) {
            ready.add(item);
        }
    }

    private void runHandle(Handle h) {
        beginStep(h);
        Access.ContextOps contexts = Access.context();
        Object previous = contexts.enter(h.context);
        try {
            h.callback.run();
        } catch (Throwable t) {
            reportCallbackError("Exception in callback " + h.callback, t, h);
        } finally {
            contexts.exit(previous);
            endStep();
        }
    }

    /** A callback threw: report it (the loop goes on), except errors the JVM cannot survive. */
    private void reportCallbackError(String message, Throwable t, Handle h) {
        if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
            throw (VirtualMachineError) t;
        }
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("message", message);
        ctx.put("exception", t);
        if (h != null) {
            ctx.put("handle", h);
        }
        callExceptionHandler(ctx);
    }

    // ------------------------------------------------------------------ step stamps (watchdog)

    private void beginStep(Object owner) {
        Object prev = stepOwner;
        stepOwner = owner;
        STEP_SEQ.setOpaque(this, (long) STEP_SEQ.getOpaque(this) + 1);
        STEP_DEPTH.setOpaque(this, (int) STEP_DEPTH.getOpaque(this) + 1);
        if (prev != null) {
            ownerStack.push(prev);
        }
    }

    private final ArrayDeque<Object> ownerStack = new ArrayDeque<>();

    private void endStep() {
        int depth = (int) STEP_DEPTH.getOpaque(this) - 1;
        STEP_DEPTH.setOpaque(this, depth);
        STEP_SEQ.setOpaque(this, (long) STEP_SEQ.getOpaque(this) + 1);
        stepOwner = depth > 0 && !ownerStack.isEmpty() ? ownerStack.pop() : null;
    }

    long stepSequence() {
        return (long) STEP_SEQ.getOpaque(this);
    }

    int stepDepth() {
        return (int) STEP_DEPTH.getOpaque(this);
    }

    Object stepOwner() {
        return stepOwner;
    }

    Thread loopThread() {
        return loopThread;
    }

    long slowStepThresholdNanos() {
        Duration d = slowStepThreshold;
        if (d != null) {
            return d.toNanos();
        }
        return debug ? 100_000_000L : 1_000_000_000L;
    }

    void reportSlowStep(SlowStepReport report) {
        Consumer<SlowStepReport> h = slowStepHandler;
        if (h != null) {
            h.accept(report);
        } else {
            LOG.log(System.Logger.Level.WARNING, report.describe());
        }
    }

    /**
     * The duration after which the watchdog reports a step still running (asyncio's
     * {@code slow_callback_duration}); default 100 ms in debug mode, 1 s otherwise.
     */
    public void setSlowStepThreshold(Duration threshold) {
        this.slowStepThreshold = threshold;
    }

    public Duration getSlowStepThreshold() {
        return Duration.ofNanos(slowStepThresholdNanos());
    }

    /** Where watchdog reports go (called on the watchdog thread); by default they are logged as warnings. */
    public void setSlowStepHandler(Consumer<SlowStepReport> handler) {
        this.slowStepHandler = handler;
    }

    // ------------------------------------------------------------------ scheduling

    /** Schedules {@code callback} to run on the next iteration: asyncio's {@code call_soon}. */
    public Handle callSoon(Runnable callback) {
        checkThread();
        checkClosed();
        Handle h = new Handle(callback, Access.context().capture());
        ready.add(h);
        return h;
    }

    /** The thread-safe {@link #callSoon}: the only way into the loop from other threads. */
    public Handle callSoonThreadsafe(Runnable callback) {
        checkClosed();
        Handle h = new Handle(callback, Access.context().capture());
        if (inLoop()) {
            ready.add(h);
        } else {
            inbox.add(h);
            wakeup();
        }
        return h;
    }

    /** Runs {@code callback} after {@code delay}: asyncio's {@code call_later}. */
    public TimerHandle callLater(Duration delay, Runnable callback) {
        return callAtNanos(System.nanoTime() + Math.max(0, delay.toNanos()), callback);
    }

    /** Runs {@code callback} after {@code delaySeconds}. */
    public TimerHandle callLater(double delaySeconds, Runnable callback) {
        return callAtNanos(System.nanoTime() + secondsToNanos(delaySeconds), callback);
    }

    /** Runs {@code callback} at loop time {@code when} (seconds, as {@link #time()}). */
    public TimerHandle callAt(double when, Runnable callback) {
        return callAtNanos((long) (when * 1e9), callback);
    }

    /** Runs {@code callback} at {@link #timeNanos()} {@code deadlineNanos}. */
    public TimerHandle callAtNanos(long deadlineNanos, Runnable callback) {
        checkThread();
        checkClosed();
        TimerHandle t = new TimerHandle(this, deadlineNanos, timerSequence++, callback, Access.context().capture());
        timers.add(t);
        return t;
    }

    void timerCancelled() {
        cancelledTimers++;
    }

    private static long secondsToNanos(double seconds) {
        if (!(seconds > 0)) {
            return 0;
        }
        return seconds >= 9e9 ? Long.MAX_VALUE / 4 : (long) (seconds * 1e9);
    }

    /** The loop's monotonic clock in seconds: asyncio's {@code loop.time()}. */
    public double time() {
        return System.nanoTime() / 1e9;
    }

    /** The loop's monotonic clock in nanoseconds ({@link System#nanoTime()}). */
    public long timeNanos() {
        return System.nanoTime();
    }

    private void wakeup() {
        if (!wakeupPending.getAndSet(true)) {
            selector.wakeup();
        }
    }

    /** Whether the caller runs on this loop: its thread, or one of its tasks. */
    public boolean inLoop() {
        Thread t = Thread.currentThread();
        return t == loopThread || (t.isVirtual() && currentLoop() == this);
    }

    private void checkThread() {
        if (debug && running && !inLoop()) {
            throw new IllegalStateException(
                    "Non-thread-safe operation invoked on an event loop other than the current one");
        }
    }

    // ------------------------------------------------------------------ futures and tasks

    /** A new pending future attached to this loop: asyncio's {@code loop.create_future()}. */
    public <T> Future<T> createFuture() {
        return new Future<>(this);
    }

    /** Wraps {@code coroutine} in a task scheduled on this loop: asyncio's {@code loop.create_task}. */
    public <T> Task<T> createTask(Coroutine<T> coroutine) {
        return createTask(coroutine, null, eagerTasks);
    }

    /** {@link #createTask(Coroutine)} for a body that returns nothing. */
    public Task<Void> createTask(VoidCoroutine coroutine) {
        return createTask(Coroutine.of(coroutine), null, eagerTasks);
    }

    /** A named task. */
    public <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        return createTask(coroutine, name, eagerTasks);
    }

    /**
     * A task, optionally started eagerly (asyncio 3.12's {@code eager_start}): its body runs at
     * once, inside this call, up to its first suspension; if it finishes without suspending it is
     * never scheduled. Without a running loop, an eager task is scheduled normally.
     */
    public <T> Task<T> createTask(Coroutine<T> coroutine, String name, boolean eagerStart) {
        checkThread();
        checkClosed();
        return Access.task().newTask(this, coroutine, name, eagerStart && running);
    }

    /** Makes {@link #createTask} start tasks eagerly by default (asyncio's {@code eager_task_factory}). */
    public void setEagerTasks(boolean eager) {
        this.eagerTasks = eager;
    }

    public boolean isEagerTasks() {
        return eagerTasks;
    }

    /** The tasks of this loop that are not done yet: asyncio's {@code all_tasks(loop)}. */
    public Set<Task<?>> allTasks() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(liveTasks.toList()));
    }

    // ------------------------------------------------------------------ executors

    /**
     * Runs {@code fn} on {@code executor} (the default one, of platform threads, if null) and
     * returns a future of this loop for its result: asyncio's {@code run_in_executor}.
     */
    public <T> Future<T> runInExecutor(Executor executor, Callable<T> fn) {
        checkClosed();
        Executor ex = executor != null ? executor : defaultExecutor();
        Future<T> f = createFuture();
        ex.execute(() -> {
            if (f.isDone()) {
                return; // cancelled before it started
            }
            T value;
            try {
                value = fn.call();
            } catch (Throwable t) {
                safeThreadsafe(() -> {
                    if (!f.isDone()) {
                        f.setException(t);
                    }
                });
                return;
            }
            safeThreadsafe(() -> {
                if (!f.isDone()) {
                    f.setResult(value);
                }
            });
        });
        return f;
    }

    private void safeThreadsafe(Runnable r) {
        try {
            callSoonThreadsafe(r);
        } catch (IllegalStateException closedLoop) {
            // the loop closed while the executor ran: nobody is left to receive the result
        }
    }

    /** Sets the executor {@link #runInExecutor} uses when given null. Its threads must be platform threads. */
    public void setDefaultExecutor(ExecutorService executor) {
        this.defaultExecutor = executor;
    }

    private synchronized Executor defaultExecutor() {
        if (executorShutdownCalled) {
            throw new IllegalStateException("Executor shutdown has been called");
        }
        if (defaultExecutor == null) {
            int max = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
            AtomicInteger n = new AtomicInteger();
            // Platform threads on purpose: a virtual thread started from a task would inherit this
            // loop as its scheduler and block the loop (DESIGN.md §2).
            ThreadPoolExecutor tpe = new ThreadPoolExecutor(max, max, 60, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(),
                    r -> Thread.ofPlatform().daemon().name("asyncio4j-loop" + id + "-executor-" + n.incrementAndGet())
                            .unstarted(r));
            tpe.allowCoreThreadTimeOut(true);
            defaultExecutor = tpe;
        }
        return defaultExecutor;
    }

    /**
     * Shuts the default executor down and completes when its threads have finished (at most
     * {@code timeout}; a warning is logged past it): asyncio's {@code shutdown_default_executor}.
     */
    public Future<Void> shutdownDefaultExecutor(Duration timeout) {
        Future<Void> done = createFuture();
        ExecutorService ex;
        synchronized (this) {
            executorShutdownCalled = true;
            ex = defaultExecutor;
        }
        if (ex == null) {
            done.setResult(null);
            return done;
        }
        Thread.ofPlatform().daemon().name("asyncio4j-executor-shutdown").start(() -> {
            ex.shutdown();
            try {
                if (!ex.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                    LOG.log(System.Logger.Level.WARNING, "The executor did not finish joining its threads within "
                            + timeout.toSeconds() + " seconds.");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            safeThreadsafe(() -> {
                if (!done.isDone()) {
                    done.setResult(null);
                }
            });
        });
        return done;
    }

    /** {@link #shutdownDefaultExecutor(Duration)} with asyncio's 300 s timeout. */
    public Future<Void> shutdownDefaultExecutor() {
        return shutdownDefaultExecutor(Duration.ofSeconds(300));
    }

    // ------------------------------------------------------------------ errors

    /** Sets the handler for errors nobody else can receive; null restores the default. */
    public void setExceptionHandler(ExceptionHandler handler) {
        this.exceptionHandler = handler;
    }

    public ExceptionHandler getExceptionHandler() {
        return exceptionHandler;
    }

    /** The default handler: logs the message, the other context entries and the exception. */
    public void defaultExceptionHandler(Map<String, Object> context) {
        Object message = context.getOrDefault("message", "Unhandled exception in event loop");
        Throwable exc = context.get("exception") instanceof Throwable t ? t : null;
        StringBuilder sb = new StringBuilder(String.valueOf(message));
        for (Map.Entry<String, Object> e : context.entrySet()) {
            String k = e.getKey();
            if (!k.equals("message") && !k.equals("exception")) {
                sb.append('\n').append(k).append(": ").append(e.getValue());
            }
        }
        LOG.log(System.Logger.Level.ERROR, sb.toString(), exc);
    }

    /**
     * Reports an error through the exception handler; a handler that throws is itself reported
     * through the default handler: asyncio's {@code call_exception_handler}.
     */
    public void callExceptionHandler(Map<String, Object> context) {
        ExceptionHandler h = exceptionHandler;
        if (h == null) {
            try {
                defaultExceptionHandler(context);
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.ERROR, "Exception in default exception handler", t);
            }
            return;
        }
        try {
            h.handle(this, context);
        } catch (Throwable t) {
            Map<String, Object> ctx = new LinkedHashMap<>();
            ctx.put("message", "Unhandled error in exception handler");
            ctx.put("exception", t);
            ctx.put("context", context);
            try {
                defaultExceptionHandler(ctx);
            } catch (Throwable t2) {
                LOG.log(System.Logger.Level.ERROR, "Exception in default exception handler", t2);
            }
        }
    }

    // ------------------------------------------------------------------ debug

    /** Debug mode: wrong-thread calls throw, task creation sites are recorded, the watchdog threshold is 100 ms. */
    public void setDebug(boolean enabled) {
        this.debug = enabled;
        if (enabled && running) {
            PinnedThreadMonitor.start();
        }
    }

    public boolean getDebug() {
        return debug;
    }

    // ------------------------------------------------------------------ I/O readiness

    /**
     * Calls {@code callback} whenever {@code channel} is readable (or acceptable): asyncio's
     * {@code add_reader}. The channel is switched to non-blocking mode.
     */
    public void addReader(SelectableChannel channel, Runnable callback) {
        register(channel, callback, true);
    }

    /** Calls {@code callback} whenever {@code channel} is writable (or connected): asyncio's {@code add_writer}. */
    public void addWriter(SelectableChannel channel, Runnable callback) {
        register(channel, callback, false);
    }

    /** Stops watching {@code channel} for reading; true if it was watched. */
    public boolean removeReader(SelectableChannel channel) {
        return unregister(channel, true);
    }

    /** Stops watching {@code channel} for writing; true if it was watched. */
    public boolean removeWriter(SelectableChannel channel) {
        return unregister(channel, false);
    }

    private void register(SelectableChannel channel, Runnable callback, boolean read) {
        checkThread();
        checkClosed();
        try {
            SelectionKey key = channel.keyFor(selector);
            IoRegistration reg;
            if (key == null || !key.isValid()) {
                if (key != null) {
                    selector.selectNow(); // flush the cancelled key so the channel can register again
                }
                channel.configureBlocking(false);
                reg = new IoRegistration();
                key = channel.register(selector, 0, reg);
            } else {
                reg = (IoRegistration) key.attachment();
                if (reg.handler != null) {
                    reg.handler.cancelled = true;
                    reg.handler = null;
                }
            }
            Handle h = new Handle(callback, null);
            if (read) {
                reg.reader = h;
            } else {
                reg.writer = h;
            }
            key.interestOps(reg.interestOps(channel));
        } catch (ClosedChannelException e) {
            throw new IllegalStateException("channel is closed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean unregister(SelectableChannel channel, boolean read) {
        SelectionKey key = channel.keyFor(selector);
        if (key == null || !key.isValid() || !(key.attachment() instanceof IoRegistration reg)) {
            return false;
        }
        Handle old = read ? reg.reader : reg.writer;
        if (old == null) {
            return false;
        }
        old.cancelled = true;
        if (read) {
            reg.reader = null;
        } else {
            reg.writer = null;
        }
        if (reg.reader == null && reg.writer == null) {
            key.cancel();
        } else {
            key.interestOps(reg.interestOps(channel));
        }
        return true;
    }

    /**
     * The low-level readiness hook for transports (no asyncio equivalent: asyncio's transports use
     * {@code add_reader}/{@code add_writer}). Registers {@code channel} with {@code interestOps} and
     * queues {@code onReady} on the ready queue (one reused handle: no allocation per event) every
     * time the selector reports the channel ready for any of the ops. The callback reads
     * {@link SelectionKey#readyOps()} and changes {@link SelectionKey#interestOps(int)} on the
     * returned key itself; an exception it throws goes to the exception handler. Replaces any
     * {@link #addReader}/{@link #addWriter} registration of the channel and vice versa; closing the
     * channel ends it. Loop thread only.
     *
     * <pre>{@code
     * SelectionKey key = loop.registerIo(channel, SelectionKey.OP_READ, () -> onReadable());
     * key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE); // also wake up when writable
     * }</pre>
     */
    public SelectionKey registerIo(SelectableChannel channel, int interestOps, Runnable onReady) {
        checkThread();
        checkClosed();
        try {
            SelectionKey key = channel.keyFor(selector);
            IoRegistration reg = new IoRegistration();
            reg.handler = new Handle(onReady, null);
            if (key == null || !key.isValid()) {
                if (key != null) {
                    selector.selectNow(); // flush the cancelled key so the channel can register again
                }
                channel.configureBlocking(false);
                key = channel.register(selector, interestOps, reg);
            } else {
                if (key.attachment() instanceof IoRegistration old) {
                    for (Handle h : new Handle[] {old.reader, old.writer, old.handler}) {
                        if (h != null) {
                            h.cancelled = true;
                        }
                    }
                }
                key.attach(reg);
                key.interestOps(interestOps);
            }
            return key;
        } catch (ClosedChannelException e) {
            throw new IllegalStateException("channel is closed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The selector of this loop, for transports that manage their own keys. */
    public Selector selector() {
        return selector;
    }

    private static final class IoRegistration {
        Handle reader;
        Handle writer;
        Handle handler; // registerIo: one callback for every readiness, the owner manages the ops

        int interestOps(SelectableChannel ch) {
            int valid = ch.validOps();
            int ops = 0;
            if (reader != null) {
                ops |= valid & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT);
            }
            if (writer != null) {
                ops |= valid & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT);
            }
            return ops;
        }
    }

    // ------------------------------------------------------------------ signals

    /**
     * Calls {@code callback} on this loop when the process receives {@code signal} ("SIGINT",
     * "SIGTERM", "SIGHUP", with or without the "SIG" prefix): asyncio's {@code add_signal_handler}.
     * Replaces the JVM's own handling of that signal until {@link #removeSignalHandler} or close.
     */
    public void addSignalHandler(String signal, Runnable callback) {
        checkThread();
        checkClosed();
        String name = normalizeSignal(signal);
        SignalRegistration old = signals.remove(name);
        sun.misc.SignalHandler previous = Signals.install(name, () -> {
            try {
                callSoonThreadsafe(callback);
            } catch (IllegalStateException closedLoop) {
                // the loop is closed: the registration goes with it
            }
        });
        signals.put(name, new SignalRegistration(old != null ? old.previous : previous));
    }

    /** Restores the JVM's handling of {@code signal}; false if no handler was set by this loop. */
    public boolean removeSignalHandler(String signal) {
        String name = normalizeSignal(signal);
        SignalRegistration reg = signals.remove(name);
        if (reg == null) {
            return false;
        }
        Signals.restore(name, reg.previous);
        return true;
    }

    private static String normalizeSignal(String signal) {
        String s = signal.toUpperCase(java.util.Locale.ROOT);
        if (s.startsWith("SIG")) {
            s = s.substring(3);
        }
        if (!s.equals("INT") && !s.equals("TERM") && !s.equals("HUP")) {
            throw new IllegalArgumentException("unsupported signal: " + signal + " (SIGINT, SIGTERM and SIGHUP are)");
        }
        return s;
    }

    private record SignalRegistration(sun.misc.SignalHandler previous) {
    }

    @Override
    public String toString() {
        return "EventLoop-" + id + "{running=" + running + ", closed=" + closed + ", debug=" + debug + "}";
    }

    // ------------------------------------------------------------------ hooks for tasks

    private static final class LoopOpsImpl implements Access.LoopOps {
        @Override
        public void schedule(EventLoop loop, Runnable step) {
            Thread t = Thread.currentThread();
            if (t == loop.loopThread && !loop.closed) {
                loop.ready.add(step);
            } else if (t.isVirtual() && currentLoop() == loop) {
                loop.ready.add(step);
            } else {
                loop.inbox.add(step);
                loop.wakeup();
            }
        }

        @Override
        public boolean takeDirectResume(EventLoop loop) {
            if (loop.directResume && Thread.currentThread() == loop.loopThread) {
                loop.directResume = false;
                return true;
            }
            return false;
        }

        @Override
        public void runStep(EventLoop loop, Object owner, Runnable continuation) {
            loop.beginStep(owner);
            try {
                continuation.run();
            } finally {
                loop.endStep();
            }
        }

        @Override
        public void resumeNow(EventLoop loop, Thread thread) {
            loop.directResume = true;
            try {
                java.util.concurrent.locks.LockSupport.unpark(thread);
            } finally {
                loop.directResume = false;
            }
        }

        @Override
        public void startNow(EventLoop loop, Thread thread) {
            loop.directResume = true;
            try {
                thread.start();
            } finally {
                loop.directResume = false;
            }
        }

        @Override
        public void callSoonInContext(EventLoop loop, Runnable callback, Object contextSnapshot) {
            loop.checkThread();
            loop.checkClosed();
            loop.ready.add(new Handle(callback, contextSnapshot));
        }

        @Override
        public void runNext(EventLoop loop, Runnable step) {
            loop.runNext.add(step);
        }

        @Override
        public Object taskStarted(EventLoop loop, Task<?> task) {
            return loop.liveTasks.add(task);
        }

        @Override
        public void taskDone(EventLoop loop, Object liveNode) {
            loop.liveTasks.remove((LiveTasks.Node) liveNode);
        }

        @Override
        public boolean inLoop(EventLoop loop) {
            return loop.inLoop();
        }

        @Override
        public EventLoop running() {
            return currentLoop();
        }
    }
}
