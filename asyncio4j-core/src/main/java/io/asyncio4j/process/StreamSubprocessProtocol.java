package io.asyncio4j.process;

import io.asyncio4j.loop.EventLoop;

import java.util.HashSet;
import java.util.Set;

/**
 * The protocol behind {@link AsyncProcess}: asyncio's {@code SubprocessStreamProtocol}. Feeds the
 * stdout/stderr readers, runs the stdin writer's flow control, and closes the transport once the
 * child has exited and every pipe is closed.
 */
final class StreamSubprocessProtocol implements SubprocessProtocol {
    private final EventLoop loop;
    private final int limit;
    private final Set<Integer> pipeFds = new HashSet<>();
    private SubprocessTransport transport;
    private ProcessStreamWriter stdin;
    private ProcessStreamReader stdout;
    private ProcessStreamReader stderr;
    private boolean processExited;

    StreamSubprocessProtocol(EventLoop loop, int limit) {
        this.loop = loop;
        this.limit = limit;
    }

    @Override
    public void connectionMade(SubprocessTransport t) {
        transport = t;
        if (t.getPipeTransport(1) instanceof ReadPipeTransport out) {
            stdout = new ProcessStreamReader(loop, limit);
            stdout.setTransport(out);
            pipeFds.add(1);
        }
        if (t.getPipeTransport(2) instanceof ReadPipeTransport err) {
            stderr = new ProcessStreamReader(loop, limit);
            stderr.setTransport(err);
            pipeFds.add(2);
        }
        if (t.getPipeTransport(0) instanceof WritePipeTransport in) {
            stdin = new ProcessStreamWriter(loop, in);
        }
    }

    @Override
    public void pipeDataReceived(int fd, byte[] data) {
        ProcessStreamReader r = fd == 1 ? stdout : fd == 2 ? stderr : null;
        if (r != null) {
            r.feedData(data);
        }
    }

    @Override
    public void pipeConnectionLost(int fd, Throwable exc) {
        if (fd == 0) {
            if (stdin != null) {
                stdin.connectionLost(exc);
            }
            if (exc == null) {
                maybeCloseTransport();
            }
            return;
        }
        ProcessStreamReader r = fd == 1 ? stdout : fd == 2 ? stderr : null;
        if (r != null) {
            if (exc == null) {
                r.feedEof();
            } else {
                r.setException(exc);
            }
        }
        pipeFds.remove(fd);
        maybeCloseTransport();
    }

    @Override
    public void processExited() {
        processExited = true;
        maybeCloseTransport();
    }

    @Override
    public void pauseWriting() {
        if (stdin != null) {
            stdin.pauseWriting();
        }
    }

    @Override
    public void resumeWriting() {
        if (stdin != null) {
            stdin.resumeWriting();
        }
    }

    private void maybeCloseTransport() {
        if (pipeFds.isEmpty() && processExited) {
            transport.close();
        }
    }

    ProcessStreamWriter stdin() {
        return stdin;
    }

    ProcessStreamReader stdout() {
        return stdout;
    }

    ProcessStreamReader stderr() {
        return stderr;
    }
}
