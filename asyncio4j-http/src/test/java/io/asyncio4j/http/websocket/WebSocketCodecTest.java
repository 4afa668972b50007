package io.asyncio4j.http.websocket;

import static io.asyncio4j.http.websocket.Messages.decode;
import static io.asyncio4j.http.websocket.Messages.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
class WebSocketCodecTest {
    static final WebSocketRole S = WebSocketRole.SERVER, C = WebSocketRole.CLIENT;
    static final int RFC_MASK = 0x37fa213d;

    @Test
    void rfc6455Examples() {
        // §5.7: single-frame unmasked text
        assertThat(decode(C, hex("81 05 48 65 6c 6c 6f"))).containsExactly("text Hello");
        // single-frame masked text
        assertThat(decode(S, hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"))).containsExactly("text Hello");
        // fragmented unmasked text
        assertThat(decode(C, hex("01 03 48 65 6c 80 02 6c 6f"))).containsExactly("text Hello");
        // unmasked ping, masked pong
        assertThat(decode(C, hex("89 05 48 65 6c 6c 6f"))).containsExactly("ping Hello");
        assertThat(decode(S, hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58"))).containsExactly("pong Hello");
        // 256 bytes binary, 64 KiB binary
        byte[] h256 = new byte[4 + 256];
        System.arraycopy(hex("82 7E 01 00"), 0, h256, 0, 4);
        assertThat(decode(C, h256)).containsExactly("binary 256");
        byte[] h64k = new byte[10 + 65536];
        System.arraycopy(hex("82 7F 00 00 00 00 00 01 00 00"), 0, h64k, 0, 10);
        assertThat(decode(C, h64k, false, 1 << 20, null)).containsExactly("binary 65536");
    }

    @Test
    void encoderProducesTheRfcBytes() {
        WebSocketEncoder server = new WebSocketEncoder(S, null);
        WebSocketEncoder client = new WebSocketEncoder(C, null, () -> RFC_MASK);
        assertThat(hex(server.text("Hello"))).isEqualTo("81 05 48 65 6c 6c 6f");
        assertThat(hex(client.text("Hello"))).isEqualTo("81 85 37 fa 21 3d 7f 9f 4d 51 58");
        assertThat(hex(server.ping("Hello".getBytes()))).isEqualTo("89 05 48 65 6c 6c 6f");
        assertThat(hex(client.pong("Hello".getBytes()))).isEqualTo("8a 85 37 fa 21 3d 7f 9f 4d 51 58");
        assertThat(hex(server.binary(new byte[256])).substring(0, 11)).isEqualTo("82 7e 01 00");
        assertThat(hex(server.binary(new byte[65536])).substring(0, 29)).isEqualTo("82 7f 00 00 00 00 00 01 00 00");
        List<ByteBuffer> frags = server.fragmented(true, "Hello".getBytes(), 3);
        assertThat(frags).extracting(Messages::hex).containsExactly("01 03 48 65 6c", "80 02 6c 6f");
        assertThat(hex(server.close(1000, "ok"))).isEqualTo("88 04 03 e8 6f 6b");
        assertThat(hex(server.close())).isEqualTo("88 00");
        assertThatThrownBy(() -> server.close(1005, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.ping(new byte[126])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void roundTripsEachWayWithRealMasks() {
        WebSocketEncoder client = new WebSocketEncoder(C, null);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        String big = "é€😀".repeat(30000);
        for (ByteBuffer b : List.of(client.text("a"), client.binary(new byte[70000]), client.text(big))) wire.writeBytes(bytes(b));
        for (ByteBuffer b : client.fragmented(true, big.getBytes(java.nio.charset.StandardCharsets.UTF_8), 1000)) wire.writeBytes(bytes(b));
        assertThat(decode(S, wire.toByteArray())).containsExactly("text a", "binary 70000", "text " + big, "text " + big);
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    @Test
    void controlFramesBetweenFragments() {
        assertThat(decode(C, hex("01 03 48 65 6c 89 01 50 8a 00 80 02 6c 6f"))).containsExactly("ping P", "pong ", "text Hello");
    }

    @Test
    void maskingRulesPerRole() {
        assertThat(decode(S, hex("81 05 48 65 6c 6c 6f"))).containsExactly("error 1002");
        assertThat(decode(C, hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"))).containsExactly("error 1002");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "83 00", "87 00", "8b 00", "8f 00",       // reserved opcodes
        "09 00",                                 // fragmented ping
        "89 7e 00 7e",                           // control frame > 125
        "c1 00", "a1 00", "91 00",               // RSV1/2/3 without extension
        "80 00",                                 // continuation without a message
        "01 01 41 01 01 41",                     // new text frame during a fragmented message
        "82 7f 80 00 00 00 00 00 00 00",         // 64-bit length with the high bit
        "88 01 03",                              // close with one octet
    })
    void protocolErrors(String frame) {
        assertThat(decode(C, hex(frame)).getLast()).isEqualTo("error 1002");
    }

    @Test
    void invalidUtf8() {
        assertThat(decode(C, hex("81 02 c3 28")).getLast()).isEqualTo("error 1007");
        assertThat(decode(C, hex("81 03 ed a0 80")).getLast()).isEqualTo("error 1007"); // surrogate
        assertThat(decode(C, hex("81 02 c0 af")).getLast()).isEqualTo("error 1007");    // overlong
        assertThat(decode(C, hex("81 04 f4 90 80 80")).getLast()).isEqualTo("error 1007"); // > U+10FFFF
        // split inside a code point across fragments is fine
        assertThat(decode(C, hex("01 01 e2 00 01 82 80 02 ac 21"))).containsExactly("text €!");
        // cut off at message end
        assertThat(decode(C, hex("01 01 e2 80 01 82")).getLast()).isEqualTo("error 1007");
        // fails fast: first fragment already invalid, before the message ends
        assertThat(decode(C, hex("01 01 ff")).getLast()).isEqualTo("error 1007");
        // close reason
        assertThat(decode(C, hex("88 04 03 e8 c3 28")).getLast()).isEqualTo("error 1007");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    void invalidCloseCodes(int code) {
        byte[] f = {(byte) 0x88, 2, (byte) (code >> 8), (byte) code};
        assertThat(decode(C, f).getLast()).isEqualTo("error 1002");
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999})
    void validCloseCodes(int code) {
        byte[] f = {(byte) 0x88, 2, (byte) (code >> 8), (byte) code};
        assertThat(decode(C, f)).containsExactly("close " + code + " ");
    }

    @Test
    void closeWithoutPayloadIs1005AndInputAfterCloseIsIgnored() {
        assertThat(decode(C, hex("88 00 81 01 41"))).containsExactly("close 1005 ");
    }

    @Test
    void maxMessageSize() {
        assertThat(decode(C, hex("82 05 01 02 03 04 05"), false, 4, null)).containsExactly("error 1009");
        assertThat(decode(C, hex("02 03 01 02 03 80 02 04 05"), false, 4, null)).containsExactly("error 1009");
        assertThat(decode(C, hex("82 04 01 02 03 04"), false, 4, null)).containsExactly("binary 4");
    }

    @Test
    void utf8ValidatorAgreesWithTheJdkOnRandomBytes() {
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 20000; i++) {
            byte[] b = new byte[r.nextInt(8)];
            r.nextBytes(b);
            if (r.nextBoolean()) for (int k = 0; k < b.length; k++) b[k] = (byte) (0x80 | b[k]);
            boolean jdk;
            try {
                java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b));
                jdk = true;
            } catch (java.nio.charset.CharacterCodingException e) {
                jdk = false;
            }
            assertThat(Utf8Validator.isValid(b, 0, b.length)).as(java.util.HexFormat.of().formatHex(b)).isEqualTo(jdk);
        }
    }
}
