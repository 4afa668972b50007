package io.asyncio4j.http.websocket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Incremental WebSocket frame parser and message assembler (RFC 6455 §5, RFC 7692).
 *
 * <p>The analog of aiohttp's {@code WebSocketReader}. Feed it ByteBuffers as they arrive (any
 * split); it checks every frame (masking per {@link WebSocketRole}, known opcodes, control frames
 * at most 125 octets and unfragmented, RSV bits only RSV1 and only when permessage-deflate was
 * negotiated, continuation order), unmasks, reassembles fragmented messages (control frames may
 * come between fragments), decompresses, validates text as UTF-8 while it arrives (failing at the
 * first bad octet, also across fragments), validates Close codes and reasons, and enforces a
 * maximum message size (on the wire and after decompression). Violations throw {@link
 * WebSocketProtocolException} with the close code to send (1002, 1007 or 1009); the decoder is
 * then dead. After a Close frame it ignores further input.
 *
 * <p>Decisions: non-minimal length encodings are accepted (the minimality rule binds senders);
 * a 64-bit length with the high bit set is a protocol error.
 *
 * <pre>{@code
 * WebSocketDecoder decoder = new WebSocketDecoder(WebSocketRole.SERVER, listener, 4 << 20, deflate);
 * decoder.feed(buffer); // in Protocol.dataReceived, on the loop thread
 * }</pre>
 */
public final class WebSocketDecoder {
    /** Opcodes (RFC 6455 §5.2). */
    static final int CONT = 0, TEXT = 1, BINARY = 2, CLOSE = 8, PING = 9, PONG = 10;

    private enum State { HEADER, LENGTH, MASK, PAYLOAD, CLOSED, FAILED }

    private final WebSocketRole role;
    private final WebSocketListener listener;
    private final long maxMessageSize;
    private final PerMessageDeflate deflate;

    private State state = State.HEADER;
    private WebSocketProtocolException failure;
    private final byte[] hdr = new byte[8];
    private int hdrLen;
    private int hdrNeed;

    // current frame
    private boolean fin;
    private boolean rsv1;
    private int opcode;
    private boolean masked;
    private final byte[] mask = new byte[4];
    private int maskPos;
    private long remaining;

    // current data message
    private int messageOpcode = -1;
    private boolean messageCompressed;
    private byte[] message = new byte[256];
    private int messageLen;
    private final Utf8Validator utf8 = new Utf8Validator();

    // current control frame
    private final byte[] control = new byte[125];
    private int controlLen;

    /** A decoder without permessage-deflate and with a 4 MiB message limit (aiohttp's default max_msg_size). */
    public WebSocketDecoder(WebSocketRole role, WebSocketListener listener) {
        this(role, listener, 4L << 20, null);
    }

    /**
     * A decoder.
     *
     * @param role our end: SERVER requires masked frames, CLIENT unmasked ones
     * @param listener receives the messages
     * @param maxMessageSize largest message, compressed and decompressed (1009 beyond)
     * @param deflate the negotiated permessage-deflate codec, or null
     */
    public WebSocketDecoder(WebSocketRole role, WebSocketListener listener, long maxMessageSize, PerMessageDeflate deflate) {
        this.role = role;
        this.listener = listener;
        this.maxMessageSize = maxMessageSize;
        this.deflate = deflate;
    }

    /** True after a Close frame was received. */
    public boolean isClosed() {
        return state == State.CLOSED;
    }

    /**
     * Consumes all of {@code in}, delivering complete messages to the listener.
     *
     * @throws WebSocketProtocolException on a protocol violation; the decoder stays failed
     */
    public void feed(ByteBuffer in) {
        if (state == State.FAILED) throw failure;
        try {
            while (in.hasRemaining()) {
                switch (state) {
                    case HEADER -> {
                        hdr[hdrLen++] = in.get();
                        if (hdrLen == 2) onHeader();
                    }
                    case LENGTH -> {
                        hdr[hdrLen++] = in.get();
                        if (hdrLen == hdrNeed) onLength();
                    }
                    case MASK -> {
                        mask[hdrLen++] = in.get();
                        if (hdrLen == 4) startPayload();
                    }
                    case PAYLOAD -> onPayload(in);
                    case CLOSED -> in.position(in.limit());
                    case FAILED -> throw failure;
                }
            }
        } catch (WebSocketProtocolException e) {
            state = State.FAILED;
            failure = e;
            throw e;
        }
    }

    private static WebSocketProtocolException protocol(String msg) {
        return new WebSocketProtocolException(WebSocketCloseCodes.PROTOCOL_ERROR, msg);
    }

    private void onHeader() {
        int b0 = hdr[0] & 0xff;
        int b1 = hdr[1] & 0xff;
        fin = (b0 & 0x80) != 0;
        rsv1 = (b0 & 0x40) != 0;
        opcode = b0 & 0x0f;
        masked = (b1 & 0x80) != 0;
        int len7 = b1 & 0x7f;
        if ((b0 & 0x30) != 0) throw protocol("RSV2/RSV3 set without a negotiated extension");
        boolean isControl = opcode >= 8;
        switch (opcode) {
            case CONT, TEXT, BINARY, CLOSE, PING, PONG -> { }
            default -> throw protocol("reserved opcode " + opcode);
        }
        if (isControl) {
            if (!fin) throw protocol("fragmented control frame");
            if (len7 > 125) throw protocol("control frame longer than 125 octets");
            if (rsv1) throw protocol("RSV1 set on a control frame");
        } else if (opcode == CONT) {
            if (messageOpcode < 0) throw protocol("continuation frame without a message in progress");
            if (rsv1) throw protocol("RSV1 set on a continuation frame");
        } else {
            if (messageOpcode >= 0) throw protocol("new data frame before the previous message ended");
            if (rsv1 && deflate == null) throw protocol("RSV1 set without permessage-deflate");
        }
        if (role == WebSocketRole.SERVER && !masked) throw protocol("unmasked frame from a client");
        if (role == WebSocketRole.CLIENT && masked) throw protocol("masked frame from a server");
        if (len7 == 126) {
            hdrLen = 0;
            hdrNeed = 2;
            state = State.LENGTH;
        } else if (len7 == 127) {
            hdrLen = 0;
            hdrNeed = 8;
            state = State.LENGTH;
        } else {
            remaining = len7;
            afterLength();
        }
    }

    private void onLength() {
        long len = 0;
        for (int i = 0; i < hdrNeed; i++) len = (len << 8) | (hdr[i] & 0xff);
        if (len < 0) throw protocol("payload length with the most significant bit set");
        remaining = len;
        afterLength();
    }

    private void afterLength() {
        if (opcode < 8) {
            long total = messageLen + remaining;
            if (total > maxMessageSize || total < 0) {
                throw new WebSocketProtocolException(WebSocketCloseCodes.MESSAGE_TOO_BIG, "message larger than " + maxMessageSize);
            }
            if (opcode != CONT) {
                messageOpcode = opcode;
                messageCompressed = rsv1;
                messageLen = 0;
                utf8.reset();
            }
        } else {
            controlLen = 0;
        }
        hdrLen = 0;
        if (masked) {
            state = State.MASK;
        } else {
            startPayload();
        }
    }

    private void startPayload() {
        hdrLen = 0;
        maskPos = 0;
        state = State.PAYLOAD;
        if (opcode < 8 && messageLen + remaining > message.length) {
            message = Arrays.copyOf(message, (int) Math.min(Integer.MAX_VALUE - 8,
                    Math.max(messageLen + remaining, (long) message.length * 2)));
        }
        if (remaining == 0) endFrame();
    }

    private void onPayload(ByteBuffer in) {
        int n = (int) Math.min(remaining, in.remaining());
        byte[] dst;
        int at;
        if (opcode >= 8) {
            dst = control;
            at = controlLen;
            controlLen += n;
        } else {
            dst = message;
            at = messageLen;
            messageLen += n;
        }
        in.get(dst, at, n);
        if (masked) {
            maskPos = Masking.apply(dst, at, dst, at, n, mask, maskPos);
        }
        if (opcode < 8 && messageOpcode == TEXT && !messageCompressed && !utf8.feed(dst, at, n)) {
            throw new WebSocketProtocolException(WebSocketCloseCodes.INVALID_DATA, "invalid UTF-8 in text message");
        }
        remaining -= n;
        if (remaining == 0) endFrame();
    }

    private void endFrame() {
        state = State.HEADER;
        hdrLen = 0;
        switch (opcode) {
            case PING -> listener.onPing(Arrays.copyOf(control, controlLen));
            case PONG -> listener.onPong(Arrays.copyOf(control, controlLen));
            case CLOSE -> onCloseFrame();
            default -> {
                if (fin) endMessage();
            }
        }
    }

    private void onCloseFrame() {
        int code = WebSocketCloseCodes.NO_STATUS;
        String reason = "";
        if (controlLen == 1) throw protocol("close frame with a one-octet payload");
        if (controlLen >= 2) {
            code = ((control[0] & 0xff) << 8) | (control[1] & 0xff);
            if (!WebSocketCloseCodes.isValidOnWire(code)) throw protocol("invalid close code " + code);
            if (!Utf8Validator.isValid(control, 2, controlLen - 2)) {
                throw new WebSocketProtocolException(WebSocketCloseCodes.INVALID_DATA, "invalid UTF-8 in close reason");
            }
            reason = new String(control, 2, controlLen - 2, StandardCharsets.UTF_8);
        }
        state = State.CLOSED;
        listener.onClose(code, reason);
    }

    private void endMessage() {
        int op = messageOpcode;
        messageOpcode = -1;
        byte[] data;
        if (messageCompressed) {
            data = deflate.decompress(message, 0, messageLen, maxMessageSize);
            if (op == TEXT && !Utf8Validator.isValid(data, 0, data.length)) {
                throw new WebSocketProtocolException(WebSocketCloseCodes.INVALID_DATA, "invalid UTF-8 in text message");
            }
        } else {
            if (op == TEXT && !utf8.isComplete()) {
                throw new WebSocketProtocolException(WebSocketCloseCodes.INVALID_DATA, "text message ends inside a UTF-8 sequence");
            }
            data = null;
        }
        int len = messageLen;
        messageLen = 0;
        if (op == TEXT) {
            String text = data != null ? new String(data, StandardCharsets.UTF_8) : new String(message, 0, len, StandardCharsets.UTF_8);
            shrink();
            listener.onText(text);
        } else {
            byte[] bytes = data != null ? data : Arrays.copyOf(message, len);
            shrink();
            listener.onBinary(bytes);
        }
    }

    private void shrink() {
        if (message.length > 65536) message = new byte[256]; // do not keep a large buffer between messages
    }
}
