package io.asyncio4j.cli;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.ExceptionGroup;
import io.asyncio4j.Task;
import io.asyncio4j.TaskGroup;
import io.asyncio4j.TimeoutError;
import io.asyncio4j.files.AsyncFiles;
import io.asyncio4j.files.TemporaryDirectory;
import io.asyncio4j.http.client.ClientSession;
import io.asyncio4j.http.websocket.WebSocketClient;
import io.asyncio4j.http.websocket.WebSocketConnection;
import io.asyncio4j.net.Server;
import io.asyncio4j.stream.StreamPair;
import io.asyncio4j.stream.Streams;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.nio.file.Path;
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
@Command(name = "demo", description = "Tour asyncio4j: tasks, gather, cancellation, timeouts, TaskGroup, then HTTP downloads, WebSocket and TCP echo on a local server (no network needed).")
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

    /** Part two: a local HTTP server, downloads one by one and concurrently, TCP and WebSocket echo. */
    private void network() throws Exception {
        out.println();
        say("8. a local HTTP server (what ./aio serve runs) with 6 generated files of 1 MiB,");
        say("   served slowly through /_aio/slow/ (64 KiB every 20 ms) like a distant server");
        try (TemporaryDirectory tmp = AsyncFiles.temporaryDirectory("aio-demo")) {
            Path files = tmp.path().resolve("files");
            AsyncFiles.makeDirs(files, true);
            java.util.Random random = new java.util.Random(1);
            List<String> urls = new ArrayList<>();
            ServeCommand.LocalServer server = ServeCommand.LocalServer.start(files, "127.0.0.1", 0, 0.02);
            try {
                for (int i = 1; i <= 6; i++) {
                    byte[] data = new byte[1024 * 1024];
                    random.nextBytes(data);
                    AsyncFiles.writeBytes(files.resolve("file-" + i + ".bin"), data);
                    urls.add(server.url("/_aio/slow/file-" + i + ".bin"));
                }
                say("   listening on " + server.url("/"));
                try (ClientSession session = new ClientSession()) {
                    boolean ansi = System.console() != null;
                    say("9. downloading them one by one:");
                    long s0 = System.nanoTime();
                    new Downloader(session, tmp.path().resolve("sequential"), 2, 0.2, new Progress(out, ansi))
                            .downloadAll(urls, 1);
                    double sequential = (System.nanoTime() - s0) / 1e9;
                    say("   and all 6 at once:");
                    long c0 = System.nanoTime();
                    List<Downloader.Result> got = new Downloader(session, tmp.path().resolve("concurrent"), 2, 0.2,
                            new Progress(out, ansi)).downloadAll(urls, 6);
                    double concurrent = (System.nanoTime() - c0) / 1e9;
                    long ok = got.stream().filter(r -> r.error() == null).count();
                    boolean identical = true;
                    for (int i = 1; i <= 6; i++) {
                        identical &= java.util.Arrays.equals(AsyncFiles.readBytes(files.resolve("file-" + i + ".bin")),
                                AsyncFiles.readBytes(tmp.path().resolve("concurrent").resolve("file-" + i + ".bin")));
                    }
                    say(String.format("   %d/6 files, identical to the originals: %s; one by one %.2f s, concurrently %.2f s (%.1fx)",
                            ok, identical, sequential, concurrent, sequential / concurrent));
                }
                say("10. WebSocket echo at " + server.wsUrl("/_aio/echo"));
                WebSocketConnection ws = WebSocketClient.connect(server.wsUrl("/_aio/echo"));
                long w0 = System.nanoTime();
                int messages = 1000;
                for (int i = 0; i < messages; i++) {
                    ws.sendStr("message " + i);
                    String back = ws.receiveStr();
                    if (!back.equals("message " + i)) {
                        throw new IllegalStateException("WebSocket echo returned " + back);
                    }
                }
                double wsSecs = (System.nanoTime() - w0) / 1e9;
                ws.close();
                say(String.format("    %d round trips in %.0f ms (%.0f µs each, compression %s)", messages, wsSecs * 1e3,
                        wsSecs * 1e6 / messages, ws.isCompressed() ? "on" : "off"));
            } finally {
                server.close();
            }
        }
        say("11. TCP echo server and client over streams");
        Server echo = Streams.startServer(EchoCommand::handleQuietly, "127.0.0.1", 0);
        try {
            StreamPair conn = Streams.openConnection("127.0.0.1", echo.port());
            long t0 = System.nanoTime();
            int rounds = 1000;
            byte[] payload = "ping\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            for (int i = 0; i < rounds; i++) {
                conn.writer().write(payload);
                conn.writer().drain();
                conn.reader().readLine();
            }
            double tcpSecs = (System.nanoTime() - t0) / 1e9;
            conn.writer().close();
            conn.writer().waitClosed();
            say(String.format("    %d line round trips in %.0f ms (%.0f µs each)", rounds, tcpSecs * 1e3,
                    tcpSecs * 1e6 / rounds));
        } finally {
            echo.close();
            echo.waitClosed();
        }
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
        network();
        out.println("\ndone. Next: ./aio --help, docs/tutorial.md, docs/asyncio-to-asyncio4j.md");
    }
}
