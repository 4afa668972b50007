package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;

/**
 * asyncio docs, "Awaitables" / "Creating Tasks": {@code say_after} awaited one after the other
 * takes 3 seconds; wrapped in tasks they run concurrently and take 2; {@code gather} does the same
 * and collects the results.
 */
public final class ConcurrentTasks {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    static String sayAfter(double delay, String what) {
        sleep(delay);
        System.out.println(what);
        return what;
    }

    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> {
            System.out.println("started at " + LocalTime.now().format(CLOCK));
            sayAfter(1, "hello");          // sequential: 1 s ...
            sayAfter(2, "world");          // ... then 2 s more
            System.out.println("sequential: finished at " + LocalTime.now().format(CLOCK));

            Task<String> t1 = createTask(() -> sayAfter(1, "hello"));
            Task<String> t2 = createTask(() -> sayAfter(2, "world"));
            t1.await();                    // both tasks run at once: 2 s in total
            t2.await();
            System.out.println("tasks: finished at " + LocalTime.now().format(CLOCK));

            var results = Asyncio.gather(createTask(() -> sayAfter(1, "hello")),
                    createTask(() -> sayAfter(2, "world"))).await();
            System.out.println("gather -> " + results);
        });
    }
}
