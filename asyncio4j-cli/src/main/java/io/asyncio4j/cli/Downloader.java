package io.asyncio4j.cli;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import io.asyncio4j.files.AsyncBinaryFile;
import io.asyncio4j.files.AsyncFiles;
import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientResponseError;
import io.asyncio4j.http.client.ClientSession;
import io.asyncio4j.http.client.RequestOptions;
import io.asyncio4j.sync.Semaphore;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Downloads a set of URLs with at most N at a time, each with retries (exponential backoff) and
 * resumption: a file is written to {@code NAME.part}; a retry (or a later run) asks for the rest
 * with {@code Range: bytes=SIZE-} and appends when the server answers 206. Used by
 * {@code aio fetch} and {@code aio demo}.
 */
final class Downloader {
    /** What one download ended with. */
    record Result(String url, Path file, long bytes, Throwable error) {
    }

    private final ClientSession session;
    private final Path outDir;
    private final int retries;
    private final double backoffSeconds;
    private final Progress progress;

    Downloader(ClientSession session, Path outDir, int retries, double backoffSeconds, Progress progress) {
        this.session = session;
        this.outDir = outDir;
        this.retries = retries;
        this.backoffSeconds = backoffSeconds;
        this.progress = progress;
    }

    /** Downloads every URL, {@code concurrency} at a time; failures are returned, not thrown. */
    List<Result> downloadAll(List<String> urls, int concurrency) throws Exception {
        AsyncFiles.makeDirs(outDir, true);
        Semaphore slots = new Semaphore(concurrency);
        List<Task<Result>> tasks = new ArrayList<>();
        for (String url : urls) {
            Progress.Item item = progress.add(fileName(url));
            tasks.add(Asyncio.createTask(() -> slots.withLock(() -> downloadOne(url, item))));
        }
        List<Result> results = new ArrayList<>();
        for (Task<Result> t : tasks) {
            results.add(t.await());
        }
        progress.draw(true);
        return results;
    }

    static String fileName(String url) {
        String path = URI.create(url).getPath();
        String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        return name.isEmpty() ? "index.html" : name;
    }

    private Result downloadOne(String url, Progress.Item item) {
        Path target = outDir.resolve(item.name);
        Path part = outDir.resolve(item.name + ".part");
        for (int attempt = 0; ; attempt++) {
            try {
                long bytes = attempt(url, target, part, item);
                progress.event(item, "done");
                return new Result(url, target, bytes, null);
            } catch (CancelledError e) {
                throw e;
            } catch (Exception e) {
                if (attempt >= retries || !retryable(e)) {
                    progress.event(item, "failed: " + UserErrors.describe(e));
                    return new Result(url, target, item.done, e);
                }
                double delay = backoffSeconds * (1L << attempt);
                progress.event(item, String.format("retry %d/%d in %.1f s (%s)", attempt + 1, retries, delay,
                        UserErrors.describe(e)));
                Asyncio.sleep(delay);
            }
        }
    }

    private static boolean retryable(Exception e) {
        if (e instanceof ClientResponseError r) {
            return r.status() >= 500 || r.status() == 408 || r.status() == 429;
        }
        return !(e instanceof IllegalArgumentException);
    }

    private long attempt(String url, Path target, Path part, Progress.Item item) throws Exception {
        long have = AsyncFiles.exists(part) ? AsyncFiles.getSize(part) : 0;
        RequestOptions options = new RequestOptions();
        if (have > 0) {
            options.header("Range", "bytes=" + have + "-");
        }
        try (ClientResponse r = session.get(url, options)) {
            if (r.status() == 416 && have > 0) { // we already have it all
                AsyncFiles.rename(part, target);
                item.total = item.done = have;
                return have;
            }
            r.raiseForStatus();
            boolean append = r.status() == 206;
            long start = append ? have : 0;
            long length = r.contentLength();
            item.total = length >= 0 ? start + length : -1;
            item.done = start;
            progress.event(item, append ? "resuming at " + Progress.human(start) : "downloading");
            try (AsyncBinaryFile f = AsyncFiles.openBinary(part, append ? "ab" : "wb")) {
                for (byte[] chunk : r.content().iterChunked(256 * 1024)) {
                    f.write(chunk);
                    item.done += chunk.length;
                    progress.draw(false);
                }
            }
        }
        AsyncFiles.rename(part, target);
        return item.done;
    }
}
