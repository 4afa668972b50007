package io.asyncio4j.process;

import io.asyncio4j.net.WriteTransport;

/**
 * The write end of a child's stdin: asyncio's {@code WriteTransport} for a pipe. Writes are
 * buffered (copied) and written by a platform thread; the protocol's {@code pauseWriting()} is
 * called when the buffer goes over the high-water mark (64 KiB by default) and
 * {@code resumeWriting()} when it drains to the low-water mark (16 KiB), which is what
 * {@link io.asyncio4j.stream.StreamWriter#drain()} waits for. {@link #close()} is
 * {@link #writeEof()}: the pipe is closed once the buffered data is written.
 *
 * <p>As asyncio's pipe transports (and unlike a socket's), data written after {@link #close()},
 * {@link #writeEof()} or a broken pipe is dropped, not refused: the child may exit at any time.
 *
 * <pre>{@code
 * WritePipeTransport in = (WritePipeTransport) transport.getPipeTransport(0);
 * in.write("hello\n".getBytes());
 * in.writeEof();          // the child reads end of file after "hello\n"
 * }</pre>
 */
public sealed interface WritePipeTransport extends PipeTransport, WriteTransport permits WritePipe {
}
