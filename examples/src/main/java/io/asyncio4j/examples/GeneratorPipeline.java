package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.queue.Queue;
import io.asyncio4j.queue.QueueShutDown;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;

/**
 * An async generator and its consumer ({@code async for}), the Java way: the producer task
 * yields values into a bounded queue (its {@code put} waits while the consumer is behind, like a
 * suspended generator) and shuts the queue down when it is exhausted; the consumer iterates until
 * {@code QueueShutDown}.
 */
public final class GeneratorPipeline {
    /** async def ticker(delay, to): for i in range(to): yield i; await asyncio.sleep(delay) */
    static void ticker(Queue<Integer> out, double delay, int to) {
        for (int i = 0; i < to; i++) {
            out.put(i);
            sleep(delay);
        }
        out.shutdown();
    }

    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> {
            Queue<Integer> ticks = new Queue<>(1);
            createTask(() -> ticker(ticks, 0.05, 10));
            int sum = 0;
            while (true) {
                int i;
                try {
                    i = ticks.get();
                } catch (QueueShutDown end) {
                    break;
                }
                System.out.println("got " + i);
                sum += i;
            }
            System.out.println("sum " + sum);
        });
    }
}
