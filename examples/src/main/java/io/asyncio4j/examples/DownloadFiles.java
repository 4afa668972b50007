package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.files.AsyncBinaryFile;
import io.asyncio4j.files.AsyncFiles;
import io.asyncio4j.files.TemporaryDirectory;
import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientSession;
import io.asyncio4j.http.server.AppRunner;
import io.asyncio4j.http.server.Application;
import io.asyncio4j.http.server.HttpServerConfig;
import io.asyncio4j.http.server.StreamResponse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The classic asyncio demonstration: download files one after another, then all at once, and
 * compare the times. A local server streams each 256 KiB file in 16 chunks 25 ms apart (a slow
 * link); the files are written with async file I/O.
 */
public final class DownloadFiles {
    static long download(ClientSession session, String url, Path target) throws Exception {
        long n = 0;
        try (ClientResponse r = session.get(url); AsyncBinaryFile f = AsyncFiles.openBinary(target, "wb")) {
            r.raiseForStatus();
            for (byte[] chunk : r.content().iterChunked(64 * 1024)) {
                f.write(chunk);
                n += chunk.length;
            }
        }
        return n;
    }

    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> {
            Application app = new Application();
            app.router().get("/file/{n}", request -> {
                StreamResponse r = new StreamResponse().contentType("application/octet-stream").contentLength(16 * 16384);
                r.prepare(request);
                byte[] chunk = new byte[16384];
                for (int i = 0; i < 16; i++) {
                    Asyncio.sleep(0.025);
                    r.write(chunk);
                    r.drain();
                }
                r.writeEof();
                return r;
            });
            AppRunner runner = new AppRunner(app, new HttpServerConfig().accessLogFormat(null));
            runner.setup();
            runner.start("127.0.0.1", 0);
            List<String> urls = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                urls.add("http://127.0.0.1:" + runner.port() + "/file/" + i);
            }
            try (ClientSession session = new ClientSession(); TemporaryDirectory dir = AsyncFiles.temporaryDirectory("dl")) {
                long t0 = System.nanoTime();
                long total = 0;
                for (int i = 0; i < urls.size(); i++) {
                    total += download(session, urls.get(i), dir.path().resolve("seq-" + i));
                }
                double sequential = (System.nanoTime() - t0) / 1e9;
                System.out.println("sequential: " + urls.size() + " files, " + total + " bytes");

                long t1 = System.nanoTime();
                List<Task<Long>> tasks = new ArrayList<>();
                for (int i = 0; i < urls.size(); i++) {
                    String url = urls.get(i);
                    Path target = dir.path().resolve("con-" + i);
                    tasks.add(Asyncio.createTask(() -> download(session, url, target)));
                }
                long total2 = 0;
                for (long n : Asyncio.gather(tasks).await()) {
                    total2 += n;
                }
                double concurrent = (System.nanoTime() - t1) / 1e9;
                System.out.println("concurrent: " + urls.size() + " files, " + total2 + " bytes");
                System.out.println("concurrent is faster: " + (concurrent * 2 < sequential));
                System.out.printf("(sequential %.2f s, concurrent %.2f s)%n", sequential, concurrent);
            }
            runner.cleanup();
        });
    }
}
