package io.asyncio4j.http.server;

import io.asyncio4j.Asyncio;

/** Runs an application on a fresh loop for one test. */
final class TestServer {
    interface Body {
        void run(AppRunner runner, int port) throws Exception;
    }

    static HttpServerConfig quiet() {
        return new HttpServerConfig().accessLogFormat(null);
    }

    static void run(Application app, Body body) throws Exception {
        run(app, quiet(), body);
    }

    static void run(Application app, HttpServerConfig cfg, Body body) throws Exception {
        Asyncio.run(() -> {
            AppRunner runner = new AppRunner(app, cfg);
            runner.setup();
            runner.start("127.0.0.1", 0);
            try {
                body.run(runner, runner.port());
            } finally {
                runner.cleanup();
            }
        });
    }
}
