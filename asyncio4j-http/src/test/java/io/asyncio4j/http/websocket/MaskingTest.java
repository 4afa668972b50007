package io.asyncio4j.http.websocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The eight-bytes-at-a-time masking against RFC 6455's definition, byte by byte. */
@Timeout(10)
class MaskingTest {

    @Test
    void matchesTheByteWiseDefinitionForEveryLengthOffsetAndKeyPosition() {
        Random rnd = new Random(6455);
        byte[] key = {(byte) 0x37, (byte) 0xfa, (byte) 0x21, (byte) 0x3d};
        for (int len = 0; len <= 40; len++) {
            for (int off = 0; off < 3; off++) {
                for (int keyPos = 0; keyPos < 4; keyPos++) {
                    byte[] src = new byte[off + len + 3];
                    rnd.nextBytes(src);
                    byte[] expected = src.clone();
                    int p = keyPos;
                    for (int i = 0; i < len; i++) {
                        expected[off + i] ^= key[p];
                        p = (p + 1) & 3;
                    }
                    byte[] inPlace = src.clone();
                    assertThat(Masking.apply(inPlace, off, inPlace, off, len, key, keyPos)).isEqualTo(p);
                    assertThat(inPlace).isEqualTo(expected);
                    byte[] dst = new byte[len + 1];
                    Masking.apply(src, off, dst, 1, len, key, keyPos);
                    for (int i = 0; i < len; i++) {
                        assertThat(dst[1 + i]).isEqualTo(expected[off + i]);
                    }
                }
            }
        }
    }

    @Test
    void aMessageSplitAcrossFeedsIsUnmaskedAsOne() {
        // the decoder carries the key position from one read to the next
        byte[] key = {1, 2, 3, 4};
        byte[] data = new byte[29];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        byte[] whole = data.clone();
        Masking.apply(whole, 0, whole, 0, whole.length, key, 0);
        byte[] split = data.clone();
        int p = Masking.apply(split, 0, split, 0, 11, key, 0);
        Masking.apply(split, 11, split, 11, 18, key, p);
        assertThat(split).isEqualTo(whole);
    }
}
