package io.asyncio4j.process;

import io.asyncio4j.net.BaseProtocol;

/**
 * Callbacks for a child process: asyncio's {@code SubprocessProtocol}. Every method runs on the
 * loop thread; all have empty defaults, so implement only what you need. The order is asyncio's:
 * {@link #connectionMade} first; then {@link #pipeDataReceived} for each chunk of stdout (fd 1) and
 * stderr (fd 2); {@link #pipeConnectionLost} once per pipe when it closes; {@link #processExited}
 * when the child exits (before or after its pipes close); and {@link #connectionLost} last, once
 * the child has exited and every pipe is closed.
 *
 * <p>The {@code byte[]} given to {@code pipeDataReceived} belongs to the protocol.
 * {@code connectionLost}, {@code pauseWriting} and {@code resumeWriting} are
 * {@link BaseProtocol}'s: {@code connectionLost(exc)} is the last call, once the child has exited
 * and every pipe is closed; {@code pauseWriting()} / {@code resumeWriting()} come when the stdin
 * pipe's buffer goes over its high-water mark / drains to its low-water mark.
 *
 * <pre>{@code
 * class Collect implements SubprocessProtocol {
 *     final ByteArrayOutputStream out = new ByteArrayOutputStream();
 *     public void pipeDataReceived(int fd, byte[] data) { if (fd == 1) out.writeBytes(data); }
 *     public void processExited() { System.out.println("exited"); }
 * }
 * var conn = Subprocess.subprocessExec(Collect::new, List.of("ls", "-l"),
 *         SubprocessOptions.defaults().stdout(Redirect.PIPE));
 * }</pre>
 */
public interface SubprocessProtocol extends BaseProtocol {
    /** The child was started; {@code transport} controls it. */
    default void connectionMade(SubprocessTransport transport) {
    }

    /** {@code data} arrived on the child's stdout ({@code fd == 1}) or stderr ({@code fd == 2}). */
    default void pipeDataReceived(int fd, byte[] data) {
    }

    /** Pipe {@code fd} (0, 1 or 2) was closed; {@code exc} is the error that closed it, or null. */
    default void pipeConnectionLost(int fd, Throwable exc) {
    }

    /** The child exited: {@link SubprocessTransport#getReturncode()} is now set. */
    default void processExited() {
    }
}
