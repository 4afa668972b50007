package io.asyncio4j;

import io.asyncio4j.internal.Access;
import io.asyncio4j.internal.LoopScheduler;
import io.asyncio4j.internal.StepOwner;
import io.asyncio4j.internal.TaskScheduler;
import io.asyncio4j.loop.EventLoop;

import java.nio.channels.ClosedByInterruptException;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A coroutine running on an event loop: asyncio's {@code Task}. The body runs in a virtual thread
 * whose scheduler is the loop (DESIGN.md §2), so it is plain sequential code: each
 * {@link Future#await()} suspends the task and the loop runs other work until the awaited future
 * is done. Every step of the task runs on the loop thread.
 *
 * <p><b>Cancellation</b> follows asyncio: {@link #cancel(String)} cancels the future the task is
 * waiting on, so that its {@code await()} throws {@link CancelledError}; a task that is not
 * waiting gets the error at its next suspension (or before its first step if it has not started).
 * A task parked in a JDK blocking call ({@code Thread.sleep}, a {@code java.net.Socket} read,
 * {@code BlockingQueue.take}) is interrupted; if it then ends with the resulting
 * {@code InterruptedException} (or {@code ClosedByInterruptException}, and note that an
 * interrupted JDK socket read closes its socket) the task counts as cancelled.
 * {@link #cancelling()} and {@link #uncancel()} count cancellation requests as in Python 3.11+.
 *
 * <p>The loop keeps a strong reference to every task that is not done, so a task never vanishes
 * because nobody holds it. Awaiting inside a static initializer deadlocks the class for good:
 * never do it.
 *
 * <pre>{@code
 * Task<String> t = Asyncio.createTask(() -> {
 *     Asyncio.sleep(1);
 *     return "slow";
 * }, "worker");
 * t.cancel("no longer needed");
 * try {
 *     t.await();
 * } catch (CancelledError e) {
 *     System.out.println(e.getMessage());   // "no longer needed"
 * }
 * }</pre>
 *
 * @param <T> the result type
 */
public final class Task<T> extends Future<T> {
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final StackTraceElement[] NO_STACK = new StackTraceElement[0];
    private static final Access.LoopOps LOOP_OPS = Access.loop();

    static {
        Access.setTaskOps(new Access.TaskOps() {
            @Override
            public <R> Task<R> newTask(EventLoop loop, Coroutine<R> coroutine, String name, boolean eager) {
                return new Task<>(loop, coroutine, name, eager);
            }
        });
    }

    private final Coroutine<T> coroutine;
    private final Context context;
    /** The context entered on this task's thread (Context's storage for it; starts as {@link #context}). */
    Context currentContext;
    private final Stepper stepper = new Stepper();
    private final Runnable wakeup = this::wake;
    private final Thread thread;
    private final Object liveNode; // the loop's strong reference to this task until it is done
    private final StackTraceElement[] creationSite;
    private volatile String name; // null until asked for when the task was given no name
    private final long number;
    private Future<?> waiter;
    private boolean mustCancel;
    private String requestedCancelMessage;
    private int cancelsRequested;
    private boolean started;
    private boolean suspended;
    private boolean resumeSignal;
    private boolean interruptDelivered;
    private boolean eagerPending;
    private boolean completedEagerly;

    private Task(EventLoop loop, Coroutine<T> coroutine, String name, boolean eager) {
        super(loop);
        this.coroutine = java.util.Objects.requireNonNull(coroutine, "coroutine");
        if (name != null) {
            this.name = name;
            this.number = 0; // as in asyncio, only unnamed tasks take a number
        } else {
            this.number = COUNTER.incrementAndGet(); // "Task-<number>" is made on demand: a string per task is measurable in spawn
        }
        this.context = Context.copyContext();
        this.currentContext = context;
        this.creationSite = loop.getDebug() ? trimmedCreationSite() : NO_STACK;
        this.thread = LoopScheduler.newThread(stepper, name, this::body); // unnamed thread for an unnamed task
        this.liveNode = LOOP_OPS.taskStarted(loop, this);
        if (!eager) {
            thread.start();
            return;
        }
        Task<?> parent = current();
        if (parent != null && parent.loop == loop) {
            // Inside a task: run the new task's first step, then resume the creator, before anything else.
            eagerPending = true;
            thread.start();
            LOOP_OPS.runNext(loop, parent.wakeup);
            parent.suspend();
        } else {
            LOOP_OPS.startNow(loop, thread);
        }
        completedEagerly = isDone(); // its first step, run above, was its last
    }

    private static StackTraceElement[] trimmedCreationSite() {
        StackTraceElement[] st = new Throwable().getStackTrace();
        int i = 0;
        while (i < st.length && (st[i].getClassName().startsWith("io.asyncio4j.Task")
                || st[i].getClassName().startsWith("io.asyncio4j.internal")
                || st[i].getClassName().equals("io.asyncio4j.loop.EventLoop")
                || st[i].getClassName().equals("io.asyncio4j.Asyncio"))) {
            i++;
        }
        return Arrays.copyOfRange(st, i, st.length);
    }

    /** The task running the caller, or null outside a task: asyncio's {@code current_task()}. */
    public static Task<?> current() {
        TaskScheduler ts = TaskScheduler.current();
        return ts != null ? ts.task() : null;
    }

    // ------------------------------------------------------------------ the body

    private void body() {
        started = true;
        try {
            if (mustCancel) {
                mustCancel = false;
                throw new CancelledError(requestedCancelMessage);
            }
            T value = coroutine.call();
            if (mustCancel) {
                // Cancellation was requested after the last suspension: the result is dropped.
                mustCancel = false;
                completeCancel(requestedCancelMessage, null);
            } else {
                completeResult(value);
            }
        } catch (CancelledError e) {
            // Like asyncio's super().cancel(): no message of the task's own (gather's
            // return_exceptions list shows CancelledError('')); result() still throws e.
            completeCancel(null, e);
        } catch (Throwable e) {
            if (interruptDelivered && isInterruption(e)) {
                completeCancel(requestedCancelMessage, null);
            } else {
                completeException(e);
            }
        } finally {
            LOOP_OPS.taskDone(loop, liveNode);
        }
    }

    private static boolean isInterruption(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ suspension

    /** Suspends the current task until {@code f} is done; throws CancelledError if cancelled meanwhile. */
    static void suspendOn(Future<?> f) {
        Task<?> t = current();
        if (t == null) {
            throw new IllegalStateException("await() must be called inside a task (use Asyncio.run / createTask);"
                    + " on the loop thread use addDoneCallback, elsewhere toCompletableFuture().get()");
        }
        if (f.loop != t.loop) {
            throw new IllegalStateException("Task " + t.getName() + " got Future " + f + " attached to a different loop");
        }
        if (f == t) {
            throw new IllegalStateException("Task cannot await on itself: " + t);
        }
        t.waiter = f;
        f.addWakeup(t.wakeup);
        if (t.mustCancel && f.cancel(t.requestedCancelMessage)) {
            // The task cancelled itself (or was cancelled while running): asyncio's __step cancels
            // the future the task now waits on, so the wait ends at once with CancelledError.
            t.consumeCancelRequest();
        }
        try {
            t.suspend();
        } finally {
            t.waiter = null;
        }
        if (t.mustCancel && f.cancelled()) {
            // Cancelled again after the future was: asyncio's __step keeps the future's
            // CancelledError (and its message), which result() below throws.
            t.consumeCancelRequest();
        }
        t.throwIfCancelRequested();
    }

    /** Yields to the loop for one iteration: {@code await asyncio.sleep(0)}. */
    static void yieldNow() {
        Task<?> t = current();
        if (t == null) {
            throw new IllegalStateException("sleep() must be called inside a task");
        }
        LOOP_OPS.schedule(t.loop, t.wakeup);
        t.suspend();
        t.throwIfCancelRequested();
    }

    private void throwIfCancelRequested() {
        if (mustCancel) {
            consumeCancelRequest();
            throw new CancelledError(requestedCancelMessage);
        }
    }

    /** The pending cancellation is being delivered: clear it, and the interrupt that carried it. */
    private void consumeCancelRequest() {
        mustCancel = false;
        if (interruptDelivered) {
            Thread.interrupted(); // the interrupt was only the messenger of this cancellation
            interruptDelivered = false;
        }
    }

    private void suspend() {
        suspended = true;
        boolean interrupted = false;
        while (!resumeSignal) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        resumeSignal = false;
        suspended = false;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs on the loop thread (queued by the awaited future): resumes the task right now. */
    private void wake() {
        resumeSignal = true;
        LOOP_OPS.resumeNow(loop, thread);
    }

    // ------------------------------------------------------------------ cancellation

    /**
     * Requests cancellation: the future this task waits on is cancelled with {@code message}, or
     * the task gets {@link CancelledError} at its next suspension. Returns false if the task is
     * already done. Each call counts in {@link #cancelling()}.
     */
    @Override
    public boolean cancel(String message) {
        suppressUnretrievedReport();
        if (isDone()) {
            return false;
        }
        cancelsRequested++;
        Future<?> w = waiter;
        if (w != null && w.cancel(message)) {
            return true;
        }
        mustCancel = true;
        requestedCancelMessage = message;
        if (started && !suspended && Thread.currentThread() != thread) {
            // Parked in a JDK blocking call (a socket read, Thread.sleep, a queue): interrupt it.
            interruptDelivered = true;
            thread.interrupt();
        }
        return true;
    }

    /** The number of pending cancellation requests: asyncio's {@code Task.cancelling()}. */
    public int cancelling() {
        return cancelsRequested;
    }

    /**
     * Decrements the pending cancellation requests and returns the rest; at zero a cancellation
     * not yet delivered is withdrawn (Python 3.13): asyncio's {@code Task.uncancel()}.
     */
    public int uncancel() {
        if (cancelsRequested > 0) {
            cancelsRequested--;
            if (cancelsRequested == 0) {
                mustCancel = false;
            }
        }
        return cancelsRequested;
    }

    /** Tasks are completed by their body only. */
    @Override
    public void setResult(T value) {
        throw new IllegalStateException("Task does not support setResult()");
    }

    /** Tasks are completed by their body only. */
    @Override
    public void setException(Throwable error) {
        throw new IllegalStateException("Task does not support setException()");
    }

    // ------------------------------------------------------------------ introspection

    public String getName() {
        String n = name;
        if (n == null) {
            n = "Task-" + number;
            name = n;
        }
        return n;
    }

    public void setName(String name) {
        this.name = java.util.Objects.requireNonNull(name);
    }

    /** The body this task runs; null for a task that completed eagerly, as in asyncio 3.12+. */
    public Coroutine<T> getCoro() {
        return completedEagerly ? null : coroutine;
    }

    /** This task's context (a copy of its creator's at creation). */
    public Context getContext() {
        return context;
    }

    /** The stack of the task's body where it is suspended or running; empty once done. */
    public StackTraceElement[] getStack() {
        return isDone() ? NO_STACK : thread.getStackTrace();
    }

    /** Where the task was created, recorded in debug mode only (asyncio's {@code _source_traceback}). */
    public StackTraceElement[] getCreationSite() {
        return creationSite.clone();
    }

    @Override
    public String toString() {
        return "<Task " + describeOutcome() + " name='" + getName() + "' coro=" + coroutine
                + (waiter != null ? " wait_for=" + waiter : "") + ">";
    }

    /**
     * The task's scheduler (the virtual thread's {@link Executor}) and its ready-queue entry:
     * each continuation of the task's thread becomes one loop step.
     */
    private final class Stepper implements TaskScheduler, Runnable, StepOwner {
        private Runnable continuation;

        @Override
        public void execute(Runnable r) {
            if (continuation == null) {
                continuation = r; // the first call comes from thread.start(): it is our thread's
            }
            if (r != continuation) {
                // A virtual thread started inside this task inherited this scheduler (the JDK gives a
                // child the parent's). It is a thread, not a task: it runs where any virtual thread
                // runs, so it can block or spin without stalling the loop, and outlives the loop.
                LoopScheduler.defaultScheduler().execute(r);
                return;
            }
            if (eagerPending) {
                eagerPending = false;
                LOOP_OPS.runNext(loop, this);
            } else if (LOOP_OPS.takeDirectResume(loop)) {
                run();
            } else {
                LOOP_OPS.schedule(loop, this);
            }
        }

        @Override
        public void run() {
            LOOP_OPS.runStep(loop, this, continuation);
        }

        @Override
        public Thread taskThread() {
            return thread;
        }

        @Override
        public EventLoop taskLoop() {
            return loop;
        }

        @Override
        public Task<?> task() {
            return Task.this;
        }

        @Override
        public String describeOwner() {
            return "task '" + getName() + "'";
        }

        @Override
        public StackTraceElement[] creationSite() {
            return creationSite;
        }

        @Override
        public Thread stepThread() {
            return thread;
        }

        @Override
        public String toString() {
            return "step of " + Task.this;
        }
    }
}
