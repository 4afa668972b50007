package io.asyncio4j.http.client;

import io.asyncio4j.Asyncio;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;

/**
 * An asynchronous source of request body bytes, sent with {@code Transfer-Encoding: chunked}: what
 * an async generator passed as {@code data=} is to aiohttp. {@link #next()} runs in the requesting
 * task and may await (read a queue, a file, another response); it returns null at the end. Each
 * chunk is written with backpressure (the task waits while the socket does not keep up).
 *
 * <pre>{@code
 * Queue<byte[]> q = new Queue<>();
 * session.post(url, new RequestOptions().body(() -> {
 *     byte[] b = q.get();
 *     return b.length == 0 ? null : b;
 * }));
 * }</pre>
 */
@FunctionalInterface
public interface StreamedBody {
    /** The next chunk (an empty array is skipped), or null at the end. */
    byte[] next() throws Exception;

    /** A body from chunks known in advance. */
    static StreamedBody of(Iterable<byte[]> chunks) {
        Iterator<byte[]> it = chunks.iterator();
        return () -> it.hasNext() ? it.next() : null;
    }

    /** A file read in 64 KiB pieces off the loop (the file is never held in memory). */
    static StreamedBody ofFile(Path file) {
        return new StreamedBody() {
            FileChannel ch;

            @Override
            public byte[] next() throws Exception {
                if (ch == null) ch = Asyncio.toThread(() -> FileChannel.open(file, StandardOpenOption.READ)).await();
                FileChannel c = ch;
                byte[] b = Asyncio.toThread(() -> {
                    ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
                    int n = c.read(buf);
                    if (n < 0) {
                        c.close();
                        return null;
                    }
                    byte[] out = new byte[n];
                    buf.flip().get(out);
                    return out;
                }).await();
                return b;
            }
        };
    }
}
