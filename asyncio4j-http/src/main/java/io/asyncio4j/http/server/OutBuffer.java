package io.asyncio4j.http.server;

import java.nio.ByteBuffer;

/** A growable byte array the connection accumulates output in before one transport write. */
final class OutBuffer {
    byte[] a = new byte[4096];
    int n;

    void ensure(int more) {
        if (n + more > a.length) a = java.util.Arrays.copyOf(a, Math.max(a.length * 2, n + more));
    }

    OutBuffer ascii(String s) {
        int len = s.length();
        ensure(len);
        byte[] b = a;
        int p = n;
        for (int i = 0; i < len; i++) b[p++] = (byte) s.charAt(i);
        n = p;
        return this;
    }

    OutBuffer latin1(String s) {
        return ascii(s);
    }

    OutBuffer bytes(byte[] src) {
        return bytes(src, 0, src.length);
    }

    OutBuffer bytes(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, a, n, len);
        n += len;
        return this;
    }

    OutBuffer bytes(ByteBuffer src) {
        int len = src.remaining();
        ensure(len);
        src.get(src.position(), a, n, len);
        n += len;
        return this;
    }

    OutBuffer decimal(long v) {
        if (v >= 0 && v < 10) {
            ensure(1);
            a[n++] = (byte) ('0' + v);
            return this;
        }
        return ascii(Long.toString(v));
    }

    OutBuffer crlf() {
        ensure(2);
        a[n++] = '\r';
        a[n++] = '\n';
        return this;
    }

    OutBuffer header(String name, String value) {
        return ascii(name).ascii(": ").latin1(value).crlf();
    }

    boolean isEmpty() {
        return n == 0;
    }

    ByteBuffer view() {
        return ByteBuffer.wrap(a, 0, n);
    }

    void reset() {
        n = 0;
        if (a.length > 1 << 20) a = new byte[4096];
    }
}
