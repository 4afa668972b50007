package io.asyncio4j.process;

/**
 * One pipe to a child process, as {@link SubprocessTransport#getPipeTransport(int)} returns it:
 * asyncio's {@code BaseTransport} of a subprocess pipe. Methods must be called on the loop thread.
 *
 * <pre>{@code
 * PipeTransport out = transport.getPipeTransport(1);
 * out.close();    // no more pipeDataReceived for fd 1; the child gets EPIPE on its next write
 * }</pre>
 */
public sealed interface PipeTransport permits ReadPipeTransport, WritePipeTransport {
    /** The pipe's file descriptor number in the child: 0, 1 or 2. */
    int fd();

    /** Closes the pipe; the protocol's {@code pipeConnectionLost(fd, null)} follows soon. */
    void close();

    /** Whether the pipe is closed or closing. */
    boolean isClosing();
}
