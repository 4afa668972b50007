package io.asyncio4j.process;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.loop.EventLoop;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Starting child processes: asyncio's {@code create_subprocess_exec} / {@code create_subprocess_shell}
 * (high level, giving an {@link AsyncProcess} with async streams) and {@code loop.subprocess_exec}
 * / {@code loop.subprocess_shell} (low level, a {@link SubprocessProtocol} and its
 * {@link SubprocessTransport}). Call them inside a task: the child is spawned on a platform thread
 * of the loop's default executor, so the loop never waits for {@code fork}/{@code exec}.
 *
 * <p>Pipes are served by platform threads (one per pipe) that block in the JDK's pipe streams and
 * hand each chunk to the loop with {@code callSoonThreadsafe}, with bounded buffering; the child's
 * exit is {@link java.lang.Process#onExit()} delivered on the loop. A program that cannot be run
 * (not found, or a missing {@code cwd}) gives {@link FileNotFoundException} (Python's
 * {@code FileNotFoundError}); one that is not executable (or a directory) gives
 * {@link AccessDeniedException} ({@code PermissionError}); other spawn failures give the JDK's
 * {@link IOException}.
 *
 * <pre>{@code
 * Asyncio.run(() -> {
 *     AsyncProcess p = Subprocess.createSubprocessExec(SubprocessOptions.pipes(), "cat");
 *     ProcessOutput out = p.communicate("hello".getBytes());
 *     assert out.stdoutText().equals("hello") && p.returnCode() == 0;
 * });
 * }</pre>
 */
public final class Subprocess {
    private Subprocess() {
    }

    // ------------------------------------------------------------------ high level

    /** Runs {@code program} with {@code args}, every stream inherited. */
    public static AsyncProcess createSubprocessExec(String program, String... args) throws IOException {
        return createSubprocessExec(SubprocessOptions.defaults(), program, args);
    }

    /** Runs {@code program} with {@code args}: asyncio's {@code create_subprocess_exec(program, *args, ...)}. */
    public static AsyncProcess createSubprocessExec(SubprocessOptions options, String program, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>(args.length + 1);
        cmd.add(Objects.requireNonNull(program, "program"));
        cmd.addAll(List.of(args));
        return createSubprocessExec(cmd, options);
    }

    /** Runs {@code command} (program first, then its arguments). */
    public static AsyncProcess createSubprocessExec(List<String> command, SubprocessOptions options)
            throws IOException {
        EventLoop loop = Asyncio.getRunningLoop();
        StreamSubprocessProtocol protocol = new StreamSubprocessProtocol(loop, options.limit());
        SubprocessConnection<StreamSubprocessProtocol> c = subprocessExec(() -> protocol, command, options);
        return new AsyncProcess(loop, (ProcessTransport) c.transport(), protocol);
    }

    /** Runs {@code cmd} with the shell ({@code /bin/sh -c}), every stream inherited. */
    public static AsyncProcess createSubprocessShell(String cmd) throws IOException {
        return createSubprocessShell(cmd, SubprocessOptions.defaults());
    }

    /** Runs {@code cmd} with the shell: asyncio's {@code create_subprocess_shell}. */
    public static AsyncProcess createSubprocessShell(String cmd, SubprocessOptions options) throws IOException {
        return createSubprocessExec(shellCommand(cmd), options);
    }

    // ------------------------------------------------------------------ low level

    /**
     * Starts {@code command} and connects a protocol from {@code protocolFactory} to it:
     * asyncio's {@code loop.subprocess_exec}. {@code connectionMade} has been called when this
     * returns.
     */
    public static <P extends SubprocessProtocol> SubprocessConnection<P> subprocessExec(
            Supplier<P> protocolFactory, List<String> command, SubprocessOptions options) throws IOException {
        EventLoop loop = Asyncio.getRunningLoop();
        ProcessBuilder pb = options.toProcessBuilder(command);
        P protocol = Objects.requireNonNull(protocolFactory.get(), "the protocol factory returned null");
        Process process = spawn(loop, pb);
        ProcessTransport t = ProcessTransport.connect(loop, process, protocol, options);
        return new SubprocessConnection<>(t, protocol);
    }

    /** {@link #subprocessExec} for {@code cmd} run by the shell: asyncio's {@code loop.subprocess_shell}. */
    public static <P extends SubprocessProtocol> SubprocessConnection<P> subprocessShell(
            Supplier<P> protocolFactory, String cmd, SubprocessOptions options) throws IOException {
        return subprocessExec(protocolFactory, shellCommand(cmd), options);
    }

    private static List<String> shellCommand(String cmd) {
        Objects.requireNonNull(cmd, "cmd");
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            return List.of("cmd.exe", "/c", cmd);
        }
        return List.of("/bin/sh", "-c", cmd);
    }

    /**
     * Starts the process on a platform thread and waits for it in the task. If the task is
     * cancelled meanwhile, the process (started anyway) is killed, so nothing leaks.
     */
    private static Process spawn(EventLoop loop, ProcessBuilder pb) throws IOException {
        if (Task.current() == null) {
            throw new IllegalStateException("subprocesses must be started inside a task (Asyncio.run / createTask)");
        }
        Future<Process> started = loop.createFuture();
        loop.runInExecutor(null, () -> {
            Process p = null;
            IOException error = null;
            try {
                p = pb.start();
            } catch (IOException e) {
                error = e;
            }
            Process proc = p;
            IOException err = error;
            try {
                loop.callSoonThreadsafe(() -> {
                    if (started.isDone()) {
                        if (proc != null) {
                            proc.destroyForcibly();
                        }
                    } else if (proc != null) {
                        started.setResult(proc);
                    } else {
                        started.setException(translate(err, pb));
                    }
                });
            } catch (IllegalStateException closedLoop) {
                if (proc != null) {
                    proc.destroyForcibly();
                }
            }
            return null;
        });
        try {
            return started.await();
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /**
     * The JDK's spawn failure as the exception Python raises: ENOENT is {@code FileNotFoundError}
     * ({@link FileNotFoundException}), EACCES (not executable, or a directory) is
     * {@code PermissionError} ({@link AccessDeniedException}).
     */
    private static IOException translate(IOException e, ProcessBuilder pb) {
        String msg = String.valueOf(e.getMessage());
        String program = pb.command().get(0);
        IOException out;
        if (msg.contains("error=2,") || msg.contains("No such file or directory")) {
            out = new FileNotFoundException("No such file or directory: '" + program + "'"
                    + (pb.directory() != null ? " (cwd '" + pb.directory() + "')" : "") + ": " + msg);
        } else if (msg.contains("error=13,") || msg.contains("error: 13 ") || msg.contains("Permission denied")) {
            out = new AccessDeniedException(program, null, "Permission denied: " + msg);
        } else {
            return e;
        }
        out.initCause(e);
        return out;
    }
}
