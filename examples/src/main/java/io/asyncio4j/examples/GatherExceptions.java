package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;

import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;

/**
 * asyncio docs, "Running Tasks Concurrently": the factorial example, then what {@code gather}
 * does with a failure (propagates it; the other tasks keep running), with
 * {@code return_exceptions=True} (returned in place), and when a child is cancelled.
 */
public final class GatherExceptions {
    static long factorial(String name, int number) {
        long f = 1;
        for (int i = 2; i <= number; i++) {
            System.out.println("Task " + name + ": Compute factorial(" + number + "), currently i=" + i + "...");
            sleep(0.1);
            f *= i;
        }
        System.out.println("Task " + name + ": factorial(" + number + ") = " + f);
        return f;
    }

    static long failing() {
        sleep(0.05);
        throw new ArithmeticException("division by zero");
    }

    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> {
            List<Long> all = Asyncio.gather(createTask(() -> factorial("A", 2)),
                    createTask(() -> factorial("B", 3)), createTask(() -> factorial("C", 4))).await();
            System.out.println(all);

            Task<Long> slow = createTask(() -> factorial("D", 3));
            try {
                Asyncio.gather(createTask(GatherExceptions::failing), slow).await();
            } catch (ArithmeticException e) {
                System.out.println("gather raised: " + e.getMessage() + "; the other task still runs: " + !slow.isDone());
            }
            System.out.println("and finishes: " + slow.await());

            List<Object> mixed = Asyncio.gather(true, createTask(() -> 1L), createTask(GatherExceptions::failing)).await();
            System.out.println("return_exceptions: " + mixed);

            Task<Long> victim = createTask(() -> factorial("E", 10));
            var g = Asyncio.gather(victim, createTask(() -> factorial("F", 2)));
            sleep(0.15);
            victim.cancel();
            try {
                g.await();
            } catch (CancelledError e) {
                System.out.println("a cancelled child makes gather raise CancelledError");
            }
        });
    }
}
