package io.asyncio4j.net.tls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code openssl s_server -rev -naccept 1} on a free 127.0.0.1 port, returned once it prints
 * ACCEPT (it listens): a real TLS peer that answers each line reversed. Close destroys it.
 */
final class OpensslServer implements AutoCloseable {
    final int port;
    private final Process process;

    private OpensslServer(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** Starts it with {@code extraArgs} after the certificate options (e.g. {@code -Verify 1}). */
    static OpensslServer start(TlsCerts certs, String... extraArgs) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(TlsCerts.OPENSSL.toString(), "s_server", "-accept",
                "127.0.0.1:" + port, "-cert", certs.serverPem.toString(), "-key", certs.serverKey.toString(),
                "-rev", "-naccept", "1"));
        cmd.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.contains("ACCEPT")) {
            // wait until it listens
        }
        if (line == null) {
            p.destroy();
            throw new IOException("openssl s_server exited before listening: " + String.join(" ", cmd));
        }
        return new OpensslServer(port, p);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
    }
}
