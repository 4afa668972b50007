package io.asyncio4j.bench.http;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.server.AppRunner;
import io.asyncio4j.http.server.Application;
import io.asyncio4j.http.server.HttpServerConfig;
import io.asyncio4j.http.server.Response;
import io.asyncio4j.http.server.WebSocketResponse;
import io.asyncio4j.http.websocket.WebSocketMessage;
import io.asyncio4j.http.websocket.WebSocketSettings;
import io.asyncio4j.net.ServerOptions;

/**
 * The asyncio4j HTTP server entry of {@code ../shared/bench/compare.sh http|ws}, on one event
 * loop (one thread), mirroring the peer {@code aiohttp_server.py}: {@code http PORT} answers
 * {@code GET /plaintext} with {@code Hello, World!}; {@code ws PORT} echoes every WebSocket message
 * on {@code /ws} (no compression, no heartbeat, 64 MiB messages). No access log.
 *
 * <pre>{@code
 * java --add-opens java.base/java.lang=ALL-UNNAMED -cp 'bench/target/asyncio4j-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*' \
 *      io.asyncio4j.bench.http.HttpBenchServer http 8080
 * }</pre>
 */
public final class HttpBenchServer {
    private HttpBenchServer() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !(args[0].equals("http") || args[0].equals("ws"))) {
            System.err.println("usage: HttpBenchServer http|ws PORT [HOST]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[1]);
        String host = args.length > 2 ? args[2] : "127.0.0.1";
        Application app = new Application();
        app.router().get("/plaintext", r -> Response.text("Hello, World!"));
        WebSocketSettings ws = WebSocketSettings.DEFAULTS.maxMessageSize(64L << 20);
        app.router().get("/ws", r -> {
            WebSocketResponse w = new WebSocketResponse().compress(false).settings(ws);
            w.prepare(r);
            for (WebSocketMessage m : w) {
                if (m.type() == WebSocketMessage.Type.TEXT) w.sendStr(m.text());
                else if (m.type() == WebSocketMessage.Type.BINARY) w.sendBytes(m.data());
            }
            return w;
        });
        HttpServerConfig cfg = new HttpServerConfig().accessLogFormat(null);
        Asyncio.run(() -> {
            AppRunner runner = new AppRunner(app, cfg);
            runner.setup();
            runner.start(host, port, new ServerOptions().backlog(1024));
            System.out.println("asyncio4j http bench (" + args[0] + ") listening on " + host + ":" + runner.port()
                    + " java=" + Runtime.version());
            try {
                io.asyncio4j.loop.EventLoop.current().<Void>createFuture().await();
            } finally {
                runner.cleanup();
            }
        });
    }
}
