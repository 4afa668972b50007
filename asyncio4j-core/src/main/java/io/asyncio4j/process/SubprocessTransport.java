package io.asyncio4j.process;

/**
 * The loop's handle on a child process: asyncio's {@code SubprocessTransport}. Methods must be
 * called on the loop thread.
 *
 * <p>Return codes follow asyncio: the exit status, or {@code -N} when the child was killed by
 * signal {@code N}. The JDK reports a death by signal as {@code 128 + N}, which an ordinary exit
 * with that status cannot be told apart from; so a status {@code 128 + N} is reported as {@code -N}
 * when this transport sent signal {@code N} (by {@link #sendSignal}, {@link #terminate} or
 * {@link #kill}) and as is otherwise.
 *
 * <pre>{@code
 * var conn = Subprocess.subprocessExec(MyProtocol::new, List.of("sleep", "100"), SubprocessOptions.defaults());
 * SubprocessTransport t = conn.transport();
 * t.terminate();                    // later: t.getReturncode() == -15
 * }</pre>
 */
public interface SubprocessTransport {
    /** The child's process id. */
    long getPid();

    /** The child's return code, or null while it runs: asyncio's {@code get_returncode()}. */
    Integer getReturncode();

    /**
     * The transport of pipe {@code fd}: a {@link WritePipeTransport} for 0 (stdin), a
     * {@link ReadPipeTransport} for 1 and 2; null if that stream is not a pipe.
     */
    PipeTransport getPipeTransport(int fd);

    /** Sends signal number {@code signal} to the child: asyncio's {@code send_signal}. */
    void sendSignal(int signal);

    /** Sends the signal named {@code signal} ("SIGUSR1", "USR1", "INT", ...). */
    void sendSignal(String signal);

    /** Asks the child to stop (SIGTERM): asyncio's {@code terminate()}. */
    void terminate();

    /** Kills the child (SIGKILL): asyncio's {@code kill()}. */
    void kill();

    /** Closes the pipes and kills the child if it still runs: asyncio's {@code close()}. */
    void close();

    /** Whether {@link #close()} was called. */
    boolean isClosing();
}
