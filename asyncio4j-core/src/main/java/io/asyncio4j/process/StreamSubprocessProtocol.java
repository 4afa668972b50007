package io.asyncio4j.process;

import io.asyncio4j.Future;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.stream.FlowControlProtocol;
import io.asyncio4j.stream.StreamReader;
import io.asyncio4j.stream.StreamWriter;

import java.util.HashSet;
import java.util.Set;

/**
 * The protocol behind {@link AsyncProcess}: asyncio's {@code SubprocessStreamProtocol}. Feeds the
 * stdout/stderr {@link StreamReader}s (which pause and resume their pipe transports), gives stdin
 * a {@link StreamWriter} whose {@code drain()} follows the stdin pipe's pauseWriting/resumeWriting
 * ({@link FlowControlProtocol}, shared with the socket streams), and closes the transport once
 * the child has exited and every output pipe is closed.
 */
final class StreamSubprocessProtocol extends FlowControlProtocol implements SubprocessProtocol {
    private final int limit;
    private final Set<Integer> pipeFds = new HashSet<>();
    private final Future<Void> stdinClosed;
    private SubprocessTransport transport;
    private StreamWriter stdin;
    private StreamReader stdout;
    private StreamReader stderr;
    private boolean processExited;

    StreamSubprocessProtocol(EventLoop loop, int limit) {
        super(loop);
        this.limit = limit;
        this.stdinClosed = loop.createFuture();
    }

    @Override
    public void connectionMade(SubprocessTransport t) {
        transport = t;
        if (t.getPipeTransport(1) instanceof ReadPipeTransport out) {
            stdout = newReader(out);
            pipeFds.add(1);
        }
        if (t.getPipeTransport(2) instanceof ReadPipeTransport err) {
            stderr = newReader(err);
            pipeFds.add(2);
        }
        if (t.getPipeTransport(0) instanceof WritePipeTransport in) {
            stdin = new StreamWriter(in, this, null, loop);
        }
    }

    private StreamReader newReader(ReadPipeTransport pipe) {
        StreamReader r = new StreamReader(limit, loop);
        r.setTransport(pipe);
        return r;
    }

    private StreamReader reader(int fd) {
        return fd == 1 ? stdout : fd == 2 ? stderr : null;
    }

    @Override
    public void pipeDataReceived(int fd, byte[] data) {
        StreamReader r = reader(fd);
        if (r != null) {
            r.feedData(data);
        }
    }

    @Override
    public void pipeConnectionLost(int fd, Throwable exc) {
        if (fd == 0) {
            if (stdin != null) {
                stdin.close();
            }
            connectionLost(exc); // the stdin pipe is this flow control's connection
            if (stdinClosed.isDone()) {
                return;
            }
            if (exc == null) {
                stdinClosed.setResult(null);
            } else {
                stdinClosed.setException(exc);
                stdinClosed.exception(); // retrieved: waitClosed is optional
            }
            return;
        }
        StreamReader r = reader(fd);
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

    private void maybeCloseTransport() {
        if (pipeFds.isEmpty() && processExited) {
            transport.close();
        }
    }

    @Override
    protected Future<Void> closeWaiter(StreamWriter writer) {
        return stdinClosed;
    }

    StreamWriter stdin() {
        return stdin;
    }

    StreamReader stdout() {
        return stdout;
    }

    StreamReader stderr() {
        return stderr;
    }
}
