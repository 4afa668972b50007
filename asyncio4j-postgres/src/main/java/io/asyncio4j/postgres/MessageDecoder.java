package io.asyncio4j.postgres;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Incremental decoder of backend messages. Bytes from the socket are read straight into
 * {@link #receiveBuffer()}; {@link #drain(Sink)} then hands every complete message to the sink as
 * a view of that same buffer (position at the first payload byte, limit at its end), so no message
 * is copied. The sink must consume or copy what it needs before returning. A partial message stays
 * in the buffer; the buffer grows to hold a message larger than itself.
 */
final class MessageDecoder {
    /** Receives one backend message. */
    interface Sink {
        void onMessage(byte type, ByteBuffer body);
    }

    private ByteBuffer buf;

    MessageDecoder(int capacity) {
        buf = ByteBuffer.allocate(capacity);
    }

    /** The buffer to read socket bytes into (write mode, with free space). */
    ByteBuffer receiveBuffer() {
        if (!buf.hasRemaining()) {
            grow(buf.capacity() * 2);
        }
        return buf;
    }

    private void grow(int capacity) {
        ByteBuffer bigger = ByteBuffer.allocate(capacity);
        buf.flip();
        bigger.put(buf);
        buf = bigger;
    }

    /** Decodes every complete message received so far. */
    void drain(Sink sink) {
        buf.flip();
        int needed = 0;
        try {
            while (buf.remaining() >= 5) {
                int start = buf.position();
                int len = buf.getInt(start + 1);
                if (len < 4) {
                    throw new PgProtocolError("bad message length " + len);
                }
                int end = start + 1 + len;
                if (end > buf.limit()) {
                    needed = 1 + len;
                    break;
                }
                byte type = buf.get(start);
                int limit = buf.limit();
                buf.limit(end).position(start + 5);
                try {
                    sink.onMessage(type, buf);
                } finally {
                    buf.limit(limit).position(end);
                }
            }
        } finally {
            buf.compact();
        }
        if (needed > buf.capacity()) {
            grow(needed + 8192);
        }
    }

    // ------------------------------------------------------------------ field readers

    /** Reads a NUL-terminated UTF-8 string. */
    static String cstring(ByteBuffer b) {
        int start = b.position();
        int i = start;
        while (b.get(i) != 0) {
            i++;
        }
        String s;
        if (b.hasArray()) {
            s = new String(b.array(), b.arrayOffset() + start, i - start, StandardCharsets.UTF_8);
        } else {
            byte[] tmp = new byte[i - start];
            b.get(start, tmp);
            s = new String(tmp, StandardCharsets.UTF_8);
        }
        b.position(i + 1);
        return s;
    }

    /** Reads {@code len} bytes as UTF-8. */
    static String utf8(ByteBuffer b, int len) {
        String s;
        if (b.hasArray()) {
            s = new String(b.array(), b.arrayOffset() + b.position(), len, StandardCharsets.UTF_8);
        } else {
            byte[] tmp = new byte[len];
            b.get(b.position(), tmp);
            s = new String(tmp, StandardCharsets.UTF_8);
        }
        b.position(b.position() + len);
        return s;
    }

    static byte[] bytes(ByteBuffer b, int len) {
        byte[] out = new byte[len];
        b.get(out);
        return out;
    }

    static byte[] rest(ByteBuffer b) {
        return bytes(b, b.remaining());
    }
}
