package io.asyncio4j.http.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mutation fuzzer for {@link HttpParser}: seeded, reproducible. Each input is a mutated message
 * (or pipeline) from a corpus, fed with random splits; every 8th input is also fed one octet at a
 * time and must give exactly the same events. Passes when no input hangs, throws anything but
 * {@link HttpParseException}, or yields an error status outside 400..599.
 *
 * <p>CI runs {@code fuzz.iterations} (20,000) inputs; the long run:
 * {@code mvn -q test -pl asyncio4j-http -am -Dtest=HttpParserFuzzTest -Dfuzz.iterations=1000000 -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class HttpParserFuzzTest {
    static final String[] CORPUS = {
        "GET / HTTP/1.1\r\nHost: h\r\n\r\n",
        "POST /p?q=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello",
        "PUT /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;x=\"y\"\r\nxyz\r\na\r\n0123456789\r\n0\r\nT: v\r\n\r\n",
        "GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n",
        "GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
        "CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n",
        "OPTIONS * HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n",
        "HTTP/1.0 200 OK\r\nX: a\r\n b\r\n\r\nuntil close",
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\u0081\u0000",
    };
    static final String[] TOKENS = {
        "\r\n", "\n", "\r", " ", "\t", ":", ";", ",", "=", "\"", "\u0000", "\u007f", "\u00ff", "0", "5", "f", "ffffffffffffffffff",
        "-1", "+1", "0x", "chunked", "gzip", "identity", "Content-Length: ", "Transfer-Encoding: ", "Host: h\r\n", "Connection: ",
        "close", "keep-alive", "upgrade", "Upgrade: x\r\n", "HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "GET ", "HEAD ", "/", "*",
        "\r\n\r\n", "0\r\n\r\n", "Expect: 100-continue\r\n", " : ", "99999999999999999999",
    };

    record Outcome(List<String> events) {}

    static byte[] mutate(Random rnd, byte[] seed) {
        byte[] cur = seed;
        int n = 1 + rnd.nextInt(rnd.nextBoolean() ? 2 : 6);
        for (int m = 0; m < n; m++) {
            int len = cur.length;
            int pos = len == 0 ? 0 : rnd.nextInt(len + 1);
            switch (rnd.nextInt(7)) {
                case 0 -> { // flip a byte
                    if (len > 0) {
                        cur = cur.clone();
                        cur[Math.min(pos, len - 1)] = (byte) rnd.nextInt(256);
                    }
                }
                case 1, 2 -> cur = insert(cur, pos, TOKENS[rnd.nextInt(TOKENS.length)].getBytes(StandardCharsets.ISO_8859_1));
                case 3 -> { // delete a range
                    if (len > 0) {
                        int end = Math.min(len, pos + 1 + rnd.nextInt(8));
                        cur = concat(slice(cur, 0, Math.min(pos, len)), slice(cur, end, len));
                    }
                }
                case 4 -> { // duplicate a range
                    int end = Math.min(len, pos + 1 + rnd.nextInt(40));
                    cur = insert(cur, pos, slice(cur, Math.min(pos, len), end));
                }
                case 5 -> cur = concat(cur, CORPUS[rnd.nextInt(CORPUS.length)].getBytes(StandardCharsets.ISO_8859_1));
                default -> { // truncate
                    if (len > 0) cur = slice(cur, 0, pos);
                }
            }
        }
        return cur;
    }

    static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, Math.max(from, to));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] insert(byte[] a, int pos, byte[] ins) {
        return concat(concat(slice(a, 0, pos), ins), slice(a, pos, a.length));
    }

    /** Parses with the given split sizes; returns the events (heads, body, trailers, error). */
    static List<String> parse(boolean requests, byte[] in, Random splits, HttpParserLimits limits) {
        List<String> events = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        HttpMessageListener l = new HttpMessageListener() {
            @Override
            public void onHead(MessageHead head) {
                events.add(head.toString());
            }

            @Override
            public void onBody(ByteBuffer data) {
                while (data.hasRemaining()) body.append((char) (data.get() & 0xff));
            }

            @Override
            public void onComplete(HttpHeaders trailers) {
                events.add("body:" + body + " trailers:" + trailers);
                body.setLength(0);
            }
        };
        HttpParser p = requests ? HttpParser.forRequests(l, limits) : HttpParser.forResponses(l, limits);
        try {
            int pos = 0;
            while (pos < in.length && !p.isUpgraded()) {
                int n = splits == null ? 1 : 1 + splits.nextInt(Math.max(1, in.length - pos));
                ByteBuffer b = ByteBuffer.wrap(in, pos, Math.min(n, in.length - pos));
                p.feed(b);
                pos = b.position();
            }
            p.feedEof();
            events.add("eof");
        } catch (HttpParseException e) {
            assertThat(e.status()).isBetween(400, 599);
            events.add("error " + e.error());
        }
        return events;
    }

    static long run(long iterations, long seed) {
        Random rnd = new Random(seed);
        HttpParserLimits limits = HttpParserLimits.DEFAULTS.withHeaderLimits(2048, 4096, 20).withMaxBodySize(1 << 16);
        long errors = 0;
        for (long i = 0; i < iterations; i++) {
            byte[] seedMsg = CORPUS[rnd.nextInt(CORPUS.length)].getBytes(StandardCharsets.ISO_8859_1);
            byte[] input = mutate(rnd, seedMsg);
            boolean requests = rnd.nextBoolean();
            try {
                List<String> a = parse(requests, input, new Random(rnd.nextLong()), limits);
                if (a.getLast().startsWith("error")) errors++;
                if (i % 8 == 0) {
                    List<String> b = parse(requests, input, null, limits);
                    if (!a.equals(b)) throw new AssertionError("split-dependent result:\n" + a + "\n" + b);
                }
            } catch (Throwable t) {
                throw new AssertionError("iteration " + i + " seed " + seed + " requests=" + requests + " input="
                        + new String(input, StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n"), t);
            }
        }
        return errors;
    }

    @Test
    @Timeout(600)
    void fuzz() {
        long iterations = Long.getLong("fuzz.iterations", 20_000);
        long t0 = System.nanoTime();
        long errors = run(iterations, 0x5eed_0001L);
        System.out.printf("HttpParserFuzzTest: %d inputs, %d rejected, %d parsed, %.1f s%n",
                iterations, errors, iterations - errors, (System.nanoTime() - t0) / 1e9);
    }

    /** {@code java -cp ... io.asyncio4j.http.parser.HttpParserFuzzTest [iterations] [seed]}. */
    public static void main(String[] args) {
        long iterations = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 0x5eed_0001L;
        long t0 = System.nanoTime();
        long errors = run(iterations, seed);
        System.out.printf("%d inputs, %d rejected, %d parsed, %.1f s%n", iterations, errors, iterations - errors, (System.nanoTime() - t0) / 1e9);
    }
}
