package io.asyncio4j;

/**
 * The body of a task: a lambda or method reference that returns a value and may throw.
 * It runs as plain sequential code in a {@link Task}; {@link Future#await()} inside it suspends
 * the task, not the thread. This is what {@code async def} is to Python.
 *
 * <pre>{@code
 * Coroutine<String> fetch = () -> {
 *     Asyncio.sleep(0.1);
 *     return "done";
 * };
 * String result = Asyncio.run(fetch);
 * }</pre>
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface Coroutine<T> {
    T call() throws Exception;

    /** Adapts a body that returns nothing. */
    static Coroutine<Void> of(VoidCoroutine body) {
        return () -> {
            body.run();
            return null;
        };
    }
}
