package io.asyncio4j.http.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A web application: a {@link Router}, {@link Middleware}s, startup/shutdown/cleanup hooks,
 * sub-applications mounted at prefixes, and shared state. Run it with {@link AppRunner} or
 * {@link AppRunner#runApp}.
 *
 * <p>The analog of aiohttp's {@code web.Application} ({@code router}, {@code middlewares},
 * {@code on_startup}, {@code on_shutdown}, {@code on_cleanup}, {@code add_subapp},
 * {@code client_max_size}, {@code app[key]}).
 *
 * <pre>{@code
 * Application app = new Application();
 * app.router().get("/", req -> Response.text("Hello"));
 * app.onStartup(a -> a.state().put("db", connect()));
 * app.onCleanup(a -> ((Db) a.state().get("db")).close());
 * Application admin = new Application();
 * admin.router().get("/stats", stats);
 * app.addSubapp("/admin", admin);              // GET /admin/stats
 * AppRunner.runApp(app, "127.0.0.1", 8080);
 * }</pre>
 */
public final class Application {
    /** aiohttp's default {@code client_max_size}: 1 MiB. */
    public static final long DEFAULT_CLIENT_MAX_SIZE = 1024 * 1024;

    /** A startup/shutdown/cleanup hook; runs in a task. */
    @FunctionalInterface
    public interface Hook {
        /** Runs the hook for {@code app}. */
        void run(Application app) throws Exception;
    }

    /**
     * A resource with a startup and a cleanup part (aiohttp's {@code cleanup_ctx} generator):
     * {@link #start} runs at startup and returns what to close at cleanup (null: nothing).
     *
     * <pre>{@code
     * app.cleanupCtx(a -> {
     *     Db db = Db.connect();
     *     a.state().put("db", db);
     *     return db;                 // closed at cleanup
     * });
     * }</pre>
     */
    @FunctionalInterface
    public interface CleanupContext {
        /** Runs the startup part; returns the cleanup part. */
        AutoCloseable start(Application app) throws Exception;
    }

    private final Router router = new Router(this);
    private final List<Middleware> middlewares = new ArrayList<>();
    private final List<Hook> onStartup = new ArrayList<>();
    private final List<Hook> onShutdown = new ArrayList<>();
    private final List<Hook> onCleanup = new ArrayList<>();
    private final List<ResponsePrepareHook> onResponsePrepare = new ArrayList<>();
    private final List<CleanupContext> cleanupCtx = new ArrayList<>();
    private final List<AutoCloseable> entered = new ArrayList<>();
    private final List<Application> subapps = new ArrayList<>();
    private final Map<String, Object> state = new ConcurrentHashMap<>();
    private long clientMaxSize = DEFAULT_CLIENT_MAX_SIZE;
    private boolean frozen;
    private Application parent;
    private String prefix = "";

    /** An empty application. */
    public Application() {}

    /** The router. */
    public Router router() {
        return router;
    }

    /** Adds a middleware; the first added is the outermost. */
    public Application middleware(Middleware m) {
        checkNotFrozen();
        middlewares.add(m);
        return this;
    }

    /** The middlewares in order. */
    public List<Middleware> middlewares() {
        return List.copyOf(middlewares);
    }

    /**
     * Adds a hook run when the server starts (before it accepts connections). Hooks run in the
     * order added, as aiohttp's signals do; a sub-application's run where it was mounted.
     */
    public Application onStartup(Hook h) {
        checkNotFrozen();
        onStartup.add(h);
        return this;
    }

    /** Adds a hook run when the server begins shutting down (after it stopped accepting). */
    public Application onShutdown(Hook h) {
        checkNotFrozen();
        onShutdown.add(h);
        return this;
    }

    /**
     * A hook run just before a response's head is sent, for every response of a request routed
     * through this application (errors, 404s and WebSocket handshakes too): aiohttp's
     * {@code on_response_prepare}. It may still change the status and headers.
     */
    @FunctionalInterface
    public interface ResponsePrepareHook {
        /** Runs the hook for {@code response} to {@code request}. */
        void run(Request request, StreamResponse response) throws Exception;
    }

    /** Adds an {@link ResponsePrepareHook}; the outer application's run first, each list in order. */
    public Application onResponsePrepare(ResponsePrepareHook h) {
        checkNotFrozen();
        onResponsePrepare.add(h);
        return this;
    }

    List<ResponsePrepareHook> responsePrepareHooks() {
        return onResponsePrepare;
    }

    /** Adds a hook run at the very end, after in-flight requests finished, in the order added. */
    public Application onCleanup(Hook h) {
        checkNotFrozen();
        onCleanup.add(h);
        return this;
    }

    /**
     * Adds a {@link CleanupContext}. As in aiohttp, the contexts start in the order added before
     * every {@code onStartup} hook, and the started ones are closed in reverse order before every
     * {@code onCleanup} hook.
     */
    public Application cleanupCtx(CleanupContext c) {
        checkNotFrozen();
        cleanupCtx.add(c);
        return this;
    }

    /** Mounts {@code app} at {@code prefix}: its routes see the path without the prefix. */
    public Application addSubapp(String prefix, Application app) {
        checkNotFrozen();
        if (app == this || app.parent != null) throw new IllegalArgumentException("application already mounted");
        app.parent = this;
        router.addSubapp(prefix, app);
        app.prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        subapps.add(app);
        // aiohttp registers the sub-application's signals as hooks of this one, at this point
        onStartup.add(a -> app.runStartup());
        onShutdown.add(a -> app.runShutdown());
        onCleanup.add(a -> app.runCleanup());
        return this;
    }

    /** Application-wide state ({@code app["key"]}). */
    public Map<String, Object> state() {
        return state;
    }

    /** The largest body {@link Request#read()} accepts (default 1 MiB; 0 = unlimited). */
    public long clientMaxSize() {
        return clientMaxSize;
    }

    /** Sets {@link #clientMaxSize()}. */
    public Application clientMaxSize(long bytes) {
        checkNotFrozen();
        this.clientMaxSize = bytes;
        return this;
    }

    /** Whether the application was started (then no routes or middlewares may be added). */
    public boolean isFrozen() {
        return frozen;
    }

    /** Where this application is mounted, with its parents' prefixes ({@code ""} for the main one). */
    String mountPrefix() {
        return parent == null ? prefix : parent.mountPrefix() + prefix;
    }

    void checkNotFrozen() {
        if (frozen) throw new IllegalStateException("the application is running; add routes before starting it");
    }

    void freeze() {
        frozen = true;
        for (Application a : subapps) a.freeze();
    }

    void runStartup() throws Exception {
        for (CleanupContext c : cleanupCtx) {
            AutoCloseable exit = c.start(this);
            if (exit != null) entered.add(exit);
        }
        for (Hook h : onStartup) h.run(this);
    }

    void runShutdown() throws Exception {
        for (Hook h : onShutdown) h.run(this);
    }

    /** Runs every cleanup part even if one fails (resources must be freed), then throws the first error. */
    void runCleanup() throws Exception {
        Exception first = null;
        for (AutoCloseable exit : entered.reversed()) {
            try {
                exit.close();
            } catch (Exception e) {
                if (first == null) first = e;
            }
        }
        entered.clear();
        for (Hook h : onCleanup) {
            try {
                h.run(this);
            } catch (Exception e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
    }

    /**
     * Resolves the route and runs the handler inside the middlewares of the apps on the way. An
     * HTTP/1.1 {@code Expect} other than {@code 100-continue} is refused first with 417, outside the
     * middlewares, as aiohttp's default {@code expect_handler} does.
     */
    StreamResponse dispatch(Request req) throws Exception {
        Router.Match m = router.resolve(req.method(), req.pathSafe(), new ArrayList<>(2));
        req.matchInfo = m.params();
        List<Application> apps = m.apps();
        req.apps = apps;
        req.app = apps.getLast();
        String expect = req.header("Expect");
        if (expect != null && req.version().isAtLeast11() && !expect.strip().equalsIgnoreCase("100-continue")) {
            throw new HttpException(417, "Unknown Expect: " + expect);
        }
        Handler h = m.handler();
        for (int i = apps.size() - 1; i >= 0; i--) {
            List<Middleware> mws = apps.get(i).middlewares;
            for (int j = mws.size() - 1; j >= 0; j--) {
                Middleware mw = mws.get(j);
                Handler next = h;
                h = r -> mw.handle(r, next);
            }
        }
        return h.handle(req);
    }
}
