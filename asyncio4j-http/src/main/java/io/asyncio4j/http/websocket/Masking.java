package io.asyncio4j.http.websocket;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * RFC 6455 §5.3 masking, eight bytes at a time: the 4-byte key repeated into a long is XORed
 * over the payload through a byte-array view, then the tail byte by byte. Shared by the encoder
 * (clients mask) and the decoder (servers unmask); a byte loop with a rotating index was the
 * WebSocket server's largest cost at 1 KiB messages.
 */
final class Masking {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Masking() {}

    /**
     * XORs {@code src[srcOff..srcOff+len)} with the key, starting at key byte {@code keyPos}, into
     * {@code dst[dstOff..]} (may be the same range); returns the key position after the last byte.
     */
    static int apply(byte[] src, int srcOff, byte[] dst, int dstOff, int len, byte[] key, int keyPos) {
        int i = 0;
        if (len >= 8) {
            long k = 0;
            for (int j = 7; j >= 0; j--) {
                k = (k << 8) | (key[(keyPos + j) & 3] & 0xffL);
            }
            for (; i + 8 <= len; i += 8) { // 8 is a multiple of 4: keyPos is unchanged
                LONGS.set(dst, dstOff + i, (long) LONGS.get(src, srcOff + i) ^ k);
            }
        }
        int p = keyPos;
        for (; i < len; i++) {
            dst[dstOff + i] = (byte) (src[srcOff + i] ^ key[p]);
            p = (p + 1) & 3;
        }
        return p;
    }
}
