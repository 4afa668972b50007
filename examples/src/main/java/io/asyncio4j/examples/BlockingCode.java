package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;

/**
 * asyncio docs, "Running in Threads" and {@code run_in_executor}: a blocking call moved to a
 * platform thread with {@code toThread} runs while another coroutine keeps sleeping on the loop;
 * {@code runInExecutor} does the same with an executor of your own (a CPU-bound job here).
 */
public final class BlockingCode {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    static String blockingIo() throws InterruptedException {
        System.out.println("start blocking_io at " + LocalTime.now().format(CLOCK));
        Thread.sleep(1000); // a blocking call: fine on a platform thread
        System.out.println("blocking_io complete at " + LocalTime.now().format(CLOCK));
        return "io done";
    }

    static long cpuBound() {
        long s = 0;
        for (long i = 0; i < 30_000_000L; i++) {
            s += i * i;
        }
        return s;
    }

    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> {
            System.out.println("started main at " + LocalTime.now().format(CLOCK));
            Future<String> io = Asyncio.toThread(BlockingCode::blockingIo);
            var sleeper = createTask(() -> sleep(1));
            Asyncio.gather(io, sleeper).await();
            System.out.println("finished main at " + LocalTime.now().format(CLOCK) + " (1 s, not 2 s)");

            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                long r = Asyncio.getRunningLoop().runInExecutor(pool, BlockingCode::cpuBound).await();
                System.out.println("custom executor: " + r);
            } finally {
                pool.shutdown();
            }
        });
    }
}
