package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.KeyboardInterrupt;
import io.asyncio4j.Task;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;

/**
 * asyncio docs, "Task Cancellation": a task cancelled by a {@code call_later} timer sees
 * {@code CancelledError} at its await, cleans up and re-raises; the awaiting code sees it too.
 * Press Ctrl+C while it runs (pass {@code --forever}) and {@code Asyncio.run} cancels the main
 * task, so the {@code finally} blocks run before the program exits with code 130.
 */
public final class CancelTask {
    static void cancelMe() {
        System.out.println("cancel_me(): before sleep");
        try {
            sleep(3600);
        } catch (CancelledError e) {
            System.out.println("cancel_me(): cancel sleep");
            throw e;
        } finally {
            System.out.println("cancel_me(): after sleep");
        }
    }

    public static void main(String[] args) throws Exception {
        boolean forever = args.length > 0 && args[0].equals("--forever");
        try {
            Asyncio.run(() -> {
                Task<Void> task = createTask(CancelTask::cancelMe);
                Asyncio.getRunningLoop().callLater(forever ? 3600 : 1, task::cancel);
                try {
                    task.await();
                } catch (CancelledError e) {
                    System.out.println("main(): cancel_me is cancelled now");
                }
            });
        } catch (KeyboardInterrupt e) {
            System.out.println("interrupted by Ctrl+C");
            System.exit(130);
        }
    }
}
