package io.asyncio4j.postgres;

import java.util.Map;

/**
 * Encoders of the frontend (client to server) messages of protocol v3, appending to a
 * {@link PgWriter}. Pure functions of their arguments: no I/O.
 */
final class Frontend {
    static final int PROTOCOL_3_0 = 196608;
    static final int SSL_REQUEST_CODE = 80877103;
    static final int CANCEL_REQUEST_CODE = 80877102;

    private Frontend() {
    }

    private static int begin(PgWriter w, char type) {
        w.putByte(type);
        return w.reserveInt();
    }

    private static void end(PgWriter w, int lenAt) {
        w.putIntAt(lenAt, w.position() - lenAt);
    }

    static void startup(PgWriter w, Map<String, String> params) {
        int at = w.reserveInt();
        w.putInt(PROTOCOL_3_0);
        params.forEach((k, v) -> {
            if (v != null) {
                w.putCString(k).putCString(v);
            }
        });
        w.putByte(0);
        end(w, at);
    }

    static void sslRequest(PgWriter w) {
        w.putInt(8).putInt(SSL_REQUEST_CODE);
    }

    static void cancelRequest(PgWriter w, int pid, int key) {
        w.putInt(16).putInt(CANCEL_REQUEST_CODE).putInt(pid).putInt(key);
    }

    /** PasswordMessage, also used for GSS/SASL responses with raw bytes. */
    static void password(PgWriter w, String password) {
        int at = begin(w, 'p');
        w.putCString(password);
        end(w, at);
    }

    static void saslInitialResponse(PgWriter w, String mechanism, byte[] data) {
        int at = begin(w, 'p');
        w.putCString(mechanism).putInt(data.length).putBytes(data);
        end(w, at);
    }

    static void saslResponse(PgWriter w, byte[] data) {
        int at = begin(w, 'p');
        w.putBytes(data);
        end(w, at);
    }

    static void query(PgWriter w, String sql) {
        int at = begin(w, 'Q');
        w.putCString(sql);
        end(w, at);
    }

    static void parse(PgWriter w, String name, String sql, int[] paramTypes) {
        int at = begin(w, 'P');
        w.putCString(name).putCString(sql).putShort(paramTypes.length);
        for (int t : paramTypes) {
            w.putInt(t);
        }
        end(w, at);
    }

    /** Describe of a statement ('S') or portal ('P'). */
    static void describe(PgWriter w, char kind, String name) {
        int at = begin(w, 'D');
        w.putByte(kind).putCString(name);
        end(w, at);
    }

    /** Close of a statement ('S') or portal ('P'). */
    static void close(PgWriter w, char kind, String name) {
        int at = begin(w, 'C');
        w.putByte(kind).putCString(name);
        end(w, at);
    }

    static void execute(PgWriter w, String portal, int maxRows) {
        int at = begin(w, 'E');
        w.putCString(portal).putInt(maxRows);
        end(w, at);
    }

    static void sync(PgWriter w) {
        w.putByte('S').putInt(4);
    }

    static void flush(PgWriter w) {
        w.putByte('H').putInt(4);
    }

    static void terminate(PgWriter w) {
        w.putByte('X').putInt(4);
    }

    static void copyData(PgWriter w, byte[] data, int off, int len) {
        w.putByte('d').putInt(4 + len).putBytes(data, off, len);
    }

    static void copyDone(PgWriter w) {
        w.putByte('c').putInt(4);
    }

    static void copyFail(PgWriter w, String message) {
        int at = begin(w, 'f');
        w.putCString(message);
        end(w, at);
    }

    /**
     * Bind: the header (portal, statement, parameter formats) is written here; each parameter is
     * encoded by {@code params}, which must append exactly {@code paramCount} length-prefixed
     * values; then the result format codes.
     */
    static void bind(PgWriter w, String portal, String statement, short[] paramFormats,
                     java.util.function.Consumer<PgWriter> params, int paramCount, short[] resultFormats) {
        int at = begin(w, 'B');
        w.putCString(portal).putCString(statement);
        w.putShort(paramFormats.length);
        for (short f : paramFormats) {
            w.putShort(f);
        }
        w.putShort(paramCount);
        params.accept(w);
        w.putShort(resultFormats.length);
        for (short f : resultFormats) {
            w.putShort(f);
        }
        end(w, at);
    }
}
