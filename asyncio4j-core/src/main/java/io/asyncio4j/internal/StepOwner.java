package io.asyncio4j.internal;

/** Whatever owns a loop step, as the watchdog describes it: a task or a callback. */
public interface StepOwner {
    /** A short description (the task's name or the callback). */
    String describeOwner();

    /** Where it was created, if debug mode recorded it; otherwise empty. */
    StackTraceElement[] creationSite();

    /** The thread whose stack shows what the step is doing (the task's virtual thread). */
    Thread stepThread();
}
