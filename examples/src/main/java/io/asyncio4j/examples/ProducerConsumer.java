package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.queue.Queue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;

/**
 * asyncio docs, "Queues": three workers consume sleep-times from a queue; {@code join} waits until
 * every item was marked done, then the workers are cancelled. The total time is about a third of
 * the sum of the sleeps.
 */
public final class ProducerConsumer {
    static void worker(String name, Queue<Double> queue) {
        while (true) {
            double sleepFor = queue.get();
            sleep(sleepFor);
            queue.taskDone();
            System.out.printf("%s has slept for %.2f seconds%n", name, sleepFor);
        }
    }

    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> {
            Queue<Double> queue = new Queue<>();
            Random random = new Random(42);
            double total = 0;
            for (int i = 0; i < 12; i++) {
                double s = 0.05 + random.nextDouble() * 0.25;
                total += s;
                queue.putNowait(s);
            }
            List<Task<Void>> workers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String name = "worker-" + i;
                workers.add(createTask(() -> worker(name, queue)));
            }
            long start = System.nanoTime();
            queue.join();
            double took = (System.nanoTime() - start) / 1e9;
            workers.forEach(Task::cancel);
            Asyncio.gather(true, new ArrayList<>(workers)).await();
            System.out.println("====");
            System.out.printf("3 workers slept in parallel for %.2f seconds%n", took);
            System.out.printf("total expected sleep time: %.2f seconds%n", total);
        });
    }
}
