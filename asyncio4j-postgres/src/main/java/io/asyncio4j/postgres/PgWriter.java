package io.asyncio4j.postgres;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable big-endian byte buffer that frontend messages and binary parameter values are
 * written into. Codecs ({@link PgCodec#encode}) append one value's bytes to it; the length prefix
 * is written by the caller. Not thread-safe; owned by one connection.
 *
 * <pre>{@code
 * PgCodec point = new PgCodec() {
 *     public Object decode(ByteBuffer in) { return new double[] {in.getDouble(), in.getDouble()}; }
 *     public void encode(Object v, PgWriter out) { double[] p = (double[]) v; out.putDouble(p[0]).putDouble(p[1]); }
 * };
 * }</pre>
 */
public final class PgWriter {
    private byte[] buf;
    private int pos;

    /** An empty writer. */
    public PgWriter() {
        this(256);
    }

    /** An empty writer with {@code capacity} bytes reserved. */
    public PgWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    /** The number of bytes written. */
    public int position() {
        return pos;
    }

    public PgWriter putByte(int b) {
        ensure(1);
        buf[pos++] = (byte) b;
        return this;
    }

    public PgWriter putShort(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public PgWriter putInt(int v) {
        ensure(4);
        putIntAt(pos, v);
        pos += 4;
        return this;
    }

    public PgWriter putLong(long v) {
        ensure(8);
        for (int i = 7; i >= 0; i--) {
            buf[pos + i] = (byte) v;
            v >>>= 8;
        }
        pos += 8;
        return this;
    }

    public PgWriter putFloat(float v) {
        return putInt(Float.floatToIntBits(v));
    }

    public PgWriter putDouble(double v) {
        return putLong(Double.doubleToLongBits(v));
    }

    public PgWriter putBytes(byte[] b) {
        return putBytes(b, 0, b.length);
    }

    public PgWriter putBytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
        return this;
    }

    /** Appends the remaining bytes of {@code b} (its position moves to its limit). */
    public PgWriter putBytes(ByteBuffer b) {
        int n = b.remaining();
        ensure(n);
        b.get(buf, pos, n);
        pos += n;
        return this;
    }

    /** Appends {@code s} as UTF-8 without a terminator. */
    public PgWriter putUtf8(String s) {
        return putBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Appends {@code s} as a NUL-terminated UTF-8 string (protocol "String"). */
    public PgWriter putCString(String s) {
        putUtf8(s);
        return putByte(0);
    }

    /** Overwrites four bytes at {@code at} (for length prefixes written after the body). */
    public void putIntAt(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    /** Reserves four bytes for a length written later with {@link #putIntAt}; returns their offset. */
    public int reserveInt() {
        ensure(4);
        int at = pos;
        pos += 4;
        return at;
    }

    /** A view of the written bytes (ready to read), valid until the next write or reset. */
    ByteBuffer view() {
        return ByteBuffer.wrap(buf, 0, pos);
    }

    /** A copy of the written bytes. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** Drops everything written after {@code position} (undoes a partly written message). */
    void truncate(int position) {
        pos = position;
    }

    /** Forgets everything written. */
    public void reset() {
        pos = 0;
    }

    /** Forgets everything written and drops a buffer grown past 1 MiB (after a large batch). */
    void recycle() {
        pos = 0;
        if (buf.length > 1 << 20) {
            buf = new byte[1 << 16];
        }
    }
}
