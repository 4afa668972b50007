package io.asyncio4j.cli;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.KeyboardInterrupt;
import io.asyncio4j.http.server.AppRunner;
import io.asyncio4j.http.server.Application;
import io.asyncio4j.http.server.Response;
import io.asyncio4j.http.server.StaticOptions;
import io.asyncio4j.http.server.WebSocketResponse;
import io.asyncio4j.http.websocket.WebSocketMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code aio serve [DIR]}: a static file server with directory listings, a WebSocket echo
 * endpoint at {@code /_aio/echo} and a live page at {@code /_aio/} that shows open connections
 * and requests per second, pushed over a WebSocket ({@code /_aio/stats}) every half second.
 */
@Command(name = "serve", description = "Serve DIR over HTTP (listings, WebSocket echo at /_aio/echo, live stats at /_aio/).")
final class ServeCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", defaultValue = ".", description = "Directory to serve. Default: the current one.")
    Path dir;

    @Option(names = "--port", defaultValue = "8080", description = "Port (0: any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    String host;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "not a directory");
        }
        CliLogging.accessLog(true);
        try {
            Asyncio.run(() -> {
                Shutdown.onTerminate(Asyncio.currentTask());
                LocalServer server = LocalServer.start(dir, host, port);
                System.out.println("serving " + dir.toAbsolutePath().normalize() + " on " + server.url("/")
                        + "  (live stats: " + server.url("/_aio/") + ", WebSocket echo: " + server.wsUrl("/_aio/echo") + ")");
                System.out.flush();
                try {
                    Asyncio.getRunningLoop().createFuture().await(); // until Ctrl+C or SIGTERM
                } finally {
                    server.close();
                }
            });
        } catch (KeyboardInterrupt | CancelledError e) {
            System.out.println("stopped");
        }
        return 0;
    }

    /** The server behind {@code aio serve} and {@code aio demo}: files, WebSocket echo, live stats. */
    static final class LocalServer {
        private final AppRunner runner;
        private final String host;
        private long requests;

        private LocalServer(AppRunner runner, String host) {
            this.runner = runner;
            this.host = host;
        }

        static LocalServer start(Path dir, String host, int port) throws Exception {
            return start(dir, host, port, 0);
        }

        /**
         * {@code slowChunkDelay} > 0 adds {@code /_aio/slow/NAME}: the file NAME sent in 64 KiB
         * chunks with that many seconds between them, a stand-in for a distant server (the demo
         * uses it to show what concurrency buys).
         */
        static LocalServer start(Path dir, String host, int port, double slowChunkDelay) throws Exception {
            Application app = new Application();
            LocalServer[] self = new LocalServer[1];
            app.middleware((request, next) -> {
                self[0].requests++;
                return next.handle(request);
            });
            app.router().get("/_aio/", r -> Response.html(LIVE_PAGE));
            app.router().get("/_aio/echo", request -> {
                WebSocketResponse ws = new WebSocketResponse();
                ws.prepare(request);
                for (WebSocketMessage m : ws) {
                    switch (m.type()) {
                        case TEXT -> ws.sendStr(m.text());
                        case BINARY -> ws.sendBytes(m.data());
                        default -> { }
                    }
                }
                return ws;
            });
            app.router().get("/_aio/stats", request -> {
                WebSocketResponse ws = new WebSocketResponse();
                ws.prepare(request);
                long lastCount = self[0].requests;
                long lastTime = System.nanoTime();
                while (!ws.isClosed()) {
                    Asyncio.sleep(0.5);
                    long now = System.nanoTime();
                    long count = self[0].requests;
                    double rate = (count - lastCount) / ((now - lastTime) / 1e9);
                    lastCount = count;
                    lastTime = now;
                    try {
                        ws.sendJson(Map.of("connections", self[0].runner.connectionCount(),
                                "requests", count, "requestsPerSecond", Math.round(rate)));
                    } catch (java.io.IOException gone) {
                        break;
                    }
                }
                return ws;
            });
            if (slowChunkDelay > 0) {
                app.router().get("/_aio/slow/{name}", request -> {
                    Path file = dir.resolve(request.matchInfo("name")).normalize();
                    if (!file.startsWith(dir.normalize()) || !io.asyncio4j.files.AsyncFiles.isFile(file)) {
                        throw io.asyncio4j.http.server.HttpException.notFound();
                    }
                    byte[] data = io.asyncio4j.files.AsyncFiles.readBytes(file);
                    io.asyncio4j.http.server.StreamResponse r = new io.asyncio4j.http.server.StreamResponse()
                            .contentType("application/octet-stream").contentLength(data.length);
                    r.prepare(request);
                    for (int off = 0; off < data.length; off += 64 * 1024) {
                        Asyncio.sleep(slowChunkDelay);
                        r.write(data, off, Math.min(64 * 1024, data.length - off));
                        r.drain();
                    }
                    r.writeEof();
                    return r;
                });
            }
            app.router().addStatic("/", dir, StaticOptions.DEFAULTS.showIndex(true));
            AppRunner runner = new AppRunner(app);
            runner.setup();
            runner.start(host, port);
            self[0] = new LocalServer(runner, host);
            return self[0];
        }

        int port() {
            return runner.port();
        }

        String url(String path) {
            return "http://" + host + ":" + port() + path;
        }

        String wsUrl(String path) {
            return "ws://" + host + ":" + port() + path;
        }

        void close() throws Exception {
            runner.cleanup();
        }
    }

    static final String LIVE_PAGE = """
            <!doctype html>
            <html><head><meta charset="utf-8"><title>aio serve: live</title>
            <style>body{font-family:sans-serif;margin:2em} td{padding:.2em 1em} .n{font-size:2em;font-weight:bold}</style>
            </head><body>
            <h1>aio serve</h1>
            <table><tr><td>open connections</td><td class="n" id="connections">-</td></tr>
            <tr><td>requests per second</td><td class="n" id="rate">-</td></tr>
            <tr><td>requests in total</td><td class="n" id="requests">-</td></tr></table>
            <p id="status">connecting...</p>
            <script>
            const ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/_aio/stats");
            ws.onopen = () => document.getElementById("status").textContent = "live";
            ws.onclose = () => document.getElementById("status").textContent = "disconnected";
            ws.onmessage = (e) => {
              const s = JSON.parse(e.data);
              document.getElementById("connections").textContent = s.connections;
              document.getElementById("rate").textContent = s.requestsPerSecond;
              document.getElementById("requests").textContent = s.requests;
            };
            </script></body></html>
            """;

    static Duration seconds(double s) {
        return Duration.ofNanos((long) (s * 1e9));
    }
}
