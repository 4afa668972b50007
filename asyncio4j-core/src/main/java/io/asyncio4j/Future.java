package io.asyncio4j;

import io.asyncio4j.internal.Access;
import io.asyncio4j.internal.Sneaky;
import io.asyncio4j.loop.EventLoop;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The eventual result of an asynchronous operation: asyncio's {@code Future}. Not thread-safe:
 * every method but {@link #toCompletableFuture()} must be called on the future's loop (use
 * {@link EventLoop#callSoonThreadsafe} from other threads).
 *
 * <p>A future is pending, then exactly one of: finished with a result, finished with an
 * exception, or cancelled (with an optional message). Done-callbacks are scheduled with
 * {@code callSoon} in registration order when it completes, or at once if it already has. An
 * exception that nobody retrieves (with {@link #result()}, {@link #exception()} or
 * {@link #await()}) is reported through the loop's exception handler when the future is garbage
 * collected: "Future exception was never retrieved".
 *
 * <pre>{@code
 * Future<String> f = loop.createFuture();
 * loop.callLater(0.1, () -> f.setResult("ready"));
 * String s = f.await();          // inside a task: suspends the task, not the thread
 * }</pre>
 *
 * @param <T> the result type
 */
public class Future<T> {
    private static final Cleaner CLEANER = Cleaner.create(r ->
            Thread.ofPlatform().daemon().name("asyncio4j-unretrieved").unstarted(r));

    private enum State { PENDING, CANCELLED, FINISHED }

    /**
     * A done-callback registered by user code, with the context to run it in: a snapshot of the
     * registering code's context, or the {@link Context} the caller passed (run in, not copied).
     */
    private record Callback(Consumer<?> fn, Object context) {
    }

    final EventLoop loop;
    private State state = State.PENDING;
    private T result;
    private Throwable exception;
    private String cancelMessage;
    CancelledError cancelledExc;
    private Object callbacks; // null, one callback (Callback or internal Runnable), or a List of them
    private Unretrieved unretrieved;

    /** A pending future attached to {@code loop}. */
    public Future(EventLoop loop) {
        this.loop = Objects.requireNonNull(loop, "loop");
    }

    /** A pending future attached to the running loop. */
    public Future() {
        this(Asyncio.getRunningLoop());
    }

    /** The loop this future is attached to. */
    public EventLoop getLoop() {
        return loop;
    }

    public boolean isDone() {
        return state != State.PENDING;
    }

    public boolean cancelled() {
        return state == State.CANCELLED;
    }

    /**
     * The result: returns it, throws the exception the future was completed with (the same
     * object), throws {@link CancelledError} if cancelled, {@link InvalidStateError} if pending.
     */
    public T result() throws Exception {
        switch (state) {
            case CANCELLED -> throw makeCancelledError();
            // CPython's C Future says "set" (its pure-Python fallback says "ready"): what users see.
            case PENDING -> throw new InvalidStateError("Result is not set.");
            default -> {
                markRetrieved();
                if (exception != null) {
                    throw Sneaky.<Exception>rethrow(exception);
                }
                return result;
            }
        }
    }

    /** The exception the future was completed with, or null; {@link CancelledError} if cancelled. */
    public Throwable exception() {
        switch (state) {
            case CANCELLED -> throw makeCancelledError();
            case PENDING -> throw new InvalidStateError("Exception is not set.");
            default -> {
                markRetrieved();
                return exception;
            }
        }
    }

    /** Completes the future with {@code value}; {@link InvalidStateError} if it is already done. */
    public void setResult(T value) {
        completeResult(value);
    }

    /** Completes the future with {@code error}; {@link InvalidStateError} if it is already done. */
    public void setException(Throwable error) {
        completeException(error);
    }

    final void completeResult(T value) {
        if (state != State.PENDING) {
            throw new InvalidStateError(state + ": " + this);
        }
        result = value;
        state = State.FINISHED;
        scheduleCallbacks();
    }

    final void completeException(Throwable error) {
        Objects.requireNonNull(error, "exception");
        if (state != State.PENDING) {
            throw new InvalidStateError(state + ": " + this);
        }
        exception = error;
        state = State.FINISHED;
        if (!(error instanceof CancelledError)) {
            unretrieved = Unretrieved.register(this, error);
        }
        scheduleCallbacks();
    }

    /** Cancels the future; false if it is already done. */
    public boolean cancel() {
        return cancel(null);
    }

    /** Cancels the future with a message that the {@link CancelledError} will carry. */
    public boolean cancel(String message) {
        return completeCancel(message, null);
    }

    final boolean completeCancel(String message, CancelledError original) {
        if (state != State.PENDING) {
            return false;
        }
        state = State.CANCELLED;
        cancelMessage = message;
        cancelledExc = original;
        scheduleCallbacks();
        return true;
    }

    /** The message given to {@link #cancel(String)}, or null. */
    String cancelMessage() {
        return cancelMessage;
    }

    /** asyncio's {@code fut._make_cancelled_error()} even for a future that was not cancelled (gather's last child). */
    CancelledError makeCancelledErrorOrNew() {
        return cancelled() ? makeCancelledError() : new CancelledError();
    }

    /** The error a cancelled future raises: the task's own CancelledError if it has one. */
    CancelledError makeCancelledError() {
        CancelledError e = cancelledExc;
        return e != null ? e : new CancelledError(cancelMessage);
    }

    private void markRetrieved() {
        Unretrieved u = unretrieved;
        if (u != null) {
            unretrieved = null;
            u.retrieved();
        }
    }

    /** Suppresses the "exception was never retrieved" report (asyncio's {@code _log_traceback = False}). */
    final void suppressUnretrievedReport() {
        markRetrieved();
    }

    // ------------------------------------------------------------------ callbacks

    /**
     * Calls {@code fn} with this future once it is done, through {@code callSoon}, in the context
     * current now. If the future is already done, {@code fn} is scheduled at once.
     */
    public void addDoneCallback(Consumer<? super Future<T>> fn) {
        addDoneCallback(fn, null);
    }

    /**
     * {@link #addDoneCallback(Consumer)} that runs {@code fn} in {@code context} itself, as
     * {@code context.run} does: variables {@code fn} sets stay set in {@code context}, and a
     * context already entered when {@code fn} is due makes the callback fail
     * ({@link IllegalStateException}, asyncio's RuntimeError, reported by the loop).
     */
    public void addDoneCallback(Consumer<? super Future<T>> fn, Context context) {
        Objects.requireNonNull(fn, "fn");
        Callback cb = new Callback(fn, context != null ? context : Access.context().capture());
        if (state != State.PENDING) {
            scheduleOne(cb);
        } else {
            addEntry(cb);
        }
    }

    /** Removes every registration of {@code fn}; returns how many were removed. */
    public int removeDoneCallback(Consumer<? super Future<T>> fn) {
        return removeEntries(o -> o instanceof Callback c && c.fn.equals(fn));
    }

    /** Internal: a wake-up to queue (not a callback with context) when this future completes. */
    final void addWakeup(Runnable wakeup) {
        if (state != State.PENDING) {
            Access.loop().schedule(loop, wakeup);
        } else {
            addEntry(wakeup);
        }
    }

    final void removeWakeup(Runnable wakeup) {
        removeEntries(o -> o == wakeup);
    }

    @SuppressWarnings("unchecked")
    private void addEntry(Object entry) {
        Object cbs = callbacks;
        if (cbs == null) {
            callbacks = entry;
        } else if (cbs instanceof ArrayList<?> list) {
            ((List<Object>) list).add(entry);
        } else {
            List<Object> list = new ArrayList<>(4);
            list.add(cbs);
            list.add(entry);
            callbacks = list;
        }
    }

    @SuppressWarnings("unchecked")
    private int removeEntries(java.util.function.Predicate<Object> match) {
        Object cbs = callbacks;
        if (cbs == null) {
            return 0;
        }
        if (cbs instanceof ArrayList<?> list) {
            int before = list.size();
            ((List<Object>) list).removeIf(match);
            int removed = before - list.size();
            if (list.isEmpty()) {
                callbacks = null;
            }
            return removed;
        }
        if (match.test(cbs)) {
            callbacks = null;
            return 1;
        }
        return 0;
    }

    private void scheduleCallbacks() {
        Object cbs = callbacks;
        callbacks = null;
        if (cbs == null) {
            return;
        }
        if (cbs instanceof ArrayList<?> list) {
            for (Object o : list) {
                scheduleOne(o);
            }
        } else {
            scheduleOne(cbs);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void scheduleOne(Object entry) {
        if (entry instanceof Callback cb) {
            Consumer fn = cb.fn;
            if (cb.context instanceof Context given) {
                Access.loop().callSoonInContext(loop, new DoneCallback(fn, this, given), null);
            } else {
                Access.loop().callSoonInContext(loop, new DoneCallback(fn, this, null), cb.context);
            }
        } else {
            Access.loop().schedule(loop, (Runnable) entry);
        }
    }

    /** The runnable form of a done-callback; its toString names the user's function. */
    private record DoneCallback(Consumer<Object> fn, Future<?> future, Context given) implements Runnable {
        @Override
        public void run() {
            if (given == null) {
                fn.accept(future);
                return;
            }
            try {
                given.run(() -> {
                    fn.accept(future);
                    return null;
                });
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception impossible) { // fn is a Consumer: it throws no checked exception
                throw new IllegalStateException(impossible);
            }
        }

        @Override
        public String toString() {
            return fn + "(" + future + ")";
        }
    }

    // ------------------------------------------------------------------ awaiting

    /**
     * Waits for the result inside a task: suspends the current task (not the loop) until the
     * future is done, then returns the result or throws the future's exception object, as
     * {@code await future} does. If the task is cancelled meanwhile, throws {@link CancelledError}.
     * Returns at once, without suspending, if the future is already done.
     *
     * @throws IllegalStateException outside a task of this future's loop
     */
    public T await() throws Exception {
        if (state == State.PENDING) {
            Task.suspendOn(this);
        }
        return result();
    }

    /**
     * A {@link CompletableFuture} completed with this future's outcome (thread-safe; usable from
     * any thread). Cancelling the returned future cancels this one.
     */
    public CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> cf = new CompletableFuture<>();
        Runnable link = () -> {
            addDoneCallback(f -> {
                if (f.cancelled()) {
                    cf.cancel(false);
                } else {
                    Throwable e = f.exception();
                    if (e != null) {
                        cf.completeExceptionally(e);
                    } else {
                        cf.complete(f.resultNow());
                    }
                }
            });
        };
        if (Access.loop().inLoop(loop)) {
            link.run();
        } else {
            loop.callSoonThreadsafe(link);
        }
        cf.whenComplete((v, e) -> {
            if (cf.isCancelled()) {
                Runnable cancel = () -> cancel();
                if (Access.loop().inLoop(loop)) {
                    cancel.run();
                } else if (!loop.isClosed()) {
                    loop.callSoonThreadsafe(cancel);
                }
            }
        });
        return cf;
    }

    /**
     * The result of a future known to have finished with a result, without any checked
     * exception to handle (like {@link java.util.concurrent.Future#resultNow()});
     * {@link InvalidStateError} otherwise.
     */
    public T resultNow() {
        if (state != State.FINISHED || exception != null) {
            throw new InvalidStateError("Result is not available.");
        }
        return result;
    }

    // ------------------------------------------------------------------ description

    String stateName() {
        return state.name().toLowerCase(java.util.Locale.ROOT);
    }

    String describeOutcome() {
        return switch (state) {
            case PENDING -> "pending";
            case CANCELLED -> "cancelled";
            case FINISHED -> exception != null ? "finished exception=" + exception : "finished result=" + result;
        };
    }

    @Override
    public String toString() {
        return "<Future " + describeOutcome() + ">";
    }

    /** The reporter of an exception nobody retrieved, run by the Cleaner when the future is gone. */
    private static final class Unretrieved implements Runnable {
        private final Throwable error;
        private final EventLoop loop;
        private final String what;
        private final String description;
        private volatile boolean retrieved;
        private Cleaner.Cleanable cleanable;

        private Unretrieved(Future<?> f, Throwable error) {
            this.error = error;
            this.loop = f.loop;
            this.what = f instanceof Task ? "Task" : "Future";
            this.description = f.toString();
        }

        static Unretrieved register(Future<?> f, Throwable error) {
            Unretrieved u = new Unretrieved(f, error);
            u.cleanable = CLEANER.register(f, u);
            return u;
        }

        void retrieved() {
            retrieved = true;
            cleanable.clean();
        }

        @Override
        public void run() {
            if (retrieved) {
                return;
            }
            Map<String, Object> ctx = new LinkedHashMap<>();
            ctx.put("message", what + " exception was never retrieved");
            ctx.put("exception", error);
            ctx.put("future", description); // "future" for a Task too, as asyncio's Future.__del__ reports it
            if (!loop.isClosed()) {
                try {
                    loop.callSoonThreadsafe(() -> loop.callExceptionHandler(ctx));
                    return;
                } catch (IllegalStateException closed) {
                    // fall through: report without the loop
                }
            }
            loop.callExceptionHandler(ctx);
        }
    }
}
