package io.asyncio4j.cli;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.http.websocket.WebSocketClient;
import io.asyncio4j.http.websocket.WebSocketConnection;
import io.asyncio4j.http.websocket.WebSocketMessage;
import io.asyncio4j.queue.Queue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code aio ws URL}: an interactive WebSocket client. Each line read from stdin is sent as a text
 * message; every message received is printed with {@code < }. EOF on stdin closes the connection
 * (after waiting up to 2 s for as many replies as messages were sent, so an echo is not cut off).
 * Stdin is read on a daemon platform thread: reading a pipe would pin a task's thread.
 */
@Command(name = "ws", description = "Interactive WebSocket client: stdin lines are sent, received messages printed.")
final class WsCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "ws:// URL.")
    String url;

    @Override
    public Integer call() throws Exception {
        Asyncio.run(() -> {
            WebSocketConnection ws = WebSocketClient.connect(url);
            System.err.println("connected to " + url + (ws.protocol() != null ? " (" + ws.protocol() + ")" : "")
                    + "; type lines to send, Ctrl+D to close");
            int[] sent = {0};
            int[] received = {0};
            Task<Void> printer = Asyncio.createTask(() -> {
                for (WebSocketMessage m : ws) {
                    received[0]++;
                    switch (m.type()) {
                        case TEXT -> System.out.println("< " + m.text());
                        case BINARY -> System.out.println("< (" + m.data().length + " bytes binary)");
                        default -> { }
                    }
                    System.out.flush();
                }
                System.err.println("closed by the server: " + ws.closeCode()
                        + (ws.closeReason() == null || ws.closeReason().isEmpty() ? "" : " " + ws.closeReason()));
            });
            // Stdin is read by a daemon platform thread (a pipe read would pin a task's thread, and a
            // pending read must not keep the program alive once the server has closed).
            var loop = Asyncio.getRunningLoop();
            Queue<Optional<String>> lines = new Queue<>();
            Thread.ofPlatform().daemon().name("aio-ws-stdin").start(() -> {
                BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                try {
                    String line;
                    while ((line = stdin.readLine()) != null) {
                        String l = line;
                        loop.callSoonThreadsafe(() -> lines.putNowait(Optional.of(l)));
                    }
                } catch (java.io.IOException ignored) {
                    // treated as end of input
                } catch (IllegalStateException loopClosed) {
                    return;
                }
                loop.callSoonThreadsafe(() -> lines.putNowait(Optional.empty()));
            });
            Task<Void> sender = Asyncio.createTask(() -> {
                while (true) {
                    Optional<String> line = lines.get();
                    if (line.isEmpty()) {
                        // End of input: give the replies to what we sent up to 2 s to arrive, then close.
                        for (int i = 0; i < 200 && received[0] < sent[0] && !printer.isDone(); i++) {
                            Asyncio.sleep(0.01);
                        }
                        ws.close();
                        return;
                    }
                    ws.sendStr(line.get());
                    sent[0]++;
                }
            });
            printer.await();
            sender.cancel();
        });
        return 0;
    }
}
