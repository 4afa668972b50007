package io.asyncio4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The aio command as a user runs it: a real process per command, real sockets. */
@Timeout(120)
class AioCommandTest {
    record Result(int exit, String out, String err) {
    }

    static ProcessBuilder aio(String... args) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Aio.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    static Result run(String... args) throws Exception {
        Process p = aio(args).start();
        p.getOutputStream().close();
        var err = new java.util.concurrent.CompletableFuture<String>();
        Thread.ofPlatform().start(() -> {
            try {
                err.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.completeExceptionally(e);
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, err.get());
    }

    @Test
    void serveAndGetRoundTrip(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("hello.txt"), "hello from aio serve\n");
        Process server = aio("serve", dir.toString(), "--port", "0").redirectErrorStream(true).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String first = lines.readLine();
            Matcher m = Pattern.compile("on (http://127\\.0\\.0\\.1:\\d+/)").matcher(first);
            assertThat(m.find()).as(first).isTrue();
            String base = m.group(1);

            Result file = run("get", base + "hello.txt");
            assertThat(file.exit()).isZero();
            assertThat(file.out()).startsWith("HTTP/1.1 200 OK").contains("Content-Length: 21").endsWith("\n\nhello from aio serve\n");

            Result listing = run("get", base);
            assertThat(listing.out()).contains("hello.txt");

            Result missing = run("get", base + "nope");
            assertThat(missing.out()).startsWith("HTTP/1.1 404");
            assertThat(missing.exit()).isEqualTo(22);

            Result live = run("get", base + "_aio/");
            assertThat(live.out()).contains("new WebSocket");
        } finally {
            server.destroy(); // SIGTERM: the command shuts down cleanly
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(server.exitValue()).isZero();
    }

    @Test
    void userErrorsAreOneLineAndNonZero(@TempDir Path dir) throws Exception {
        Result badUrl = run("get", "not-a-url");
        assertThat(badUrl.exit()).isEqualTo(1);
        assertThat(badUrl.err().strip()).startsWith("aio: ").doesNotContain("\n").doesNotContain("Exception");

        Result missingDir = run("serve", dir.resolve("missing").toString(), "--port", "0");
        assertThat(missingDir.exit()).isEqualTo(1);
        assertThat(missingDir.err().strip()).startsWith("aio: no such file or directory").doesNotContain("\n");

        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Result inUse = run("echo", "--port", Integer.toString(taken.getLocalPort()));
            assertThat(inUse.exit()).isEqualTo(1);
            assertThat(inUse.err().strip()).contains("port already in use").doesNotContain("\n");
        }

        Result refused;
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = s.getLocalPort();
            s.close();
            refused = run("get", "http://127.0.0.1:" + port + "/");
        }
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err().strip()).startsWith("aio: ").doesNotContain("\n");

        Result debug = run("--debug", "get", "not-a-url");
        assertThat(debug.err()).contains("\tat "); // --debug shows the stack trace
    }

    @Test
    void fetchDownloadsConcurrentlyAndResumes(@TempDir Path dir) throws Exception {
        Path served = Files.createDirectories(dir.resolve("served"));
        byte[] big = new byte[3 * 1024 * 1024];
        new java.util.Random(7).nextBytes(big);
        Files.write(served.resolve("big.bin"), big);
        Files.writeString(served.resolve("small.txt"), "small");
        Process server = aio("serve", served.toString(), "--port", "0").redirectErrorStream(true).start();
        try {
            String first = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8)).readLine();
            Matcher m = Pattern.compile("on (http://127\\.0\\.0\\.1:\\d+/)").matcher(first);
            assertThat(m.find()).isTrue();
            String base = m.group(1);
            Path out = dir.resolve("out");
            // A partial download left by an earlier run is resumed with a Range request.
            Files.createDirectories(out);
            Files.write(out.resolve("big.bin.part"), java.util.Arrays.copyOf(big, 1_000_000));
            Result fetch = run("fetch", base + "big.bin", base + "small.txt", "-o", out.toString(), "-c", "2",
                    "--compare-sequential");
            assertThat(fetch.exit()).as(fetch.out() + fetch.err()).isZero();
            assertThat(fetch.out()).contains("resuming at", "2 of 2 downloaded", "sequential");
            assertThat(Files.readAllBytes(out.resolve("big.bin"))).isEqualTo(big);
            assertThat(Files.readString(out.resolve("small.txt"))).isEqualTo("small");
            assertThat(Files.exists(out.resolve("big.bin.part"))).isFalse();

            Result notFound = run("fetch", base + "missing.bin", "-o", out.toString(), "--retries", "1");
            assertThat(notFound.exit()).isEqualTo(1);
            assertThat(notFound.out()).contains("failed", "0 of 1 downloaded");
        } finally {
            server.destroy();
            server.waitFor(20, TimeUnit.SECONDS);
        }
    }
}
