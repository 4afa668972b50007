package io.asyncio4j.bench.files;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.files.AsyncBinaryFile;
import io.asyncio4j.files.AsyncFiles;
import io.asyncio4j.loop.EventLoop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Copies a large file inside a task, chunk by chunk (read, then write, each awaited), in three
 * ways, while a second task sleeps 1 ms in a loop and records how late each wake-up is:
 * <ul>
 *   <li>{@code executor}: {@code FileChannel} positional reads/writes run by
 *       {@code loop.runInExecutor(null, ...)} (the default platform-thread pool);</li>
 *   <li>{@code afc}: {@code AsynchronousFileChannel} with a completion handler that completes a
 *       loop future through {@code callSoonThreadsafe};</li>
 *   <li>{@code AsyncFiles}: the library's {@code AsyncBinaryFile} read(chunk)/write(chunk), which
 *       runs on the executor (the choice made from the first two rows);</li>
 *   <li>{@code on-loop}: plain {@code FileChannel} calls in the task, i.e. on the loop thread
 *       (what not to do; the baseline that shows the cost of blocking the loop).</li>
 * </ul>
 * Prints a markdown table: MB/s of the copy and p50/p99/max lateness of the 1 ms sleeper.
 *
 * <pre>
 * java --add-opens java.base/java.lang=ALL-UNNAMED -cp bench/target/classes:asyncio4j-core/target/classes \
 *      io.asyncio4j.bench.files.FileCopyBench [sizeMB=200] [rounds=3]
 * </pre>
 */
public final class FileCopyBench {
    private FileCopyBench() {
    }

    interface Copier {
        void copy(EventLoop loop, Path src, Path dst, int chunk) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int sizeMb = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("asyncio4j-filebench");
        Path src = dir.resolve("src.bin");
        Path dst = dir.resolve("dst.bin");
        try {
            writeSource(src, sizeMb);
            System.out.printf("file %d MB, %d rounds each (best MB/s, lateness pooled over rounds), %d cpus%n%n",
                    sizeMb, rounds, Runtime.getRuntime().availableProcessors());
            System.out.println("| method | chunk | copy MB/s | sleeper p50 late ms | p99 ms | max ms | wake-ups |");
            System.out.println("|---|---|---|---|---|---|---|");
            row("idle (no copy)", null, src, dst, 65536, sizeMb, 1);
            for (int chunk : new int[] {64 * 1024, 1024 * 1024}) {
                row("executor", FileCopyBench::copyExecutor, src, dst, chunk, sizeMb, rounds);
                row("afc", FileCopyBench::copyAfc, src, dst, chunk, sizeMb, rounds);
                row("on-loop", FileCopyBench::copyOnLoop, src, dst, chunk, sizeMb, rounds);
                row("AsyncFiles", FileCopyBench::copyAsyncFiles, src, dst, chunk, sizeMb, rounds);
            }
        } finally {
            Files.deleteIfExists(src);
            Files.deleteIfExists(dst);
            Files.deleteIfExists(dir);
        }
    }

    private static void writeSource(Path src, int sizeMb) throws IOException {
        byte[] block = new byte[1 << 20];
        new Random(42).nextBytes(block);
        try (FileChannel ch = FileChannel.open(src, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = 0; i < sizeMb; i++) {
                ByteBuffer b = ByteBuffer.wrap(block);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
        }
    }

    private static void row(String name, Copier copier, Path src, Path dst, int chunk, int sizeMb, int rounds)
            throws Exception {
        List<Long> late = new ArrayList<>();
        double best = 0;
        for (int r = 0; r < rounds; r++) {
            double[] mbps = new double[1];
            Asyncio.run(() -> {
                EventLoop loop = Asyncio.getRunningLoop();
                boolean[] stop = new boolean[1];
                var sleeper = Asyncio.createTask(() -> {
                    while (!stop[0]) {
                        long t0 = System.nanoTime();
                        Asyncio.sleep(0.001);
                        late.add(System.nanoTime() - t0 - 1_000_000);
                    }
                });
                Asyncio.sleep(0.05);
                long t0 = System.nanoTime();
                if (copier != null) {
                    copier.copy(loop, src, dst, chunk);
                } else {
                    Asyncio.sleep(1.0);
                }
                mbps[0] = sizeMb / ((System.nanoTime() - t0) / 1e9);
                stop[0] = true;
                sleeper.await();
            });
            best = Math.max(best, mbps[0]);
        }
        long[] l = late.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("| %s | %s | %s | %.2f | %.2f | %.2f | %d |%n", name,
                copier == null ? "-" : (chunk / 1024) + " KiB", copier == null ? "-" : String.format("%.0f", best),
                pct(l, 0.50) / 1e6, pct(l, 0.99) / 1e6, l.length == 0 ? 0 : l[l.length - 1] / 1e6, l.length);
    }

    private static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }

    // ------------------------------------------------------------------ the three copiers

    private static void copyExecutor(EventLoop loop, Path src, Path dst, int chunk) throws Exception {
        try (FileChannel in = FileChannel.open(src, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(dst, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(chunk);
            long pos = 0;
            while (true) {
                long p = pos;
                buf.clear();
                int n = loop.runInExecutor(null, () -> in.read(buf, p)).await();
                if (n <= 0) {
                    break;
                }
                buf.flip();
                loop.runInExecutor(null, () -> {
                    long q = p;
                    while (buf.hasRemaining()) {
                        q += out.write(buf, q);
                    }
                    return null;
                }).await();
                pos += n;
            }
        }
    }

    private static void copyAfc(EventLoop loop, Path src, Path dst, int chunk) throws Exception {
        try (AsynchronousFileChannel in = AsynchronousFileChannel.open(src, StandardOpenOption.READ);
             AsynchronousFileChannel out = AsynchronousFileChannel.open(dst, StandardOpenOption.CREATE,
                     StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(chunk);
            long pos = 0;
            while (true) {
                buf.clear();
                Future<Integer> r = loop.createFuture();
                in.read(buf, pos, null, handler(loop, r));
                int n = r.await();
                if (n <= 0) {
                    break;
                }
                buf.flip();
                long q = pos;
                while (buf.hasRemaining()) {
                    Future<Integer> w = loop.createFuture();
                    out.write(buf, q, null, handler(loop, w));
                    q += w.await();
                }
                pos += n;
            }
        }
    }

    private static CompletionHandler<Integer, Void> handler(EventLoop loop, Future<Integer> f) {
        return new CompletionHandler<>() {
            @Override
            public void completed(Integer result, Void att) {
                loop.callSoonThreadsafe(() -> f.setResult(result));
            }

            @Override
            public void failed(Throwable exc, Void att) {
                loop.callSoonThreadsafe(() -> f.setException(exc));
            }
        };
    }

    private static void copyAsyncFiles(EventLoop loop, Path src, Path dst, int chunk) throws Exception {
        try (AsyncBinaryFile in = AsyncFiles.openBinary(src, "rb");
             AsyncBinaryFile out = AsyncFiles.openBinary(dst, "wb")) {
            for (byte[] b; (b = in.read(chunk)).length > 0; ) {
                out.write(b);
            }
        }
    }

    private static void copyOnLoop(EventLoop loop, Path src, Path dst, int chunk) throws Exception {
        try (FileChannel in = FileChannel.open(src, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(dst, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(chunk);
            long pos = 0;
            while (true) {
                buf.clear();
                int n = in.read(buf, pos);
                if (n <= 0) {
                    break;
                }
                buf.flip();
                long q = pos;
                while (buf.hasRemaining()) {
                    q += out.write(buf, q);
                }
                pos += n;
                Asyncio.sleep(0); // let the sleeper run between chunks
            }
        }
    }
}
