package io.asyncio4j.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One-line log output for the command line (the JDK's default is two lines per record), and a
 * switch for the HTTP access log: {@code aio serve} shows it, the demo does not.
 */
final class CliLogging {
    private static final String ACCESS_LOG = "io.asyncio4j.http.server.access";
    private static final Logger ACCESS = Logger.getLogger(ACCESS_LOG); // held: levels of unreferenced loggers are lost

    private CliLogging() {}

    static void setup() {
        Logger root = Logger.getLogger("");
        for (var h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler h = new ConsoleHandler();
        h.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                String msg = formatMessage(r);
                if (r.getLoggerName() != null && r.getLoggerName().equals(ACCESS_LOG)) {
                    return msg + System.lineSeparator();
                }
                StringBuilder sb = new StringBuilder(r.getLevel().getName().toLowerCase()).append(": ").append(msg);
                if (r.getThrown() != null) {
                    sb.append(" (").append(r.getThrown()).append(')');
                }
                return sb.append(System.lineSeparator()).toString();
            }
        });
        root.addHandler(h);
        accessLog(false);
    }

    static void accessLog(boolean on) {
        ACCESS.setLevel(on ? Level.INFO : Level.WARNING);
    }
}
