package io.asyncio4j.http.server;

import io.asyncio4j.http.HttpHeaders;
import io.asyncio4j.http.parser.HttpMessageListener;
import io.asyncio4j.http.parser.HttpParser;
import io.asyncio4j.http.parser.MessageHead;
import io.asyncio4j.http.parser.ResponseHead;
import io.asyncio4j.stream.StreamPair;
import io.asyncio4j.stream.Streams;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/** A test client on a raw connection: sends bytes as given, parses responses with our parser. */
final class RawClient implements AutoCloseable {
    record Resp(ResponseHead head, byte[] body) {
        int status() {
            return head.status();
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String n) {
            return head.headers().get(n);
        }
    }

    final StreamPair s;
    private final ArrayDeque<Resp> done = new ArrayDeque<>();
    private ResponseHead head;
    private ByteArrayOutputStream body;
    private boolean eof;
    private final HttpParser parser = HttpParser.forResponses(new HttpMessageListener() {
        @Override
        public void onHead(MessageHead h) {
            head = (ResponseHead) h;
            body = new ByteArrayOutputStream();
            if (head.isInterim()) {
                done.add(new Resp(head, new byte[0]));
            }
        }

        @Override
        public void onBody(ByteBuffer data) {
            byte[] b = new byte[data.remaining()];
            data.get(data.position(), b);
            body.write(b, 0, b.length);
        }

        @Override
        public void onComplete(HttpHeaders trailers) {
            if (!head.isInterim()) done.add(new Resp(head, body.toByteArray()));
        }
    });

    RawClient(int port) throws Exception {
        s = Streams.openConnection("127.0.0.1", port);
    }

    RawClient send(String raw) throws Exception {
        s.writer().write(raw.getBytes(StandardCharsets.ISO_8859_1));
        s.writer().drain();
        return this;
    }

    RawClient send(byte[] raw) throws Exception {
        s.writer().write(raw);
        s.writer().drain();
        return this;
    }

    void expect(String method) {
        parser.expectResponseTo(method);
    }

    /** The next response (interim ones included), or null if the server closed first. */
    Resp next() throws Exception {
        while (done.isEmpty()) {
            if (eof) return null;
            byte[] b = s.reader().read(65536);
            if (b.length == 0) {
                eof = true;
                try {
                    parser.feedEof();
                } catch (RuntimeException e) {
                    return null;
                }
                continue;
            }
            parser.feed(ByteBuffer.wrap(b));
        }
        return done.pollFirst();
    }

    /** True if the server closes the connection (after any pending responses). */
    boolean closedByServer() throws Exception {
        while (true) {
            byte[] b = s.reader().read(65536);
            if (b.length == 0) return true;
        }
    }

    static Resp request(int port, String raw) throws Exception {
        try (RawClient c = new RawClient(port)) {
            c.send(raw);
            return c.next();
        }
    }

    @Override
    public void close() {
        s.writer().close();
    }
}
