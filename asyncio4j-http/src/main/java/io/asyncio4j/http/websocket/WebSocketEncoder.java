package io.asyncio4j.http.websocket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Encodes WebSocket frames (RFC 6455 §5): clients mask every frame with a fresh unpredictable key
 * (from {@link SecureRandom}), servers never mask. Data messages are compressed when a {@link
 * PerMessageDeflate} codec is given (RSV1 on the first frame); control frames never are.
 *
 * <p>The analog of aiohttp's {@code WebSocketWriter}.
 *
 * <pre>{@code
 * WebSocketEncoder enc = new WebSocketEncoder(WebSocketRole.SERVER, null);
 * transport.write(enc.text("Hello"));      // 81 05 48 65 6c 6c 6f
 * transport.write(enc.close(1000, "bye"));
 * }</pre>
 */
public final class WebSocketEncoder {
    private final WebSocketRole role;
    private final PerMessageDeflate deflate;
    private final IntSupplier maskKeys;

    /** An encoder; {@code deflate} may be null. Client mask keys come from a {@link SecureRandom}. */
    public WebSocketEncoder(WebSocketRole role, PerMessageDeflate deflate) {
        this(role, deflate, secureKeys());
    }

    /** An encoder with an explicit mask-key source (tests; RFC examples use fixed keys). */
    public WebSocketEncoder(WebSocketRole role, PerMessageDeflate deflate, IntSupplier maskKeys) {
        this.role = role;
        this.deflate = deflate;
        this.maskKeys = maskKeys;
    }

    private static IntSupplier secureKeys() {
        SecureRandom rnd = new SecureRandom();
        return rnd::nextInt;
    }

    /** One text message in one frame (compressed if negotiated). */
    public ByteBuffer text(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return message(WebSocketDecoder.TEXT, b, 0, b.length);
    }

    /** One binary message in one frame (compressed if negotiated). */
    public ByteBuffer binary(byte[] data) {
        return message(WebSocketDecoder.BINARY, data, 0, data.length);
    }

    /** A Ping (payload at most 125 octets). */
    public ByteBuffer ping(byte[] payload) {
        return control(WebSocketDecoder.PING, payload);
    }

    /** A Pong (payload at most 125 octets). */
    public ByteBuffer pong(byte[] payload) {
        return control(WebSocketDecoder.PONG, payload);
    }

    /** A Close frame with a code valid on the wire and a reason of at most 123 UTF-8 octets. */
    public ByteBuffer close(int code, String reason) {
        if (!WebSocketCloseCodes.isValidOnWire(code)) throw new IllegalArgumentException("close code " + code + " may not be sent");
        byte[] r = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        if (r.length > 123) throw new IllegalArgumentException("close reason longer than 123 octets");
        byte[] p = new byte[2 + r.length];
        p[0] = (byte) (code >> 8);
        p[1] = (byte) code;
        System.arraycopy(r, 0, p, 2, r.length);
        return frame(WebSocketDecoder.CLOSE, true, false, p, 0, p.length);
    }

    /** A Close frame without payload (the peer sees 1005). */
    public ByteBuffer close() {
        return frame(WebSocketDecoder.CLOSE, true, false, new byte[0], 0, 0);
    }

    /** One data message: text ({@code binary} false) or binary, in one frame. */
    public ByteBuffer message(int opcode, byte[] data, int off, int len) {
        if (deflate != null) {
            byte[] c = deflate.compress(data, off, len);
            return frame(opcode, true, true, c, 0, c.length);
        }
        return frame(opcode, true, false, data, off, len);
    }

    /**
     * One data message split into frames of at most {@code fragmentSize} payload octets (after
     * compression, if negotiated).
     */
    public List<ByteBuffer> fragmented(boolean text, byte[] data, int fragmentSize) {
        if (fragmentSize < 1) throw new IllegalArgumentException("fragmentSize must be positive");
        byte[] payload = deflate != null ? deflate.compress(data, 0, data.length) : data;
        List<ByteBuffer> out = new ArrayList<>();
        int off = 0;
        do {
            int n = Math.min(fragmentSize, payload.length - off);
            boolean first = off == 0;
            boolean last = off + n == payload.length;
            int op = first ? (text ? WebSocketDecoder.TEXT : WebSocketDecoder.BINARY) : WebSocketDecoder.CONT;
            out.add(frame(op, last, first && deflate != null, payload, off, n));
            off += n;
        } while (off < payload.length);
        return out;
    }

    private ByteBuffer control(int opcode, byte[] payload) {
        if (payload.length > 125) throw new IllegalArgumentException("control frame payload longer than 125 octets");
        return frame(opcode, true, false, payload, 0, payload.length);
    }

    /**
     * One raw frame: header, masking key (client role) and payload, masked when required.
     * Applications normally use the message methods above.
     */
    public ByteBuffer frame(int opcode, boolean fin, boolean rsv1, byte[] payload, int off, int len) {
        boolean mask = role == WebSocketRole.CLIENT;
        int headerLen = 2 + (len < 126 ? 0 : len < 65536 ? 2 : 8) + (mask ? 4 : 0);
        ByteBuffer b = ByteBuffer.allocate(headerLen + len);
        b.put((byte) ((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode));
        int m = mask ? 0x80 : 0;
        if (len < 126) {
            b.put((byte) (m | len));
        } else if (len < 65536) {
            b.put((byte) (m | 126)).putShort((short) len);
        } else {
            b.put((byte) (m | 127)).putLong(len);
        }
        if (mask) {
            int key = maskKeys.getAsInt();
            b.putInt(key);
            byte[] k = {(byte) (key >>> 24), (byte) (key >>> 16), (byte) (key >>> 8), (byte) key};
            int p = b.position();
            Masking.apply(payload, off, b.array(), p, len, k, 0);
            b.position(p + len);
        } else {
            b.put(payload, off, len);
        }
        return b.flip();
    }
}
