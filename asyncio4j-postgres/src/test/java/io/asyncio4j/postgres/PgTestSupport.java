package io.asyncio4j.postgres;

import io.asyncio4j.Asyncio;

/** Helpers shared by the tests: run a body in a fresh loop with a connection to the test server. */
final class PgTestSupport {
    interface ConnBody {
        void run(PgConnection conn) throws Exception;
    }

    private PgTestSupport() {
    }

    static PgTestServer server() {
        return PgTestServer.get();
    }

    /** Runs {@code body} in {@code Asyncio.run} with a connection as the superuser. */
    static void withConnection(ConnBody body) throws Exception {
        ConnectOptions options = server().options(); // started outside the loop: it blocks
        Asyncio.run(() -> {
            try (PgConnection conn = PgConnection.connect(options)) {
                body.run(conn);
            }
            return null;
        });
    }
}
