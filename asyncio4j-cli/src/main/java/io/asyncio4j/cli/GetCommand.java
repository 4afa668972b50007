package io.asyncio4j.cli;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientSession;
import io.asyncio4j.http.client.ClientTimeout;
import io.asyncio4j.http.client.RequestOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code aio get URL}: one GET, printed like {@code curl -i} (status line, headers, body). */
@Command(name = "get", description = "GET a URL and print the status line, headers and body (like curl -i).")
final class GetCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The URL.")
    String url;

    @Option(names = "--timeout", defaultValue = "30", description = "Total timeout in seconds. Default: ${DEFAULT-VALUE}.")
    double timeout;

    @Override
    public Integer call() throws Exception {
        return Asyncio.run(() -> {
            PrintStream out = System.out;
            ClientTimeout t = ClientTimeout.NONE.withTotal(Duration.ofNanos((long) (timeout * 1e9)));
            try (ClientSession session = new ClientSession(new ClientSession.Options().timeout(t))) {
                ClientResponse r = session.get(url, new RequestOptions());
                out.println(r.version() + " " + r.status() + " " + r.reason());
                for (Map.Entry<String, String> h : r.headers()) {
                    out.println(h.getKey() + ": " + h.getValue());
                }
                out.println();
                out.write(r.read());
                out.flush();
                return r.status() < 400 ? 0 : 22; // curl --fail's exit code for an HTTP error
            }
        });
    }
}
