package io.asyncio4j.process;

/**
 * Where a child's standard stream goes: asyncio's {@code subprocess.PIPE}, {@code DEVNULL},
 * {@code STDOUT} and {@code None} (inherit).
 *
 * <pre>{@code
 * SubprocessOptions opts = SubprocessOptions.defaults()
 *         .stdout(Redirect.PIPE)
 *         .stderr(Redirect.STDOUT);
 * }</pre>
 */
public enum Redirect {
    /** A pipe to this process, read or written through the process's stream objects. */
    PIPE,
    /** The null device ({@code /dev/null}). */
    DEVNULL,
    /** The same stream as this JVM's (asyncio's default, {@code None}). */
    INHERIT,
    /** For stderr only: the same destination as stdout ({@code subprocess.STDOUT}). */
    STDOUT
}
