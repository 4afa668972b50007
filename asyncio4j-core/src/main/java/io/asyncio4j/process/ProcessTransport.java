package io.asyncio4j.process;

import io.asyncio4j.Future;
import io.asyncio4j.loop.EventLoop;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@link SubprocessTransport} of a {@link java.lang.Process}: asyncio's
 * {@code BaseSubprocessTransport}. Owns the pipes, turns {@link Process#onExit()} into
 * {@code processExited} on the loop, and calls {@code connectionLost} once the child has exited
 * and every pipe is closed; only then are {@link #exitWaiter() wait()} callers woken (asyncio
 * 3.12+), unless the child had already exited when they asked.
 */
final class ProcessTransport implements SubprocessTransport {
    private final EventLoop loop;
    private final Process process;
    private final SubprocessProtocol protocol;
    private final Map<Integer, PipeTransport> pipes = new TreeMap<>();
    private final Set<Integer> signalsSent = new HashSet<>();
    private List<Future<Integer>> exitWaiters = new ArrayList<>();
    private Integer returnCode;
    private boolean closed;
    private boolean finished;

    private ProcessTransport(EventLoop loop, Process process, SubprocessProtocol protocol) {
        this.loop = loop;
        this.process = process;
        this.protocol = protocol;
    }

    /**
     * Wraps a started {@code process}: creates the pipes, calls {@code connectionMade}, then
     * starts the pump threads and the exit watch. On the loop thread.
     */
    static ProcessTransport connect(EventLoop loop, Process process, SubprocessProtocol protocol,
                                    SubprocessOptions options) {
        ProcessTransport t = new ProcessTransport(loop, process, protocol);
        if (options.stdin() == Redirect.PIPE) {
            t.pipes.put(0, new WritePipe(t, loop, process.getOutputStream(), process.pid()));
        }
        if (options.stdout() == Redirect.PIPE) {
            t.pipes.put(1, new ReadPipe(1, t, loop, process.getInputStream()));
        }
        if (options.stderr() == Redirect.PIPE) {
            t.pipes.put(2, new ReadPipe(2, t, loop, process.getErrorStream()));
        }
        try {
            protocol.connectionMade(t);
        } catch (RuntimeException | Error e) {
            process.destroyForcibly();
            throw e;
        }
        for (PipeTransport p : t.pipes.values()) {
            if (p instanceof ReadPipe r) {
                r.start(process.pid());
            }
        }
        process.onExit().whenComplete((p, err) -> {
            int code = err == null ? p.exitValue() : -1;
            try {
                loop.callSoonThreadsafe(() -> t.processExited(code));
            } catch (IllegalStateException closedLoop) {
                // nobody is left to tell
            }
        });
        return t;
    }

    /** The protocol this transport and its pipes report to. */
    SubprocessProtocol protocol() {
        return protocol;
    }

    // ------------------------------------------------------------------ events (loop thread)

    void pipeDataReceived(int fd, byte[] data) {
        protocol.pipeDataReceived(fd, data);
    }

    void pipeConnectionLost(int fd, Throwable exc) {
        try {
            protocol.pipeConnectionLost(fd, exc);
        } finally {
            tryFinish();
        }
    }

    void pauseWriting() {
        protocol.pauseWriting();
    }

    void resumeWriting() {
        protocol.resumeWriting();
    }

    private void processExited(int status) {
        if (returnCode != null) {
            return;
        }
        int signal = status - 128;
        returnCode = status > 128 && signalsSent.contains(signal) ? -signal : status;
        // The JDK closes the child's stdin when it exits; close our end of it in order.
        if (pipes.get(0) instanceof WritePipe w && !w.isClosing()) {
            w.writeEof();
        }
        try {
            protocol.processExited();
        } finally {
            tryFinish();
        }
    }

    private void tryFinish() {
        if (finished || returnCode == null) {
            return;
        }
        for (PipeTransport p : pipes.values()) {
            boolean gone = ((PipeEnd<?>) p).disconnected();
            if (!gone) {
                return;
            }
        }
        finished = true;
        loop.callSoon(this::callConnectionLost);
    }

    private void callConnectionLost() {
        try {
            protocol.connectionLost(null);
        } finally {
            List<Future<Integer>> waiters = exitWaiters;
            exitWaiters = null;
            for (Future<Integer> w : waiters) {
                if (!w.isDone()) {
                    w.setResult(returnCode);
                }
            }
        }
    }

    /**
     * A new future for asyncio's {@code _wait()}: done at once if the child has exited, otherwise
     * when the transport is finished (child exited, every pipe closed). Cancelling it affects
     * nobody else.
     */
    Future<Integer> exitWaiter() {
        Future<Integer> f = loop.createFuture();
        if (returnCode != null) {
            f.setResult(returnCode);
        } else {
            exitWaiters.add(f);
        }
        return f;
    }

    // ------------------------------------------------------------------ SubprocessTransport

    @Override
    public long getPid() {
        return process.pid();
    }

    @Override
    public Integer getReturncode() {
        return returnCode;
    }

    @Override
    public PipeTransport getPipeTransport(int fd) {
        return pipes.get(fd);
    }

    @Override
    public void sendSignal(int signal) {
        checkProcess();
        if (returnCode != null || !process.isAlive()) {
            return; // as Popen.send_signal: nothing to signal any more
        }
        signalsSent.add(signal);
        SignalSender.send(process, signal);
    }

    @Override
    public void sendSignal(String signal) {
        sendSignal(SignalSender.number(signal));
    }

    @Override
    public void terminate() {
        sendSignal(SignalSender.SIGTERM);
    }

    @Override
    public void kill() {
        sendSignal(SignalSender.SIGKILL);
    }

    private void checkProcess() {
        if (exitWaiters == null) {
            // As asyncio once connection_lost ran: the process is gone and its pid may be reused.
            throw new ProcessLookupError("process " + process.pid() + " has exited and its transport is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (PipeTransport p : pipes.values()) {
            p.close();
        }
        if (returnCode == null && process.isAlive()) {
            signalsSent.add(SignalSender.SIGKILL);
            process.destroyForcibly();
        }
    }

    @Override
    public boolean isClosing() {
        return closed;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<SubprocessTransport pid=").append(process.pid());
        if (closed) {
            sb.append(" closed");
        }
        sb.append(returnCode != null ? " returncode=" + returnCode : " running");
        for (Map.Entry<Integer, PipeTransport> e : pipes.entrySet()) {
            sb.append(' ').append(e.getValue());
        }
        return sb.append('>').toString();
    }
}
