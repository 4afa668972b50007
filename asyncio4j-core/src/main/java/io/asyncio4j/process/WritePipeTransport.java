package io.asyncio4j.process;

/**
 * The write end of a child's stdin: asyncio's {@code WriteTransport} for a pipe. Writes are
 * buffered and written by a platform thread; the protocol's {@code pauseWriting()} is called when
 * the buffer goes over the high-water mark (64 KiB by default) and {@code resumeWriting()} when it
 * drains to the low-water mark (16 KiB).
 *
 * <pre>{@code
 * WritePipeTransport in = (WritePipeTransport) transport.getPipeTransport(0);
 * in.write("hello\n".getBytes());
 * in.writeEof();          // the child reads end of file after "hello\n"
 * }</pre>
 */
public sealed interface WritePipeTransport extends PipeTransport permits WritePipe {
    /**
     * Queues {@code data} (copied) for writing. After the pipe closed or broke, data is dropped,
     * as asyncio does.
     */
    void write(byte[] data);

    /** Closes the pipe once the queued data is written. */
    void writeEof();

    /** True: pipes support {@link #writeEof()}. */
    boolean canWriteEof();

    /** Closes the pipe at once, dropping queued data: asyncio's {@code abort()}. */
    void abort();

    /** The bytes queued and not yet written. */
    long getWriteBufferSize();

    /** Sets the flow-control watermarks, asyncio's {@code set_write_buffer_limits}; -1 keeps the default. */
    void setWriteBufferLimits(long high, long low);
}
