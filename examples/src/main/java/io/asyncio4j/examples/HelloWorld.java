package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;

/**
 * asyncio docs, "Coroutines": the smallest program. {@code main} is a coroutine run by
 * {@link Asyncio#run}; {@code sleep} suspends it without blocking the loop.
 */
public final class HelloWorld {
    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> {
            System.out.println("hello");
            Asyncio.sleep(1);
            System.out.println("world");
        });
    }
}
