package io.asyncio4j.http.client;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Incremental gzip / deflate decoding of a response body (java.util.zip). "deflate" accepts both the
 * zlib format (RFC 1950, what the RFC says) and raw deflate (RFC 1951, what some servers send), told
 * apart by the zlib header check, like aiohttp's {@code ZLibDecompressor}.
 */
final class Decompressor {
    private final boolean gzip;
    private Inflater inflater;
    private byte[] pending = new byte[0]; // header bytes not yet decided on
    private boolean done;

    private Decompressor(boolean gzip) {
        this.gzip = gzip;
    }

    /** A decoder for the Content-Encoding value, or null if it is identity or unknown. */
    static Decompressor forEncoding(String encoding) {
        if (encoding == null) return null;
        String e = encoding.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (e) {
            case "gzip", "x-gzip" -> new Decompressor(true);
            case "deflate" -> new Decompressor(false);
            default -> null;
        };
    }

    byte[] decode(byte[] in) {
        if (done) return new byte[0];
        if (inflater == null) {
            byte[] all = concat(pending, in);
            int start = gzip ? gzipHeaderLength(all) : zlibChoice(all);
            if (start < 0) {
                pending = all;
                return new byte[0];
            }
            pending = null;
            in = Arrays.copyOfRange(all, start, all.length);
        }
        inflater.setInput(in);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, in.length * 3));
        byte[] buf = new byte[16 * 1024];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0) {
                    if (inflater.needsInput() || inflater.needsDictionary()) break;
                } else {
                    out.write(buf, 0, n);
                }
            }
        } catch (DataFormatException ex) {
            throw new ClientPayloadError("Can not decode content-encoding: " + (gzip ? "gzip" : "deflate")
                    + " (" + ex.getMessage() + ")", ex);
        }
        if (inflater.finished()) {
            done = true;
            inflater.end();
        }
        return out.toByteArray();
    }

    /** At the end of the body: a stream cut short is an error. */
    void finish() {
        if (done) return;
        boolean sawNothing = inflater == null && (pending == null || pending.length == 0);
        if (inflater != null) inflater.end();
        if (!sawNothing) throw new ClientPayloadError("Can not decode content-encoding: compressed body is truncated");
    }

    private int zlibChoice(byte[] b) {
        if (b.length < 2) return -1;
        int cmf = b[0] & 0xff;
        int flg = b[1] & 0xff;
        boolean zlib = (cmf & 0x0f) == 8 && ((cmf << 8) | flg) % 31 == 0;
        inflater = new Inflater(!zlib);
        return 0;
    }

    /** Length of a complete gzip member header, -1 if more bytes are needed. */
    private int gzipHeaderLength(byte[] b) {
        if (b.length < 10) return -1;
        if ((b[0] & 0xff) != 0x1f || (b[1] & 0xff) != 0x8b || b[2] != 8) {
            throw new ClientPayloadError("Can not decode content-encoding: gzip (not in gzip format)");
        }
        int flg = b[3] & 0xff;
        int p = 10;
        if ((flg & 4) != 0) { // FEXTRA
            if (b.length < p + 2) return -1;
            int xlen = (b[p] & 0xff) | (b[p + 1] & 0xff) << 8;
            p += 2 + xlen;
        }
        if ((flg & 8) != 0) { // FNAME
            p = skipZero(b, p);
            if (p < 0) return -1;
        }
        if ((flg & 16) != 0) { // FCOMMENT
            p = skipZero(b, p);
            if (p < 0) return -1;
        }
        if ((flg & 2) != 0) p += 2; // FHCRC
        if (b.length < p) return -1;
        inflater = new Inflater(true);
        return p;
    }

    private static int skipZero(byte[] b, int p) {
        for (int i = p; i < b.length; i++) if (b[i] == 0) return i + 1;
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (a.length == 0) return b;
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
