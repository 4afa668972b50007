package io.asyncio4j.process;

/**
 * The read end of a child's stdout or stderr: asyncio's {@code ReadTransport} for a pipe.
 * Reading is paused and resumed for flow control; while paused, the pipe fills and the child
 * blocks in its writes.
 *
 * <pre>{@code
 * ReadPipeTransport out = (ReadPipeTransport) transport.getPipeTransport(1);
 * out.pauseReading();    // no pipeDataReceived(1, ...) until resumeReading()
 * }</pre>
 */
public sealed interface ReadPipeTransport extends PipeTransport permits ReadPipe {
    /** Stops delivering data until {@link #resumeReading()}: asyncio's {@code pause_reading}. */
    void pauseReading();

    /** Resumes delivering data: asyncio's {@code resume_reading}. */
    void resumeReading();

    /** Whether data is being delivered: asyncio's {@code is_reading}. */
    boolean isReading();
}
