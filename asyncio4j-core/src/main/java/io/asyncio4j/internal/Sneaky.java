package io.asyncio4j.internal;

/** Rethrows any throwable without wrapping it, so {@code await()} rethrows the task's own object. */
public final class Sneaky {
    private Sneaky() {}

    @SuppressWarnings("unchecked")
    public static <E extends Throwable> RuntimeException rethrow(Throwable t) throws E {
        throw (E) t;
    }
}
