package io.asyncio4j.cli;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;

/** SIGTERM (and SIGHUP) end a server command the way Ctrl+C does: the main task is cancelled, so cleanup runs. */
final class Shutdown {
    private Shutdown() {}

    static void onTerminate(Task<?> main) {
        var loop = Asyncio.getRunningLoop();
        for (String sig : new String[] {"SIGTERM", "SIGHUP"}) {
            loop.addSignalHandler(sig, () -> main.cancel("received " + sig));
        }
    }
}
