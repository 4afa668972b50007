package io.asyncio4j.http.client;

import io.asyncio4j.Asyncio;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An encoded request body: its length (-1: chunked), content type and how to write it. */
abstract class RequestBody {
    /** Where body bytes go (framing and backpressure are the sink's business). */
    interface Sink {
        void write(ByteBuffer data) throws Exception;
    }

    final String contentType;
    final long length;

    RequestBody(String contentType, long length) {
        this.contentType = contentType;
        this.length = length;
    }

    /** Whether the body can be sent again (307/308 redirect, retry on a stale pooled connection). */
    abstract boolean replayable();

    abstract void writeTo(Sink sink) throws Exception;

    static RequestBody bytes(byte[] data, String contentType) {
        return new RequestBody(contentType, data.length) {
            boolean replayable() { return true; }

            void writeTo(Sink sink) throws Exception {
                if (data.length > 0) sink.write(ByteBuffer.wrap(data));
            }
        };
    }

    static RequestBody streamed(StreamedBody source, String contentType) {
        return new RequestBody(contentType, -1) {
            boolean used;

            boolean replayable() { return !used; }

            void writeTo(Sink sink) throws Exception {
                used = true;
                byte[] b;
                while ((b = source.next()) != null) {
                    if (b.length > 0) sink.write(ByteBuffer.wrap(b));
                }
            }
        };
    }

    static RequestBody multipart(FormData form) throws Exception {
        String boundary = UUID.randomUUID().toString().replace("-", "");
        List<Object> pieces = new ArrayList<>(); // byte[] or FormData.Part with a file
        long length = 0;
        for (FormData.Part p : form.parts) {
            StringBuilder h = new StringBuilder();
            h.append("--").append(boundary).append("\r\n");
            h.append("Content-Disposition: form-data; name=\"").append(quote(p.name())).append('"');
            if (p.filename() != null) h.append("; filename=\"").append(quote(p.filename())).append('"');
            h.append("\r\n");
            if (p.contentType() != null) h.append("Content-Type: ").append(p.contentType()).append("\r\n");
            h.append("\r\n");
            byte[] hb = h.toString().getBytes(StandardCharsets.UTF_8);
            pieces.add(hb);
            length += hb.length;
            if (p.file() != null) {
                pieces.add(p);
                length += Asyncio.toThread(() -> Files.size(p.file())).await();
            } else {
                pieces.add(p.data());
                length += p.data().length;
            }
            pieces.add(CRLF);
            length += 2;
        }
        byte[] end = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        pieces.add(end);
        length += end.length;
        return new RequestBody("multipart/form-data; boundary=" + boundary, length) {
            boolean replayable() { return true; }

            void writeTo(Sink sink) throws Exception {
                for (Object o : pieces) {
                    if (o instanceof byte[] b) {
                        if (b.length > 0) sink.write(ByteBuffer.wrap(b));
                    } else {
                        writeFile(((FormData.Part) o), sink);
                    }
                }
            }
        };
    }

    private static void writeFile(FormData.Part p, Sink sink) throws Exception {
        FileChannel ch = Asyncio.toThread(() -> FileChannel.open(p.file(), StandardOpenOption.READ)).await();
        try {
            while (true) {
                ByteBuffer buf = Asyncio.toThread(() -> {
                    ByteBuffer b = ByteBuffer.allocate(64 * 1024);
                    return ch.read(b) < 0 ? null : b.flip();
                }).await();
                if (buf == null) break;
                sink.write(buf);
            }
        } finally {
            ch.close();
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }
}
