package io.asyncio4j.http.server;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.TimeoutError;
import io.asyncio4j.http.websocket.WebSocketCloseCodes;
import io.asyncio4j.http.websocket.WebSocketConnection;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.net.Net;
import io.asyncio4j.net.Server;
import io.asyncio4j.net.ServerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs an {@link Application} on the current event loop: {@link #setup()} runs the startup hooks,
 * {@link #start} listens on a host/port (port 0 picks a free port, see {@link #port()}), and
 * {@link #cleanup()} shuts down gracefully: stop accepting, run the shutdown hooks, close idle
 * connections and WebSockets (1001), let in-flight requests finish within
 * {@link HttpServerConfig#shutdownTimeout()}, then drop what is left and run the cleanup hooks.
 * Call every method from a task of the loop.
 *
 * <p>The analog of aiohttp's {@code web.AppRunner} + {@code web.TCPSite}, and {@link #runApp}
 * of {@code web.run_app}.
 *
 * <pre>{@code
 * Asyncio.run(() -> {
 *     AppRunner runner = new AppRunner(app);
 *     runner.setup();
 *     runner.start("127.0.0.1", 0);
 *     System.out.println("listening on " + runner.port());
 *     ...
 *     runner.cleanup();
 * });
 * }</pre>
 */
public final class AppRunner {
    private static final System.Logger LOG = System.getLogger("io.asyncio4j.http.server");

    private final Application app;
    private final HttpServerConfig cfg;
    private final AccessLogger accessLogger;
    private final List<Server> servers = new ArrayList<>();
    private final Set<HttpServerProtocol> connections = new LinkedHashSet<>();
    private final Set<WebSocketConnection> websockets = new LinkedHashSet<>();
    private Future<Void> drained;
    private boolean setUp;
    private boolean shuttingDown;

    /** A runner with the default {@link HttpServerConfig}. */
    public AppRunner(Application app) {
        this(app, new HttpServerConfig());
    }

    /** A runner with {@code config}. */
    public AppRunner(Application app, HttpServerConfig config) {
        this.app = app;
        this.cfg = config;
        this.accessLogger = config.accessLogFormat() == null ? null : new AccessLogger(config.accessLogFormat());
    }

    /** The application. */
    public Application app() {
        return app;
    }

    /** The configuration. */
    public HttpServerConfig config() {
        return cfg;
    }

    /** Freezes the application and runs its startup hooks. */
    public void setup() throws Exception {
        if (setUp) return;
        app.freeze();
        app.runStartup();
        setUp = true;
    }

    /** Listens on {@code host} ({@code null}: all interfaces) and {@code port} (0: any free port). */
    public Server start(String host, int port) throws Exception {
        return start(host, port, new ServerOptions());
    }

    /** Listens with socket options (backlog, {@code SO_REUSEPORT}, ...). */
    public Server start(String host, int port, ServerOptions options) throws Exception {
        if (!setUp) setup();
        Server s = Net.createServer(() -> new HttpServerProtocol(this), host, port, options);
        servers.add(s);
        return s;
    }

    /** The servers started so far. */
    public List<Server> servers() {
        return List.copyOf(servers);
    }

    /** The port of the first server (the actual one when started with port 0). */
    public int port() {
        if (servers.isEmpty()) throw new IllegalStateException("not started");
        return servers.getFirst().port();
    }

    /** Open HTTP connections (WebSockets not included). */
    public int connectionCount() {
        return connections.size();
    }

    void register(HttpServerProtocol p) {
        connections.add(p);
        if (shuttingDown) p.shutdown();
    }

    void unregister(HttpServerProtocol p) {
        connections.remove(p);
        checkDrained();
    }

    /** Tracks a server-side WebSocket for shutdown (closed with 1001). */
    void register(WebSocketConnection ws) {
        websockets.add(ws);
        ws.onClosed(() -> {
            websockets.remove(ws);
            checkDrained();
        });
    }

    private void checkDrained() {
        if (shuttingDown && connections.isEmpty() && websockets.isEmpty() && drained != null && !drained.isDone()) {
            drained.setResult(null);
        }
    }

    void accessLog(Request r, StreamResponse resp, long nanos) {
        if (accessLogger != null) accessLogger.log(r, resp, nanos);
    }

    /** Graceful shutdown then cleanup hooks (see the class comment). */
    public void cleanup() throws Exception {
        if (shuttingDown) return;
        shuttingDown = true;
        EventLoop loop = EventLoop.current();
        for (Server s : servers) s.close();
        try {
            app.runShutdown();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "on_shutdown hook failed", e);
        }
        for (HttpServerProtocol p : new ArrayList<>(connections)) p.shutdown();
        List<Task<Void>> closers = new ArrayList<>();
        for (WebSocketConnection ws : new ArrayList<>(websockets)) {
            closers.add(loop.createTask(() -> {
                try {
                    ws.close(WebSocketCloseCodes.GOING_AWAY, "server shutdown");
                } catch (Exception ignored) {
                    // the peer went away
                }
            }));
        }
        drained = loop.createFuture();
        checkDrained();
        try {
            Asyncio.waitFor(Asyncio.shield(drained), cfg.shutdownTimeout());
        } catch (TimeoutError e) {
            LOG.log(System.Logger.Level.WARNING, "graceful shutdown timed out; closing " + connections.size() + " connection(s)");
        }
        for (HttpServerProtocol p : new ArrayList<>(connections)) p.abort();
        for (WebSocketConnection ws : new ArrayList<>(websockets)) ws.abort();
        for (Task<Void> t : closers) t.cancel();
        for (Server s : servers) {
            s.abortClients();
            s.waitClosed();
        }
        app.runCleanup();
    }

    /**
     * Runs {@code app} on a new event loop until the task is cancelled or the JVM is interrupted
     * (aiohttp's {@code web.run_app}); prints the address it listens on.
     */
    public static void runApp(Application app, String host, int port) throws Exception {
        runApp(app, host, port, new HttpServerConfig());
    }

    /** {@link #runApp(Application, String, int)} with a configuration. */
    public static void runApp(Application app, String host, int port, HttpServerConfig config) throws Exception {
        Asyncio.run(() -> {
            AppRunner runner = new AppRunner(app, config);
            runner.setup();
            runner.start(host, port);
            System.out.println("======== Running on http://" + (host == null ? "0.0.0.0" : host) + ":" + runner.port() + " ========");
            try {
                EventLoop.current().<Void>createFuture().await();
            } finally {
                runner.cleanup();
            }
        });
    }
}
