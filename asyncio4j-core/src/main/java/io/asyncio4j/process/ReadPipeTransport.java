package io.asyncio4j.process;

import io.asyncio4j.net.ReadTransport;

/**
 * The read end of a child's stdout or stderr: asyncio's {@code ReadTransport} for a pipe.
 * Reading is paused and resumed for flow control (a {@link io.asyncio4j.stream.StreamReader}
 * does it above twice its limit); while paused, the pipe's thread reads nothing more, the OS pipe
 * fills and the child blocks in its writes. {@link #close()} is followed by
 * {@code pipeConnectionLost(fd, null)}.
 *
 * <pre>{@code
 * ReadPipeTransport out = (ReadPipeTransport) transport.getPipeTransport(1);
 * out.pauseReading();    // no pipeDataReceived(1, ...) until resumeReading()
 * }</pre>
 */
public sealed interface ReadPipeTransport extends PipeTransport, ReadTransport permits ReadPipe {
}
