package io.asyncio4j.interop;

import io.asyncio4j.Asyncio;
import io.asyncio4j.net.Server;
import io.asyncio4j.stream.Streams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Our stream server against socat / netcat as clients, when one of them is installed (skipped otherwise). */
@Timeout(30)
class NetcatInteropTest {

    private static Optional<String> which(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator))
                .map(d -> new File(d, name))
                .filter(File::canExecute)
                .map(File::getPath)
                .findFirst();
    }

    @Test
    void socatOrNetcatClientAgainstOurServer() throws Exception {
        Optional<String> socat = which("socat");
        Optional<String> nc = which("nc");
        assumeTrue(socat.isPresent() || nc.isPresent(), "neither socat nor nc is installed");
        Asyncio.run(() -> {
            Server server = Streams.startServer((reader, writer) -> {
                byte[] all = reader.read(); // to EOF: the client half-closes after its input
                writer.write(("got " + new String(all, StandardCharsets.US_ASCII).trim() + "\n")
                        .getBytes(StandardCharsets.US_ASCII));
                writer.close();
            }, "127.0.0.1", 0);
            ProcessBuilder pb = socat.isPresent()
                    ? new ProcessBuilder(socat.get(), "-", "TCP:127.0.0.1:" + server.port())
                    : new ProcessBuilder(nc.get(), "-N", "127.0.0.1", String.valueOf(server.port()));
            Process p = pb.redirectErrorStream(true).start();
            String out = Asyncio.toThread(() -> {
                p.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
                p.getOutputStream().close();
                String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                p.waitFor();
                return s;
            }).await();
            assertThat(out).isEqualTo("got ping\n");
            server.close();
            server.waitClosed();
        });
    }
}
