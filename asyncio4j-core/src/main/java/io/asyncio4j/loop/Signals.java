package io.asyncio4j.loop;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/** The JDK's unsupported but stable signal API, kept in one place. */
final class Signals {
    private Signals() {}

    /** Installs {@code action} for signal {@code name} ("INT", "TERM", "HUP"); returns the previous handler. */
    static SignalHandler install(String name, Runnable action) {
        try {
            return Signal.handle(new Signal(name), sig -> action.run());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cannot handle SIG" + name + " in this JVM (is it started with -Xrs?)", e);
        }
    }

    static void restore(String name, SignalHandler previous) {
        try {
            Signal.handle(new Signal(name), previous == null ? SignalHandler.SIG_DFL : previous);
        } catch (IllegalArgumentException ignored) {
            // nothing to restore
        }
    }

    /** Sends {@code name} to this process, as Ctrl+C would for INT. */
    static void raise(String name) {
        Signal.raise(new Signal(name));
    }
}
