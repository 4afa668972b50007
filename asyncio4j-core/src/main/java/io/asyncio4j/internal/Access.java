package io.asyncio4j.internal;

import io.asyncio4j.Coroutine;
import io.asyncio4j.Task;
import io.asyncio4j.loop.EventLoop;

/**
 * Package-crossing hooks between {@code io.asyncio4j} (Future, Task, Context) and
 * {@code io.asyncio4j.loop} (EventLoop), in the style of the JDK's SharedSecrets: each side
 * registers its implementation from its static initializer; nothing here is exported.
 */
public final class Access {
    private Access() {}

    /** What tasks need from the loop that owns them. */
    public interface LoopOps {
        /** Queues a task step; safe from any thread (the JDK calls schedulers from its own threads). */
        void schedule(EventLoop loop, Runnable step);

        /** True once, if the caller (a task's scheduler) may run the step now: a direct resume is under way. */
        boolean takeDirectResume(EventLoop loop);

        /** Runs one step of a task's virtual thread on the loop thread, stamped for the watchdog. */
        void runStep(EventLoop loop, Object owner, Runnable continuation);

        /** Unparks {@code thread} so that its step runs right now, inside the current callback. */
        void resumeNow(EventLoop loop, Thread thread);

        /** Starts {@code thread} so that its first step runs right now (eager start from a callback). */
        void startNow(EventLoop loop, Thread thread);

        /** {@code callSoon} with an explicit context snapshot (done-callbacks). */
        void callSoonInContext(EventLoop loop, Runnable callback, Object contextSnapshot);

        /** Queues a step to run right after the step that is running now (eager task start). */
        void runNext(EventLoop loop, Runnable step);

        /** Registers a task that is not done; returns the handle {@link #taskDone} takes. */
        Object taskStarted(EventLoop loop, Task<?> task);

        void taskDone(EventLoop loop, Object liveNode);

        boolean inLoop(EventLoop loop);

        /** The loop running on the current thread or task, or null. */
        EventLoop running();
    }

    /** What the loop needs from contexts. */
    public interface ContextOps {
        /** An immutable snapshot of the current context (null when empty). */
        Object capture();

        /** Enters a copy of {@code snapshot} on the current thread; returns what {@link #exit} restores. */
        Object enter(Object snapshot);

        void exit(Object previous);
    }

    /** What the loop needs from tasks. */
    public interface TaskOps {
        <T> Task<T> newTask(EventLoop loop, Coroutine<T> coroutine, String name, boolean eager);
    }

    private static volatile LoopOps loop;
    private static volatile ContextOps context;
    private static volatile TaskOps task;

    public static void setLoopOps(LoopOps ops) {
        loop = ops;
    }

    public static void setContextOps(ContextOps ops) {
        context = ops;
    }

    public static void setTaskOps(TaskOps ops) {
        task = ops;
    }

    public static LoopOps loop() {
        LoopOps l = loop;
        if (l == null) {
            init("io.asyncio4j.loop.EventLoop");
            l = loop;
        }
        return l;
    }

    public static ContextOps context() {
        ContextOps c = context;
        if (c == null) {
            init("io.asyncio4j.Context");
            c = context;
        }
        return c;
    }

    public static TaskOps task() {
        TaskOps t = task;
        if (t == null) {
            init("io.asyncio4j.Task");
            t = task;
        }
        return t;
    }

    private static void init(String className) {
        try {
            Class.forName(className, true, Access.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
