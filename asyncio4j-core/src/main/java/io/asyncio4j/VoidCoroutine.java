package io.asyncio4j;

/**
 * A task body that returns nothing; see {@link Coroutine}.
 *
 * <pre>{@code
 * Asyncio.run((VoidCoroutine) () -> System.out.println("hello"));
 * }</pre>
 */
@FunctionalInterface
public interface VoidCoroutine {
    void run() throws Exception;
}
