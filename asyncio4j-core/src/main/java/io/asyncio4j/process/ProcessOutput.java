package io.asyncio4j.process;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * What {@link AsyncProcess#communicate(byte[])} collected: the {@code (stdout_data, stderr_data)}
 * tuple of asyncio's {@code communicate()}. A field is null when that stream was not a pipe.
 *
 * <pre>{@code
 * ProcessOutput out = proc.communicate(null);
 * System.out.println(out.stdoutText());
 * }</pre>
 *
 * @param stdout everything the child wrote to stdout, or null if stdout was not {@link Redirect#PIPE}
 * @param stderr everything the child wrote to stderr, or null if stderr was not {@link Redirect#PIPE}
 */
public record ProcessOutput(byte[] stdout, byte[] stderr) {
    /** stdout decoded as UTF-8 (null if not piped). */
    public String stdoutText() {
        return stdoutText(StandardCharsets.UTF_8);
    }

    /** stderr decoded as UTF-8 (null if not piped). */
    public String stderrText() {
        return stderrText(StandardCharsets.UTF_8);
    }

    public String stdoutText(Charset cs) {
        return stdout == null ? null : new String(stdout, cs);
    }

    public String stderrText(Charset cs) {
        return stderr == null ? null : new String(stderr, cs);
    }

    @Override
    public String toString() {
        return "ProcessOutput[stdout=" + (stdout == null ? "null" : stdout.length + " bytes")
                + ", stderr=" + (stderr == null ? "null" : stderr.length + " bytes") + "]";
    }
}
