package io.asyncio4j.cli;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.client.ClientSession;
import io.asyncio4j.http.client.ClientTimeout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code aio fetch URL...}: concurrent downloads with a progress bar per file and a total line
 * (rate, ETA), retries with backoff, resumable with {@code Range}. {@code --compare-sequential}
 * first downloads the same set one by one (into {@code OUT/sequential}) and prints both times.
 */
@Command(name = "fetch", description = "Download URLs concurrently with progress bars, retries and resume.")
final class FetchCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", description = "URLs to download.")
    List<String> urls;

    @Option(names = {"-c", "--concurrency"}, defaultValue = "4", description = "Downloads at a time. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = {"-o", "--output"}, defaultValue = ".", description = "Directory to write to. Default: the current one.")
    Path output;

    @Option(names = "--retries", defaultValue = "3", description = "Retries per file (backoff 0.5 s, 1 s, 2 s, ...). Default: ${DEFAULT-VALUE}.")
    int retries;

    @Option(names = "--timeout", defaultValue = "30", description = "Seconds without data before a read fails. Default: ${DEFAULT-VALUE}.")
    double timeout;

    @Option(names = "--compare-sequential", description = "Download the set one by one first, then concurrently; print both times.")
    boolean compareSequential;

    @Override
    public Integer call() throws Exception {
        for (String u : urls) {
            if (!u.startsWith("http://") && !u.startsWith("https://")) {
                throw new IllegalArgumentException("not an http(s) URL: " + u);
            }
        }
        return Asyncio.run(() -> {
            ClientTimeout t = ClientTimeout.NONE.withSockRead(Duration.ofNanos((long) (timeout * 1e9)))
                    .withConnect(Duration.ofSeconds(10));
            try (ClientSession session = new ClientSession(new ClientSession.Options().timeout(t))) {
                boolean ansi = System.console() != null;
                double sequential = -1;
                if (compareSequential) {
                    System.out.println("sequentially, one at a time:");
                    long s0 = System.nanoTime();
                    new Downloader(session, output.resolve("sequential"), retries, 0.5, new Progress(System.out, ansi))
                            .downloadAll(urls, 1);
                    sequential = (System.nanoTime() - s0) / 1e9;
                    System.out.println();
                    System.out.println("concurrently, " + concurrency + " at a time:");
                }
                long c0 = System.nanoTime();
                List<Downloader.Result> results = new Downloader(session, output, retries, 0.5,
                        new Progress(System.out, ansi)).downloadAll(urls, concurrency);
                double concurrent = (System.nanoTime() - c0) / 1e9;
                long failed = results.stream().filter(r -> r.error() != null).count();
                if (sequential >= 0) {
                    System.out.printf("sequential %.2f s, concurrent %.2f s (%.1fx faster)%n", sequential, concurrent,
                            sequential / concurrent);
                }
                System.out.printf("%d of %d downloaded in %.2f s%n", results.size() - failed, results.size(), concurrent);
                return failed == 0 ? 0 : 1;
            }
        });
    }
}
