package io.asyncio4j.postgres;

import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The codecs of one connection by type OID: the built-ins, then user-registered codecs, then codecs
 * made from introspecting the database's own types (enums, domains, composites, ranges, arrays of
 * them). A type without a codec is exchanged in text format as a String.
 */
final class TypeRegistry {
    private static final Map<Integer, PgCodec> BUILTINS = new HashMap<>();

    private final Map<Integer, PgCodec> codecs = new HashMap<>(BUILTINS);
    /** Element OIDs of array types (for encoding). */
    private final Map<Integer, Integer> arrayElements = new HashMap<>();
    /** OIDs known to have no binary codec: exchanged as text. */
    private final java.util.Set<Integer> textTypes = new java.util.HashSet<>();

    static {
        BUILTINS.put(Oids.BOOL, Codecs.BOOL);
        BUILTINS.put(Oids.BYTEA, Codecs.BYTEA);
        BUILTINS.put(Oids.CHAR, Codecs.TEXT);
        BUILTINS.put(Oids.NAME, Codecs.TEXT);
        BUILTINS.put(Oids.INT8, Codecs.INT8);
        BUILTINS.put(Oids.INT2, Codecs.INT2);
        BUILTINS.put(Oids.INT4, Codecs.INT4);
        BUILTINS.put(Oids.REGPROC, Codecs.OID);
        BUILTINS.put(Oids.TEXT, Codecs.TEXT);
        BUILTINS.put(Oids.OID, Codecs.OID);
        BUILTINS.put(Oids.JSON, Codecs.JSON_CODEC);
        BUILTINS.put(Oids.XML, Codecs.TEXT);
        BUILTINS.put(Oids.FLOAT4, Codecs.FLOAT4);
        BUILTINS.put(Oids.FLOAT8, Codecs.FLOAT8);
        BUILTINS.put(Oids.UNKNOWN, Codecs.TEXT);
        BUILTINS.put(Oids.CIDR, Codecs.inet(true));
        BUILTINS.put(Oids.INET, Codecs.inet(false));
        BUILTINS.put(Oids.BPCHAR, Codecs.TEXT);
        BUILTINS.put(Oids.VARCHAR, Codecs.TEXT);
        BUILTINS.put(Oids.DATE, Codecs.DATE);
        BUILTINS.put(Oids.TIME, Codecs.TIME);
        BUILTINS.put(Oids.TIMESTAMP, Codecs.TIMESTAMP);
        BUILTINS.put(Oids.TIMESTAMPTZ, Codecs.TIMESTAMPTZ);
        BUILTINS.put(Oids.INTERVAL, Codecs.INTERVAL);
        BUILTINS.put(Oids.TIMETZ, Codecs.TIMETZ);
        BUILTINS.put(Oids.NUMERIC, Codecs.NUMERIC);
        BUILTINS.put(Oids.REGCLASS, Codecs.OID);
        BUILTINS.put(Oids.REGTYPE, Codecs.OID);
        BUILTINS.put(Oids.VOID, Codecs.VOID);
        BUILTINS.put(Oids.UUID, Codecs.UUID_CODEC);
        BUILTINS.put(Oids.JSONB, Codecs.JSONB);
    }

    TypeRegistry() {
        for (int[] r : Oids.RANGES) {
            codecs.put(r[0], new RangeCodec(r[1]));
        }
        codecs.put(Oids.RECORD, new CompositeCodec("record", null, null));
        for (int[] a : Oids.ARRAYS) {
            registerArray(a[1], a[0]);
        }
    }

    PgCodec codec(int oid) {
        return codecs.get(oid);
    }

    void register(int oid, PgCodec codec) {
        codecs.put(oid, codec);
        textTypes.remove(oid);
    }

    void registerArray(int arrayOid, int elementOid) {
        arrayElements.put(arrayOid, elementOid);
        codecs.put(arrayOid, new ArrayCodec(elementOid));
    }

    void unregister(int oid) {
        codecs.remove(oid);
    }

    void registerText(int oid) {
        textTypes.add(oid);
    }

    /** True if the type needs introspection before use (neither a codec nor known as text). */
    boolean unknown(int oid) {
        return oid != 0 && !codecs.containsKey(oid) && !textTypes.contains(oid);
    }

    PgCodec codecOrThrow(int oid) {
        PgCodec c = codecs.get(oid);
        if (c == null) {
            throw new PgInterfaceError("no binary codec for type OID " + oid);
        }
        return c;
    }

    // ------------------------------------------------------------------ arrays

    /**
     * Arrays: decode to a {@code List} (nested lists for several dimensions; NULL elements are null;
     * lower bounds are dropped). Encode from {@code List}, {@code Object[]} or primitive arrays
     * ({@code int[]}, {@code long[]}, ...; {@code byte[]} is a bytea element, never a dimension),
     * nested for more dimensions, rectangular.
     */
    final class ArrayCodec implements PgCodec {
        private final int elementOid;

        ArrayCodec(int elementOid) {
            this.elementOid = elementOid;
        }

        @Override
        public Object decode(ByteBuffer in) {
            int ndim = in.getInt();
            in.getInt(); // has-null flag
            int elemOid = in.getInt();
            if (ndim == 0) {
                return new ArrayList<>(0);
            }
            int[] dims = new int[ndim];
            for (int i = 0; i < ndim; i++) {
                dims[i] = in.getInt();
                in.getInt(); // lower bound
            }
            PgCodec c = codecs.get(elemOid);
            return decodeDim(in, dims, 0, c, elemOid);
        }

        private List<Object> decodeDim(ByteBuffer in, int[] dims, int d, PgCodec c, int elemOid) {
            List<Object> out = new ArrayList<>(dims[d]);
            for (int i = 0; i < dims[d]; i++) {
                if (d + 1 < dims.length) {
                    out.add(decodeDim(in, dims, d + 1, c, elemOid));
                } else {
                    int len = in.getInt();
                    out.add(len < 0 ? null : decodeValue(c, in, len, elemOid));
                }
            }
            return out;
        }

        @Override
        public void encode(Object value, PgWriter out) {
            List<Integer> dims = new ArrayList<>();
            Object cur = value;
            while (isDimension(cur)) {
                int n = length(cur);
                dims.add(n);
                if (n == 0) {
                    break;
                }
                cur = element(cur, 0);
            }
            if (dims.isEmpty()) {
                throw Codecs.cannot(value, "array");
            }
            if (dims.contains(0)) {
                out.putInt(0).putInt(0).putInt(elementOid);
                return;
            }
            PgCodec c = codecOrThrow(elementOid);
            out.putInt(dims.size());
            int hasNullAt = out.reserveInt();
            out.putInt(elementOid);
            for (int d : dims) {
                out.putInt(d).putInt(1);
            }
            boolean[] hasNull = {false};
            encodeDim(value, dims, 0, c, out, hasNull);
            out.putIntAt(hasNullAt, hasNull[0] ? 1 : 0);
        }

        private void encodeDim(Object v, List<Integer> dims, int d, PgCodec c, PgWriter out, boolean[] hasNull) {
            if (!isDimension(v) || length(v) != dims.get(d)) {
                throw new PgInterfaceError("multi-dimensional arrays must be rectangular");
            }
            for (int i = 0; i < dims.get(d); i++) {
                Object e = element(v, i);
                if (d + 1 < dims.size()) {
                    encodeDim(e, dims, d + 1, c, out, hasNull);
                } else if (e == null) {
                    hasNull[0] = true;
                    out.putInt(-1);
                } else {
                    int at = out.reserveInt();
                    c.encode(e, out);
                    out.putIntAt(at, out.position() - at - 4);
                }
            }
        }
    }

    static boolean isDimension(Object v) {
        return v instanceof List<?> || (v != null && v.getClass().isArray() && !(v instanceof byte[]));
    }

    static int length(Object v) {
        return v instanceof List<?> l ? l.size() : Array.getLength(v);
    }

    static Object element(Object v, int i) {
        return v instanceof List<?> l ? l.get(i) : Array.get(v, i);
    }

    /** Decodes one value of {@code len} bytes at the buffer's position, leaving the position after it. */
    static Object decodeValue(PgCodec c, ByteBuffer in, int len, int oid) {
        int start = in.position();
        int end = start + len;
        int limit = in.limit();
        in.limit(end);
        try {
            if (c == null) {
                return MessageDecoder.utf8(in, len); // no codec: can only happen for text-format data
            }
            return c.decode(in);
        } finally {
            in.limit(limit);
            in.position(end);
        }
    }

    // ------------------------------------------------------------------ ranges

    /** Ranges: {@link Range} records; the bounds are decoded with the subtype's codec. */
    final class RangeCodec implements PgCodec {
        private static final int EMPTY = 0x01, LB_INC = 0x02, UB_INC = 0x04, LB_INF = 0x08, UB_INF = 0x10;
        private final int subtype;

        RangeCodec(int subtype) {
            this.subtype = subtype;
        }

        @Override
        public Object decode(ByteBuffer in) {
            int flags = in.get();
            if ((flags & EMPTY) != 0) {
                return Range.emptyRange();
            }
            PgCodec c = codecOrThrow(subtype);
            Object lower = null;
            Object upper = null;
            if ((flags & LB_INF) == 0) {
                int len = in.getInt();
                lower = decodeValue(c, in, len, subtype);
            }
            if ((flags & UB_INF) == 0) {
                int len = in.getInt();
                upper = decodeValue(c, in, len, subtype);
            }
            return new Range<>(lower, upper, (flags & LB_INC) != 0, (flags & UB_INC) != 0, false);
        }

        @Override
        public void encode(Object value, PgWriter out) {
            if (!(value instanceof Range<?> r)) {
                throw Codecs.cannot(value, "range");
            }
            if (r.empty()) {
                out.putByte(EMPTY);
                return;
            }
            int flags = (r.lowerInclusive() && r.lower() != null ? LB_INC : 0)
                    | (r.upperInclusive() && r.upper() != null ? UB_INC : 0)
                    | (r.lower() == null ? LB_INF : 0) | (r.upper() == null ? UB_INF : 0);
            out.putByte(flags);
            PgCodec c = codecOrThrow(subtype);
            for (Object b : new Object[] {r.lower(), r.upper()}) {
                if (b != null) {
                    int at = out.reserveInt();
                    c.encode(b, out);
                    out.putIntAt(at, out.position() - at - 4);
                }
            }
        }
    }

    // ------------------------------------------------------------------ composites

    /**
     * Composites: {@link PgComposite}; each field is decoded by the OID that precedes it in the
     * data. Encodes a PgComposite, a List or an Object[] of the field values (needs the field types,
     * so not for anonymous {@code record}).
     */
    final class CompositeCodec implements PgCodec {
        private final String name;
        private final List<String> fieldNames;
        private final int[] fieldOids;

        CompositeCodec(String name, List<String> fieldNames, int[] fieldOids) {
            this.name = name;
            this.fieldNames = fieldNames == null ? null : Collections.unmodifiableList(fieldNames);
            this.fieldOids = fieldOids;
        }

        @Override
        public Object decode(ByteBuffer in) {
            int n = in.getInt();
            List<Object> values = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int oid = in.getInt();
                int len = in.getInt();
                values.add(len < 0 ? null : decodeValue(codecOrThrow(oid), in, len, oid));
            }
            List<String> names = fieldNames;
            if (names == null || names.size() != n) {
                names = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    names.add("f" + i);
                }
            }
            return new PgComposite(name, names, Collections.unmodifiableList(values));
        }

        @Override
        public void encode(Object value, PgWriter out) {
            if (fieldOids == null) {
                throw new PgInterfaceError("cannot encode an anonymous record parameter; cast to a named type");
            }
            Object v = value instanceof PgComposite c ? c.values() : value;
            if (!isDimension(v) || length(v) != fieldOids.length) {
                throw Codecs.cannot(value, name + " (" + fieldOids.length + " fields)");
            }
            out.putInt(fieldOids.length);
            for (int i = 0; i < fieldOids.length; i++) {
                Object e = element(v, i);
                out.putInt(fieldOids[i]);
                if (e == null) {
                    out.putInt(-1);
                } else {
                    int at = out.reserveInt();
                    codecOrThrow(fieldOids[i]).encode(e, out);
                    out.putIntAt(at, out.position() - at - 4);
                }
            }
        }
    }
}
