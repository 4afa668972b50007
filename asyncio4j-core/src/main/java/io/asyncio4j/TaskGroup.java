package io.asyncio4j;

import io.asyncio4j.loop.EventLoop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Structured concurrency: asyncio's {@code TaskGroup} ({@code async with asyncio.TaskGroup() as tg}).
 *
 * <p>Tasks created with {@link #createTask} live inside the group's body: the group does not
 * return until all of them are done. The first task that fails cancels the others and the body
 * (the parent task), and when everything has finished the group raises one
 * {@link ExceptionGroup} that carries every failure. A cancellation of the parent from outside
 * cancels the children too and propagates as {@link CancelledError} once they are done. Once
 * the group is shutting down, it accepts no new tasks. Groups nest: an inner group's
 * {@code ExceptionGroup} is one failure of the outer group. A {@link KeyboardInterrupt} (from
 * the body or a task) is the exception, as in asyncio: once every task is done it propagates
 * alone, not in a group.
 *
 * <p>Why a body lambda rather than try-with-resources: {@code close()} cannot see whether the
 * block is failing, and the group must cancel its children when it is.
 *
 * <pre>{@code
 * List<String> pages = TaskGroup.run(tg -> {
 *     Task<String> a = tg.createTask(() -> fetch("a"));
 *     Task<String> b = tg.createTask(() -> fetch("b"));
 *     return () -> List.of(a.result(), b.result());   // runs after both are done
 * }).call();
 * }</pre>
 * or, more simply:
 * <pre>{@code
 * TaskGroup.run(tg -> {
 *     tg.createTask(() -> worker(1));
 *     tg.createTask(() -> worker(2));
 * });
 * }</pre>
 */
public final class TaskGroup {
    /** The body of a group: it receives the group to create tasks in. */
    @FunctionalInterface
    public interface Body<T> {
        T run(TaskGroup group) throws Exception;
    }

    /** The body of a group that returns nothing. */
    @FunctionalInterface
    public interface VoidBody {
        void run(TaskGroup group) throws Exception;
    }

    private boolean entered;
    private boolean exiting;
    private boolean aborting;
    private EventLoop loop;
    private Task<?> parent;
    private boolean parentCancelRequested;
    private final Set<Task<?>> tasks = new LinkedHashSet<>();
    private final List<Throwable> errors = new ArrayList<>();
    /** asyncio's {@code _base_error}: a KeyboardInterrupt propagates as itself, never inside a group. */
    private Throwable baseError;
    private Future<Boolean> onCompleted;

    /** A group, to be entered with {@link #enter}. Most code uses the static {@link #run(VoidBody)}. */
    public TaskGroup() {
    }

    /** Runs {@code body} in a new group and returns its result once every task of the group is done. */
    public static <T> T run(Body<T> body) throws Exception {
        return new TaskGroup().enter(body);
    }

    /** Runs {@code body} in a new group; returns once every task of the group is done. */
    public static void run(VoidBody body) throws Exception {
        new TaskGroup().enter(g -> {
            body.run(g);
            return null;
        });
    }

    /** Enters this group with {@code body} in the current task (a group may be entered once). */
    public <T> T enter(Body<T> body) throws Exception {
        if (entered) {
            throw new IllegalStateException("TaskGroup " + this + " has already been entered");
        }
        loop = Asyncio.getRunningLoop();
        parent = Task.current();
        if (parent == null) {
            throw new IllegalStateException("TaskGroup " + this + " cannot determine the parent task");
        }
        entered = true;
        T value;
        try {
            value = body.run(this);
        } catch (Throwable t) {
            exit(t);
            throw io.asyncio4j.internal.Sneaky.<Exception>rethrow(t); // exit() rethrew or replaced it
        }
        exit(null);
        return value;
    }

    /** Creates a task in this group: asyncio's {@code tg.create_task}. */
    public <T> Task<T> createTask(Coroutine<T> coroutine) {
        return createTask(coroutine, null);
    }

    /** Creates a task that returns nothing in this group. */
    public Task<Void> createTask(VoidCoroutine coroutine) {
        return createTask(Coroutine.of(coroutine), null);
    }

    /** Creates a named task in this group. */
    public <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        if (!entered) {
            throw new IllegalStateException("TaskGroup " + this + " has not been entered");
        }
        if (exiting && tasks.isEmpty()) {
            throw new IllegalStateException("TaskGroup " + this + " is finished");
        }
        if (aborting) {
            throw new IllegalStateException("TaskGroup " + this + " is shutting down");
        }
        Task<T> task = loop.createTask(coroutine, name);
        // Through the done-callback even if an eager task is already done: handling its failure
        // right here would cancel the body before its next await and refuse the body's next
        // createTask (CPython 3.13, gh-128550).
        tasks.add(task);
        task.addDoneCallback(this::onTaskDone);
        return task;
    }

    /** asyncio's {@code _aexit}: waits for the tasks, then decides what propagates. */
    private void exit(Throwable bodyError) throws Exception {
        exiting = true;
        noteBaseError(bodyError);
        Throwable propagateCancellation = bodyError instanceof CancelledError ? bodyError : null;
        if (bodyError != null && !aborting) {
            abort();
        }
        while (!tasks.isEmpty()) {
            if (onCompleted == null) {
                onCompleted = new Future<>(loop);
            }
            try {
                onCompleted.await();
            } catch (CancelledError e) {
                if (!aborting) {
                    // The parent is being cancelled from outside while children still run.
                    propagateCancellation = e;
                    abort();
                }
            }
            onCompleted = null;
        }
        if (baseError != null) {
            throw io.asyncio4j.internal.Sneaky.<Exception>rethrow(baseError);
        }
        if (parentCancelRequested && parent.uncancel() == 0) {
            propagateCancellation = null; // our own cancellation of the parent, fully consumed
        }
        if (propagateCancellation != null && errors.isEmpty()) {
            throw io.asyncio4j.internal.Sneaky.<Exception>rethrow(propagateCancellation);
        }
        if (bodyError != null && !(bodyError instanceof CancelledError)) {
            errors.add(bodyError);
        }
        if (!errors.isEmpty()) {
            if (parent.cancelling() > 0) {
                // Keep an outside cancellation of the parent pending while the group's error propagates.
                parent.uncancel();
                parent.cancel();
            }
            throw new ExceptionGroup("unhandled errors in a TaskGroup", errors);
        }
        if (bodyError != null) {
            throw io.asyncio4j.internal.Sneaky.<Exception>rethrow(bodyError);
        }
    }

    /** Python's KeyboardInterrupt and SystemExit; Java has only the former (its Errors map to Exceptions). */
    private void noteBaseError(Throwable e) {
        if (e instanceof KeyboardInterrupt && baseError == null) {
            baseError = e;
        }
    }

    private void abort() {
        aborting = true;
        for (Task<?> t : tasks) {
            if (!t.isDone()) {
                t.cancel();
            }
        }
    }

    private void onTaskDone(Future<?> task) {
        tasks.remove(task);
        if (onCompleted != null && tasks.isEmpty() && !onCompleted.isDone()) {
            onCompleted.setResult(true);
        }
        if (task.cancelled()) {
            return;
        }
        Throwable e = task.exception();
        if (e == null) {
            return;
        }
        errors.add(e);
        noteBaseError(e);
        if (parent.isDone()) {
            Map<String, Object> ctx = new LinkedHashMap<>();
            ctx.put("message", "Task " + task + " has errored out but its parent task " + parent + " is already completed");
            ctx.put("exception", e);
            ctx.put("task", task);
            loop.callExceptionHandler(ctx);
            return;
        }
        if (!aborting && !parentCancelRequested) {
            // Interrupt whatever the body is awaiting: the group is failing.
            abort();
            parentCancelRequested = true;
            parent.cancel();
        }
    }

    @Override
    public String toString() {
        return "<TaskGroup" + (tasks.isEmpty() ? "" : " tasks=" + tasks.size())
                + (errors.isEmpty() ? "" : " errors=" + errors.size())
                + (aborting ? " cancelling" : entered ? " entered" : "") + ">";
    }
}
