package io.asyncio4j.internal;

import io.asyncio4j.Task;
import io.asyncio4j.loop.EventLoop;

import java.util.concurrent.Executor;

/**
 * The scheduler of a task's virtual thread, as the rest of the core sees it. Reading it from the
 * current thread ({@link #current()}) is how the core finds the running task and its loop: a field
 * read instead of {@code ThreadLocal}s, which would give every task's thread a
 * {@code ThreadLocalMap} (allocated on the first {@code get}, kept while the task sleeps).
 */
public interface TaskScheduler extends Executor {
    /** The task's own thread; a virtual thread started inside the task inherits this scheduler but is not it. */
    Thread taskThread();

    /** The loop the task runs on. */
    EventLoop taskLoop();

    /** The task. */
    Task<?> task();

    /** The scheduler of the task whose own thread is the current thread, or null. */
    static TaskScheduler current() {
        Thread t = Thread.currentThread();
        return LoopScheduler.schedulerOf(t) instanceof TaskScheduler ts && ts.taskThread() == t ? ts : null;
    }
}
