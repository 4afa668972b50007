package io.asyncio4j.process;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.stream.StreamReader;
import io.asyncio4j.stream.StreamWriter;

import java.io.IOException;

/**
 * A child process with async pipes: asyncio's {@code asyncio.subprocess.Process}, returned by
 * {@link Subprocess#createSubprocessExec} and {@link Subprocess#createSubprocessShell}. Methods
 * must be called on the process's loop; the waiting ones ({@link #waitFor()},
 * {@link #communicate(byte[])}) inside a task.
 *
 * <p>Names: asyncio's {@code wait()} is {@link #waitFor()} (Java's {@code Object.wait()} is taken,
 * and {@code java.lang.Process.waitFor()} is the Java name for it); {@link #onExit()} gives the
 * same as a future, for {@code Asyncio.waitFor(proc.onExit(), timeout)} or {@code gather}.
 * {@code returncode} is {@link #returnCode()}: null while the child runs, then its exit status, or
 * {@code -N} if it was killed by signal {@code N} (see {@link SubprocessTransport} for how the JDK's
 * {@code 128 + N} is mapped).
 *
 * <p>The pipes are asyncio's stream classes, the same as a socket's: {@link #stdin()} is a
 * {@link StreamWriter} over the stdin {@link WritePipeTransport} ({@code drain()} waits while the
 * pipe's buffer is over its high-water mark), {@link #stdout()} and {@link #stderr()} are
 * {@link StreamReader}s over {@link ReadPipeTransport}s (reading from the pipe pauses while more
 * than twice the {@link SubprocessOptions#limit(int) limit} is buffered). Their errors are the
 * stream package's: {@link io.asyncio4j.stream.IncompleteReadError},
 * {@link io.asyncio4j.stream.LimitOverrunError}.
 *
 * <p>As in asyncio, {@code waitFor()} can deadlock when stdout or stderr is a pipe nobody reads
 * and the child writes more than the pipe and the reader's buffer hold; use
 * {@link #communicate(byte[])}, which reads both pipes and writes stdin concurrently. Cancelling a
 * task that waits in {@code waitFor()} does not touch the child.
 *
 * <pre>{@code
 * Asyncio.run(() -> {
 *     AsyncProcess p = Subprocess.createSubprocessShell("echo hello; echo oops >&2; exit 3",
 *             SubprocessOptions.defaults().stdout(Redirect.PIPE).stderr(Redirect.PIPE));
 *     ProcessOutput out = p.communicate(null);
 *     System.out.println(out.stdoutText() + " " + out.stderrText() + " rc=" + p.returnCode());
 * });
 * }</pre>
 */
public final class AsyncProcess {
    private final EventLoop loop;
    private final ProcessTransport transport;
    private final StreamSubprocessProtocol protocol;

    AsyncProcess(EventLoop loop, ProcessTransport transport, StreamSubprocessProtocol protocol) {
        this.loop = loop;
        this.transport = transport;
        this.protocol = protocol;
    }

    /** The child's process id. */
    public long pid() {
        return transport.getPid();
    }

    /** The return code, or null while the child runs: asyncio's {@code returncode}. */
    public Integer returnCode() {
        return transport.getReturncode();
    }

    /** The writer to the child's stdin, or null if stdin is not {@link Redirect#PIPE}. */
    public StreamWriter stdin() {
        return protocol.stdin();
    }

    /** The reader of the child's stdout, or null if stdout is not {@link Redirect#PIPE}. */
    public StreamReader stdout() {
        return protocol.stdout();
    }

    /** The reader of the child's stderr, or null if stderr is not {@link Redirect#PIPE}. */
    public StreamReader stderr() {
        return protocol.stderr();
    }

    /** The transport underneath. */
    public SubprocessTransport transport() {
        return transport;
    }

    /**
     * Waits for the child to exit and returns its return code: asyncio's {@code wait()}. If the
     * child has already exited, returns at once; otherwise returns once it has exited and its
     * pipes are closed.
     */
    public int waitFor() throws IOException {
        return await(transport.exitWaiter());
    }

    /** A new future of the return code, done when {@link #waitFor()} would return. */
    public Future<Integer> onExit() {
        return transport.exitWaiter();
    }

    /**
     * Sends {@code input} (may be null) to stdin and closes it, reads stdout and stderr to their
     * end, waits for the child to exit, and returns what was read: asyncio's
     * {@code communicate(input)}. The three pipes are served concurrently (each by its own task
     * and pipe thread), so outputs of any size on both pipes cannot deadlock. A child that stops
     * reading its stdin early (broken pipe) is not an error.
     */
    public ProcessOutput communicate(byte[] input) throws IOException {
        Future<Void> in = stdin() != null ? loop.createTask(() -> {
            feedStdin(input);
            return null;
        }) : null;
        Future<byte[]> out = stdout() != null ? loop.createTask(() -> readStream(1)) : null;
        Future<byte[]> err = stderr() != null ? loop.createTask(() -> readStream(2)) : null;
        java.util.List<Future<?>> all = new java.util.ArrayList<>(3);
        for (Future<?> f : new Future<?>[] {in, out, err}) {
            if (f != null) {
                all.add(f);
            }
        }
        await(Asyncio.gather(false, all));
        waitFor();
        return new ProcessOutput(out == null ? null : resultOf(out), err == null ? null : resultOf(err));
    }

    /** {@link #communicate(byte[])} with no input. */
    public ProcessOutput communicate() throws IOException {
        return communicate(null);
    }

    private void feedStdin(byte[] input) throws Exception {
        StreamWriter w = stdin();
        if (input != null && input.length > 0) {
            w.write(input);
        }
        try {
            w.drain();
        } catch (IOException brokenPipe) {
            // The child closed its stdin or exited: asyncio ignores BrokenPipe/ConnectionReset here.
        }
        w.close();
    }

    private byte[] readStream(int fd) throws Exception {
        StreamReader r = fd == 1 ? stdout() : stderr();
        byte[] data = r.read();
        transport.getPipeTransport(fd).close();
        return data;
    }

    /** Sends signal number {@code signal} to the child: asyncio's {@code send_signal}. */
    public void sendSignal(int signal) {
        transport.sendSignal(signal);
    }

    /** Sends the signal named {@code signal} ("SIGUSR1", "USR1", "INT", ...). */
    public void sendSignal(String signal) {
        transport.sendSignal(signal);
    }

    /** Sends SIGTERM: asyncio's {@code terminate()}. */
    public void terminate() {
        transport.terminate();
    }

    /** Sends SIGKILL: asyncio's {@code kill()}. */
    public void kill() {
        transport.kill();
    }

    private static <T> T await(Future<T> f) throws IOException {
        try {
            return f.await();
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private static <T> T resultOf(Future<T> f) throws IOException {
        try {
            return f.result();
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    @Override
    public String toString() {
        return "<AsyncProcess " + pid() + (returnCode() != null ? " returncode=" + returnCode() : " running") + ">";
    }
}
