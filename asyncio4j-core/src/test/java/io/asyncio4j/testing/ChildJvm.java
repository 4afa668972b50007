package io.asyncio4j.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Starts a class of the test class path in a fresh JVM of the same JDK, for tests that need a real process. */
public final class ChildJvm {
    private ChildJvm() {}

    public static ProcessBuilder builder(boolean withAddOpens, Class<?> main, String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        if (withAddOpens) {
            cmd.add("--add-opens");
            cmd.add("java.base/java.lang=ALL-UNNAMED");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true);
    }

    /** Runs to completion and returns exit code and output. */
    public static Result run(boolean withAddOpens, Class<?> main, String... args) throws IOException, InterruptedException {
        Process p = builder(withAddOpens, main, args).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    public record Result(int exitCode, String output) {
    }
}
