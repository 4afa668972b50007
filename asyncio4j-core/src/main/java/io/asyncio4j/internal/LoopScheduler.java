package io.asyncio4j.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.util.concurrent.Executor;

/**
 * The one reflective call of asyncio4j: a virtual-thread builder whose scheduler is an
 * {@link Executor} of ours (the event loop). JDK 25 has no public API for it; the
 * constructor {@code java.lang.ThreadBuilders$VirtualThreadBuilder(Executor)} does it and needs
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED}. See DESIGN.md §2 for why there is no fallback.
 */
public final class LoopScheduler {
    /** The flag users must pass, named in every error. */
    public static final String FLAG = "--add-opens java.base/java.lang=ALL-UNNAMED";

    private static final MethodHandle NEW_BUILDER;
    private static final RuntimeException UNAVAILABLE;

    static {
        MethodHandle mh = null;
        RuntimeException failure = null;
        try {
            Class<?> type = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
            Constructor<?> ctor = type.getDeclaredConstructor(Executor.class);
            ctor.setAccessible(true);
            mh = MethodHandles.lookup().unreflectConstructor(ctor)
                    .asType(MethodType.methodType(Thread.Builder.OfVirtual.class, Executor.class));
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
}
