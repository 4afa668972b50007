package io.asyncio4j.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Constructor;
import java.util.concurrent.Executor;

/**
 * The one reflective hook of asyncio4j: virtual threads whose scheduler is an {@link Executor}
 * of ours (the event loop). JDK 25 has no public API for it; the constructor
 * {@code java.lang.ThreadBuilders$VirtualThreadBuilder(Executor)} does it and needs
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED}. See DESIGN.md §2 for why there is no fallback.
 *
 * <p>The same opened package gives two cheaper forms used on hot paths: the static factory
 * {@code ThreadBuilders.newVirtualThread(Executor, String, int, Runnable)} (what the builder calls,
 * without a builder per task) and a read of {@code VirtualThread.scheduler}, which tells a task's
 * thread from any other without a {@code ThreadLocal} (see {@link #schedulerOf}).
 */
public final class LoopScheduler {
    /** The flag users must pass, named in every error. */
    public static final String FLAG = "--add-opens java.base/java.lang=ALL-UNNAMED";

    private static final MethodHandle NEW_BUILDER;
    private static final MethodHandle NEW_THREAD;
    private static final VarHandle SCHEDULER;
    private static final Class<?> VIRTUAL_THREAD;
    private static final Executor DEFAULT_SCHEDULER;
    private static final RuntimeException UNAVAILABLE;

    static {
        MethodHandle mh = null;
        MethodHandle newThread = null;
        VarHandle scheduler = null;
        Class<?> vthread = null;
        Executor defaultScheduler = null;
        RuntimeException failure = null;
        try {
            Class<?> type = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
            Constructor<?> ctor = type.getDeclaredConstructor(Executor.class);
            ctor.setAccessible(true);
            mh = MethodHandles.lookup().unreflectConstructor(ctor)
                    .asType(MethodType.methodType(Thread.Builder.OfVirtual.class, Executor.class));
            Class<?> builders = Class.forName("java.lang.ThreadBuilders");
            newThread = MethodHandles.privateLookupIn(builders, MethodHandles.lookup()).findStatic(builders,
                    "newVirtualThread",
                    MethodType.methodType(Thread.class, Executor.class, String.class, int.class, Runnable.class));
            vthread = Class.forName("java.lang.VirtualThread");
            scheduler = MethodHandles.privateLookupIn(vthread, MethodHandles.lookup())
                    .findVarHandle(vthread, "scheduler", Executor.class);
            defaultScheduler = (Executor) MethodHandles.privateLookupIn(vthread, MethodHandles.lookup())
                    .findStaticVarHandle(vthread, "DEFAULT_SCHEDULER", java.util.concurrent.ForkJoinPool.class)
                    .get();
        } catch (RuntimeException | ReflectiveOperationException e) {
            String module = LoopScheduler.class.getModule().isNamed()
                    ? LoopScheduler.class.getModule().getName() : "ALL-UNNAMED";
            failure = new IllegalStateException(
                    "asyncio4j cannot create its event loop: tasks are virtual threads scheduled by the loop, "
                    + "which needs the JVM flag '--add-opens java.base/java.lang=" + module + "' "
                    + "(use '=ALL-UNNAMED' on the class path, '=io.asyncio4j.core' on the module path). "
                    + "For 'java -jar', put 'Add-Opens: java.base/java.lang' in the JAR manifest instead. "
                    + "Cause: " + e, e);
        }
        NEW_BUILDER = mh;
        NEW_THREAD = newThread;
        SCHEDULER = scheduler;
        VIRTUAL_THREAD = vthread;
        DEFAULT_SCHEDULER = defaultScheduler;
        UNAVAILABLE = failure;
    }

    private LoopScheduler() {}

    /** Throws the explanatory error if the JVM was started without the flag. */
    public static void checkAvailable() {
        if (UNAVAILABLE != null) {
            throw new IllegalStateException(UNAVAILABLE.getMessage(), UNAVAILABLE.getCause());
        }
    }

    /** A builder of virtual threads whose continuations are handed to {@code scheduler}. */
    public static Thread.Builder.OfVirtual builder(Executor scheduler) {
        checkAvailable();
        try {
            return (Thread.Builder.OfVirtual) NEW_BUILDER.invokeExact(scheduler);
        } catch (Throwable t) {
            throw new IllegalStateException("cannot create a loop-scheduled virtual thread builder", t);
        }
    }

    /**
     * A new, unstarted virtual thread whose continuations are handed to {@code scheduler}: the same
     * thread {@code builder(scheduler).name(name).unstarted(task)} makes, without the builder.
     */
    public static Thread newThread(Executor scheduler, String name, Runnable task) {
        checkAvailable();
        try {
            return (Thread) NEW_THREAD.invokeExact(scheduler, name, 0, task);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cannot create a loop-scheduled virtual thread", t);
        }
    }

    /**
     * The JDK's own scheduler of virtual threads. A virtual thread started inside a task inherits
     * the task's scheduler (the JDK hands a child its parent's); the task sends such a thread's
     * continuations here, so it behaves as every other virtual thread: it neither occupies the loop
     * nor dies with it. The JDK's pollers are such threads when blocking I/O first happens in a task.
     */
    public static Executor defaultScheduler() {
        checkAvailable();
        return DEFAULT_SCHEDULER;
    }

    /**
     * The scheduler of {@code thread} if it is a virtual thread, else null. A virtual thread started
     * inside a task inherits that task's scheduler, so callers also compare the thread itself.
     */
    public static Executor schedulerOf(Thread thread) {
        if (SCHEDULER == null || thread.getClass() != VIRTUAL_THREAD) {
            return null;
        }
        return (Executor) SCHEDULER.get(thread);
    }
}
