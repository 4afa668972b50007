package io.asyncio4j.http.websocket;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mutation fuzzer for {@link WebSocketDecoder} (with and without permessage-deflate, both roles):
 * valid frame streams from the encoder, mutated, fed with random splits; every 8th input also one
 * octet at a time, which must give the same events. Only {@link WebSocketProtocolException} with
 * code 1002/1007/1009 may be thrown.
 *
 * <p>Long run: {@code mvn -q test -pl asyncio4j-http -am -Dtest=WebSocketDecoderFuzzTest -Dfuzz.iterations=1000000 -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class WebSocketDecoderFuzzTest {

    static byte[] seed(Random rnd, WebSocketRole sender, boolean deflate) {
        PerMessageDeflate codec = deflate ? new PerMessageDeflate(PerMessageDeflate.Params.DEFAULT, sender) : null;
        WebSocketEncoder enc = new WebSocketEncoder(sender, codec, rnd::nextInt);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int frames = 1 + rnd.nextInt(4);
        for (int i = 0; i < frames; i++) {
            List<ByteBuffer> bufs = switch (rnd.nextInt(6)) {
                case 0 -> List.of(enc.text("héllo wörld".repeat(rnd.nextInt(20))));
                case 1 -> List.of(enc.binary(new byte[rnd.nextInt(300)]));
                case 2 -> enc.fragmented(rnd.nextBoolean(), "fragmented €".repeat(1 + rnd.nextInt(10)).getBytes(java.nio.charset.StandardCharsets.UTF_8), 1 + rnd.nextInt(20));
                case 3 -> List.of(enc.ping("p".repeat(rnd.nextInt(30)).getBytes()));
                case 4 -> List.of(enc.pong(new byte[0]));
                default -> List.of(enc.close(1000 + rnd.nextInt(4), "bye"));
            };
            for (ByteBuffer b : bufs) {
                byte[] a = new byte[b.remaining()];
                b.get(a);
                out.writeBytes(a);
            }
        }
        if (codec != null) codec.close();
        return out.toByteArray();
    }

    static byte[] mutate(Random rnd, byte[] in) {
        byte[] cur = in.clone();
        int n = rnd.nextInt(4);
        for (int m = 0; m < n && cur.length > 0; m++) {
            int pos = rnd.nextInt(cur.length);
            switch (rnd.nextInt(5)) {
                case 0 -> cur[pos] = (byte) rnd.nextInt(256);
                case 1 -> cur[pos] ^= (byte) (1 << rnd.nextInt(8));
                case 2 -> cur = java.util.Arrays.copyOf(cur, pos);
                case 3 -> {
                    byte[] ins = new byte[1 + rnd.nextInt(10)];
                    rnd.nextBytes(ins);
                    byte[] o = new byte[cur.length + ins.length];
                    System.arraycopy(cur, 0, o, 0, pos);
                    System.arraycopy(ins, 0, o, pos, ins.length);
                    System.arraycopy(cur, pos, o, pos + ins.length, cur.length - pos);
                    cur = o;
                }
                default -> cur[0] = (byte) (cur[0] ^ 0x40);
            }
        }
        return cur;
    }

    static String run(WebSocketRole role, boolean deflate, byte[] in, Random splits) {
        Messages m = new Messages();
        PerMessageDeflate codec = deflate ? new PerMessageDeflate(PerMessageDeflate.Params.DEFAULT, role) : null;
        WebSocketDecoder d = new WebSocketDecoder(role, m, 4096, codec);
        try {
            int pos = 0;
            while (pos < in.length) {
                int n = splits == null ? 1 : 1 + splits.nextInt(in.length - pos);
                d.feed(ByteBuffer.wrap(in, pos, n));
                pos += n;
            }
        } catch (WebSocketProtocolException e) {
            int c = e.closeCode();
            if (c != 1002 && c != 1007 && c != 1009) throw new AssertionError("unexpected close code " + c);
            m.events.add("error " + c);
        } finally {
            if (codec != null) codec.close();
        }
        return String.join("|", m.events);
    }

    static long run(long iterations, long seed) {
        Random rnd = new Random(seed);
        long errors = 0;
        for (long i = 0; i < iterations; i++) {
            WebSocketRole receiver = rnd.nextBoolean() ? WebSocketRole.SERVER : WebSocketRole.CLIENT;
            WebSocketRole sender = receiver == WebSocketRole.SERVER ? WebSocketRole.CLIENT : WebSocketRole.SERVER;
            boolean deflate = rnd.nextInt(3) == 0;
            byte[] input = mutate(rnd, seed(rnd, sender, deflate));
            try {
                String a = run(receiver, deflate, input, new Random(rnd.nextLong()));
                if (a.contains("error")) errors++;
                if (i % 8 == 0) {
                    String b = run(receiver, deflate, input, null);
                    if (!a.equals(b)) throw new AssertionError("split-dependent:\n" + a + "\n" + b);
                }
            } catch (Throwable t) {
                throw new AssertionError("iteration " + i + " seed " + seed + " input " + java.util.HexFormat.of().formatHex(input), t);
            }
        }
        return errors;
    }

    @Test
    @Timeout(600)
    void fuzz() {
        long iterations = Long.getLong("fuzz.iterations", 20_000);
        long t0 = System.nanoTime();
        long errors = run(iterations, 0x5eed_0002L);
        System.out.printf("WebSocketDecoderFuzzTest: %d inputs, %d rejected, %d accepted, %.1f s%n",
                iterations, errors, iterations - errors, (System.nanoTime() - t0) / 1e9);
    }
}
