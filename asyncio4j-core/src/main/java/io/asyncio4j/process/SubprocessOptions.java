package io.asyncio4j.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start a child process: the keyword arguments of asyncio's
 * {@code create_subprocess_exec(..., stdin=, stdout=, stderr=, cwd=, env=, limit=)}. Immutable;
 * each {@code with}-style method returns a changed copy. The defaults are asyncio's: every stream
 * inherited, the current directory and environment, a 64 KiB stream limit.
 *
 * <pre>{@code
 * SubprocessOptions opts = SubprocessOptions.pipes()          // stdin, stdout, stderr = PIPE
 *         .cwd(Path.of("/tmp"))
 *         .env(Map.of("LANG", "C"));
 * }</pre>
 *
 * @param stdin  where the child's stdin comes from ({@link Redirect#STDOUT} is not allowed)
 * @param stdout where the child's stdout goes ({@link Redirect#STDOUT} is not allowed)
 * @param stderr where the child's stderr goes
 * @param cwd    the child's working directory, or null for this process's
 * @param env    the child's whole environment (it replaces this process's, as asyncio's
 *               {@code env=} does), or null to inherit this process's environment
 * @param limit  the buffer limit of the stream readers (asyncio's {@code limit=}), in bytes
 */
public record SubprocessOptions(Redirect stdin, Redirect stdout, Redirect stderr, Path cwd,
                                Map<String, String> env, int limit) {

    /** asyncio's default stream limit: 64 KiB. */
    public static final int DEFAULT_LIMIT = 64 * 1024;

    public SubprocessOptions {
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        if (stdin == Redirect.STDOUT || stdout == Redirect.STDOUT) {
            throw new IllegalArgumentException("Redirect.STDOUT is only valid for stderr");
        }
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        env = env == null ? null : Map.copyOf(env);
    }

    /** Everything inherited, as asyncio's defaults. */
    public static SubprocessOptions defaults() {
        return new SubprocessOptions(Redirect.INHERIT, Redirect.INHERIT, Redirect.INHERIT, null, null, DEFAULT_LIMIT);
    }

    /** stdin, stdout and stderr all {@link Redirect#PIPE}. */
    public static SubprocessOptions pipes() {
        return new SubprocessOptions(Redirect.PIPE, Redirect.PIPE, Redirect.PIPE, null, null, DEFAULT_LIMIT);
    }

    public SubprocessOptions stdin(Redirect r) {
        return new SubprocessOptions(r, stdout, stderr, cwd, env, limit);
    }

    public SubprocessOptions stdout(Redirect r) {
        return new SubprocessOptions(stdin, r, stderr, cwd, env, limit);
    }

    public SubprocessOptions stderr(Redirect r) {
        return new SubprocessOptions(stdin, stdout, r, cwd, env, limit);
    }

    public SubprocessOptions cwd(Path dir) {
        return new SubprocessOptions(stdin, stdout, stderr, dir, env, limit);
    }

    /** Replaces the child's whole environment with {@code environment} (null: inherit). */
    public SubprocessOptions env(Map<String, String> environment) {
        return new SubprocessOptions(stdin, stdout, stderr, cwd, environment, limit);
    }

    public SubprocessOptions limit(int bytes) {
        return new SubprocessOptions(stdin, stdout, stderr, cwd, env, bytes);
    }

    /** The {@link ProcessBuilder} for {@code command} with these options. */
    ProcessBuilder toProcessBuilder(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command));
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        if (env != null) {
            Map<String, String> e = pb.environment();
            e.clear();
            e.putAll(env);
        }
        pb.redirectInput(switch (stdin) {
            case PIPE -> ProcessBuilder.Redirect.PIPE;
            case DEVNULL -> ProcessBuilder.Redirect.from(nullDevice());
            default -> ProcessBuilder.Redirect.INHERIT;
        });
        pb.redirectOutput(output(stdout));
        if (stderr == Redirect.STDOUT) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(output(stderr));
        }
        return pb;
    }

    private static ProcessBuilder.Redirect output(Redirect r) {
        return switch (r) {
            case PIPE -> ProcessBuilder.Redirect.PIPE;
            case DEVNULL -> ProcessBuilder.Redirect.DISCARD;
            default -> ProcessBuilder.Redirect.INHERIT;
        };
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
