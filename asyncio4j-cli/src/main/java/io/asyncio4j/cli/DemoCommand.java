package io.asyncio4j.cli;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.ExceptionGroup;
import io.asyncio4j.Task;
import io.asyncio4j.TaskGroup;
import io.asyncio4j.TimeoutError;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;

/**
 * {@code aio demo}: a tour that needs no network. Runs tasks concurrently, gathers them, cancels
 * one, times two out, lets a TaskGroup fail, and measures task spawning, printing what happens
 * with timestamps so the concurrency is visible.
 */
@Command(name = "demo", description = "Tour asyncio4j: tasks, gather, cancellation, timeouts, TaskGroup (no network needed).")
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    Aio parent;

    private final PrintStream out = System.out;
    private long start;

    @Override
    public Integer call() throws Exception {
        Asyncio.run(this::tour, parent != null && parent.debug ? Boolean.TRUE : null);
        return 0;
    }

    private void say(String what) {
        out.printf("[%6.3f s] %s%n", (System.nanoTime() - start) / 1e9, what);
    }

    private void tour() throws Exception {
        start = System.nanoTime();
        out.println("asyncio4j demo: one event loop thread, every task a virtual thread it schedules\n");

        say("1. three workers started with createTask, then gather() waits for all of them");
        List<Task<String>> workers = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            double delay = i / 10.0;
            String name = "worker-" + i;
            workers.add(createTask(() -> {
                say("   " + name + " sleeps " + delay + " s");
                sleep(delay);
                say("   " + name + " done");
                return name;
            }, name));
        }
        say("   gather -> " + Asyncio.gather(workers).await() + " (0.3 s in total, not 0.6 s)");

        say("2. cancelling a task: its await raises CancelledError and its finally block runs");
        Task<Void> slow = createTask(() -> {
            try {
                sleep(3600);
            } finally {
                say("   slow task: finally block ran");
            }
        }, "slow");
        sleep(0.05);
        slow.cancel("not needed any more");
        try {
            slow.await();
        } catch (CancelledError e) {
            say("   awaiting it raised CancelledError(\"" + e.getMessage() + "\")");
        }

        say("3. waitFor with a 0.1 s timeout on a 10 s job");
        try {
            Asyncio.waitFor(createTask(() -> Asyncio.sleep(10, "late")), Duration.ofMillis(100));
        } catch (TimeoutError e) {
            say("   TimeoutError: the job was cancelled and awaited");
        }

        say("4. a timeout scope around several awaits, moved once with reschedule()");
        var scope = Asyncio.timeout(Duration.ofMillis(100));
        try {
            scope.run(() -> {
                scope.reschedule(Asyncio.getRunningLoop().time() + 0.15);
                sleep(1);
            });
        } catch (TimeoutError e) {
            say("   expired=" + scope.expired() + " after the rescheduled 0.15 s");
        }

        say("5. a TaskGroup whose two children fail: siblings are cancelled, both errors reported together");
        try {
            TaskGroup.run(tg -> {
                tg.createTask(() -> {
                    sleep(0.05);
                    throw new IllegalStateException("disk full");
                });
                tg.createTask(() -> {
                    sleep(0.05);
                    throw new IllegalArgumentException("bad input");
                });
                tg.createTask(() -> {
                    try {
                        sleep(10);
                    } catch (CancelledError e) {
                        say("   sibling cancelled by the group");
                        throw e;
                    }
                });
            });
        } catch (ExceptionGroup eg) {
            say("   ExceptionGroup: " + eg.exceptions().stream().map(Throwable::getMessage).toList());
        }

        say("6. blocking code: toThread runs it on a platform thread while the loop keeps going");
        var blocking = Asyncio.toThread(() -> {
            Thread.sleep(100);
            return Thread.currentThread().getName();
        });
        int ticks = 0;
        while (!blocking.isDone()) {
            sleep(0.01);
            ticks++;
        }
        say("   ran on " + blocking.await() + "; the loop ticked " + ticks + " times meanwhile");

        int n = 100_000;
        long t0 = System.nanoTime();
        List<Task<Integer>> many = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int k = i;
            many.add(createTask(() -> k));
        }
        Asyncio.gather(many).await();
        double secs = (System.nanoTime() - t0) / 1e9;
        say(String.format("7. %,d tasks spawned, run and gathered in %.0f ms (%,.0f tasks/s, cold JIT)", n, secs * 1e3, n / secs));
        out.println("\ndone. Next: ./aio --help, docs/tutorial.md, docs/asyncio-to-asyncio4j.md");
    }
}
