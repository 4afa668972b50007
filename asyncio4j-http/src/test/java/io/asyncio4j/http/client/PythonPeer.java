package io.asyncio4j.http.client;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A Python test peer from src/test/resources/httpclient, started on port 0; it prints "PORT n". */
final class PythonPeer implements AutoCloseable {
    final Process process;
    final int port;

    PythonPeer(String script, String... args) throws Exception {
        Path file = Files.createTempFile("peer", ".py");
        try (var in = PythonPeer.class.getResourceAsStream("/httpclient/" + script)) {
            Files.write(file, in.readAllBytes());
        }
        file.toFile().deleteOnExit();
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("/usr/bin/python3", file.toString()));
        cmd.addAll(java.util.List.of(args));
        process = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        if (line == null || !line.startsWith("PORT ")) {
            process.destroyForcibly();
            throw new IllegalStateException(script + " did not start: " + line);
        }
        port = Integer.parseInt(line.substring(5).trim());
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close(); // the peer exits when stdin closes
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
