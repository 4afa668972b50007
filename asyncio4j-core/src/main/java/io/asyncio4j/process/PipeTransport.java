package io.asyncio4j.process;

import io.asyncio4j.net.BaseTransport;

/**
 * One pipe to a child process, as {@link SubprocessTransport#getPipeTransport(int)} returns it:
 * asyncio's pipe transport of a subprocess, a {@link BaseTransport} like a socket's. It is a
 * {@link ReadPipeTransport} (an {@link io.asyncio4j.net.ReadTransport}) for stdout and stderr and a
 * {@link WritePipeTransport} (an {@link io.asyncio4j.net.WriteTransport}) for stdin, so the
 * stream classes of {@code io.asyncio4j.stream} work over it as over a socket. Methods must be
 * called on the loop thread.
 *
 * <p>A pipe reports its events to the subprocess transport that owns it, which passes them on to
 * the {@link SubprocessProtocol} ({@link #getProtocol()}); the protocol cannot be replaced
 * ({@link #setProtocol} throws {@link UnsupportedOperationException}). {@code getExtraInfo("pipe")}
 * is the JDK stream of the pipe.
 *
 * <pre>{@code
 * PipeTransport out = transport.getPipeTransport(1);
 * out.close();    // no more pipeDataReceived for fd 1; the child gets EPIPE on its next write
 * }</pre>
 */
public sealed interface PipeTransport extends BaseTransport permits ReadPipeTransport, WritePipeTransport {
    /** The pipe's file descriptor number in the child: 0, 1 or 2. */
    int fd();
}
