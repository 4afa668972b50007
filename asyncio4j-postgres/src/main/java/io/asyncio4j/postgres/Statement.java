package io.asyncio4j.postgres;

import java.util.List;

/**
 * A server-side prepared statement as described by the server, plus the codecs chosen for its
 * parameters and result columns once every type is known. Shared by the tasks using it; only
 * touched on the loop.
 */
final class Statement {
    final String name;
    final String sql;
    int[] paramOids = new int[0];
    String[] columnNames = new String[0];
    int[] columnOids = new int[0];
    boolean closed;

    // resolved
    PgCodec[] paramCodecs;
    short[] paramFormats;
    PgCodec[] resultCodecs;
    short[] resultFormats;
    RowShape shape;

    Statement(String name, String sql) {
        this.name = name;
        this.sql = sql;
    }

    boolean resolved() {
        return shape != null;
    }

    /** Picks codecs: binary where the registry has one, text otherwise. */
    void resolve(TypeRegistry types) {
        paramCodecs = new PgCodec[paramOids.length];
        paramFormats = new short[paramOids.length];
        for (int i = 0; i < paramOids.length; i++) {
            PgCodec c = types.codec(paramOids[i]);
            paramCodecs[i] = c;
            paramFormats[i] = (short) (c == null ? 0 : 1);
        }
        resultCodecs = new PgCodec[columnOids.length];
        resultFormats = new short[columnOids.length];
        for (int i = 0; i < columnOids.length; i++) {
            PgCodec c = types.codec(columnOids[i]);
            resultCodecs[i] = c;
            resultFormats[i] = (short) (c == null ? 0 : 1);
        }
        shape = new RowShape(List.of(columnNames));
    }

    /** Encodes the Bind message's parameter values. */
    void encodeParams(PgWriter out, Object[] args) {
        if (args.length != paramOids.length) {
            throw new PgInterfaceError("the query expects " + paramOids.length + " argument"
                    + (paramOids.length == 1 ? "" : "s") + ", " + args.length + " given");
        }
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                out.putInt(-1);
                continue;
            }
            int at = out.reserveInt();
            try {
                if (paramCodecs[i] == null) {
                    out.putUtf8(a.toString());
                } else {
                    paramCodecs[i].encode(a, out);
                }
            } catch (PgInterfaceError e) {
                throw new PgInterfaceError("argument $" + (i + 1) + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new PgInterfaceError("argument $" + (i + 1) + ": cannot encode " + a + ": " + e, e);
            }
            out.putIntAt(at, out.position() - at - 4);
        }
    }
}
