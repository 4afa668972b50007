package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.loop.EventLoop;

/**
 * asyncio docs, "Futures": a low-level future whose result is set later, by a loop callback and
 * by another thread (through {@code callSoonThreadsafe}); done-callbacks run on the loop.
 */
public final class FutureCallbacks {
    static void setAfter(Future<String> fut, double delay, String value) {
        Asyncio.sleep(delay);
        fut.setResult(value);
    }

    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<String> fut = loop.createFuture();
            fut.addDoneCallback(f -> System.out.println("done-callback sees: " + f.resultNow()));
            Asyncio.createTask(() -> setAfter(fut, 0.2, "... world"));
            System.out.println("hello ...");
            System.out.println(fut.await());

            Future<String> fromThread = loop.createFuture();
            Thread.ofPlatform().start(() -> {
                String computed = "computed on " + Thread.currentThread().getName();
                loop.callSoonThreadsafe(() -> fromThread.setResult(computed));
            });
            System.out.println(fromThread.await().replaceAll("Thread-\\d+", "a platform thread"));
        });
    }
}
