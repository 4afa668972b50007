package io.asyncio4j.process;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import java.util.Map;

/**
 * Signal names and numbers, and {@code kill(2)}. SIGTERM and SIGKILL go through
 * {@link Process#destroy()} / {@link Process#destroyForcibly()}; other signals call libc's
 * {@code kill} through the FFM API (a JDK "restricted method": run with
 * {@code --enable-native-access=io.asyncio4j.core}, or {@code ALL-UNNAMED} on the class path, to
 * avoid the JDK's warning), or the {@code kill} command if native access is denied.
 */
final class SignalSender {
    private static final boolean MAC = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");

    private static final Map<String, Integer> LINUX = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4),
            Map.entry("TRAP", 5), Map.entry("ABRT", 6), Map.entry("BUS", 7), Map.entry("FPE", 8),
            Map.entry("KILL", 9), Map.entry("USR1", 10), Map.entry("SEGV", 11), Map.entry("USR2", 12),
            Map.entry("PIPE", 13), Map.entry("ALRM", 14), Map.entry("TERM", 15), Map.entry("CHLD", 17),
            Map.entry("CONT", 18), Map.entry("STOP", 19), Map.entry("TSTP", 20), Map.entry("TTIN", 21),
            Map.entry("TTOU", 22), Map.entry("URG", 23), Map.entry("XCPU", 24), Map.entry("XFSZ", 25),
            Map.entry("VTALRM", 26), Map.entry("PROF", 27), Map.entry("WINCH", 28), Map.entry("IO", 29),
            Map.entry("PWR", 30), Map.entry("SYS", 31));

    private static final Map<String, Integer> MACOS = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4),
            Map.entry("TRAP", 5), Map.entry("ABRT", 6), Map.entry("FPE", 8), Map.entry("KILL", 9),
            Map.entry("BUS", 10), Map.entry("SEGV", 11), Map.entry("SYS", 12), Map.entry("PIPE", 13),
            Map.entry("ALRM", 14), Map.entry("TERM", 15), Map.entry("URG", 16), Map.entry("STOP", 17),
            Map.entry("TSTP", 18), Map.entry("CONT", 19), Map.entry("CHLD", 20), Map.entry("TTIN", 21),
            Map.entry("TTOU", 22), Map.entry("IO", 23), Map.entry("XCPU", 24), Map.entry("XFSZ", 25),
            Map.entry("VTALRM", 26), Map.entry("PROF", 27), Map.entry("WINCH", 28), Map.entry("USR1", 30),
            Map.entry("USR2", 31));

    static final int SIGTERM = 15;
    static final int SIGKILL = 9;

    private static volatile MethodHandle kill;
    private static volatile boolean nativeFailed;

    private SignalSender() {
    }

    /** The number of signal {@code name} ("SIGUSR1", "usr1", or a number as text). */
    static int number(String name) {
        String s = name.trim().toUpperCase(Locale.ROOT);
        if (!s.isEmpty() && Character.isDigit(s.charAt(0))) {
            return Integer.parseInt(s);
        }
        if (s.startsWith("SIG")) {
            s = s.substring(3);
        }
        Integer n = (MAC ? MACOS : LINUX).get(s);
        if (n == null) {
            throw new IllegalArgumentException("unknown signal: " + name);
        }
        return n;
    }

    /** Sends {@code signal} to {@code process} (which must be alive). */
    static void send(Process process, int signal) {
        if (signal == SIGTERM) {
            process.destroy();
        } else if (signal == SIGKILL) {
            process.destroyForcibly();
        } else {
            sendNative(process.pid(), signal);
        }
    }

    private static void sendNative(long pid, int signal) {
        MethodHandle h = killHandle();
        if (h != null) {
            try {
                int rc = (int) h.invokeExact((int) pid, signal);
                if (rc != 0) {
                    throw new ProcessLookupError("kill(" + pid + ", " + signal + ") failed");
                }
                return;
            } catch (ProcessLookupError e) {
                throw e;
            } catch (Throwable t) {
                nativeFailed = true;
            }
        }
        try {
            Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() != 0) {
                throw new ProcessLookupError("kill -" + signal + " " + pid + " failed");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot send signal " + signal + " to " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending signal " + signal, e);
        }
    }

    private static MethodHandle killHandle() {
        if (nativeFailed) {
            return null;
        }
        MethodHandle h = kill;
        if (h == null) {
            try {
                Linker linker = Linker.nativeLinker();
                h = linker.downcallHandle(linker.defaultLookup().find("kill").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
                kill = h;
            } catch (Throwable t) {
                nativeFailed = true;
                return null;
            }
        }
        return h;
    }
}
