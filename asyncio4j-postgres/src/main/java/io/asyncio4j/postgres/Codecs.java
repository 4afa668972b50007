package io.asyncio4j.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;

/**
 * The built-in binary codecs. Java types, decoding: int2 {@code Short}, int4 {@code Integer},
 * int8 {@code Long}, oid {@code Long}, float4 {@code Float}, float8 {@code Double}, numeric
 * {@code BigDecimal} (NaN and ±Infinity, which BigDecimal cannot hold, decode to the
 * {@code Double} values {@code NaN}, {@code POSITIVE_INFINITY}, {@code NEGATIVE_INFINITY}, and those
 * Doubles encode back to them), bool {@code Boolean}, text types {@code String}, bytea {@code byte[]},
 * uuid {@code UUID}, date {@code LocalDate}, time {@code LocalTime}, timetz {@code OffsetTime},
 * timestamp {@code LocalDateTime}, timestamptz {@code OffsetDateTime} in UTC, interval
 * {@link PgInterval}, json/jsonb Jackson {@code JsonNode}, inet/cidr {@link PgInet} or
 * {@code InetAddress}. The infinities of date/timestamp/timestamptz map to {@code MAX}/{@code MIN}
 * of the java.time class, both ways.
 */
final class Codecs {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long PG_EPOCH_SECONDS = 946_684_800L;
    static final int PG_EPOCH_DAYS = 10_957;

    private Codecs() {
    }

    static PgInterfaceError cannot(Object value, String type) {
        return new PgInterfaceError("cannot encode " + value.getClass().getName() + " value " + value + " as " + type);
    }

    static long longOf(Object v, String type, long min, long max) {
        long l;
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            l = ((Number) v).longValue();
        } else if (v instanceof BigInteger b && b.bitLength() < 64) {
            l = b.longValue();
        } else if (v instanceof BigDecimal d) {
            try {
                l = d.longValueExact();
            } catch (ArithmeticException e) {
                throw cannot(v, type);
            }
        } else if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) < 9e15) {
            l = n.longValue();
        } else if (v instanceof Boolean b) {
            l = b ? 1 : 0;
        } else {
            throw cannot(v, type);
        }
        if (l < min || l > max) {
            throw new PgInterfaceError("value " + v + " out of range for " + type);
        }
        return l;
    }

    // ------------------------------------------------------------------ scalars

    static final PgCodec INT2 = new PgCodec() {
        public Object decode(ByteBuffer in) {
            return in.getShort();
        }

        public void encode(Object v, PgWriter out) {
            out.putShort((int) longOf(v, "int2", Short.MIN_VALUE, Short.MAX_VALUE));
        }
    };

    static final PgCodec INT4 = new PgCodec() {
        public Object decode(ByteBuffer in) {
            return in.getInt();
        }

        public void encode(Object v, PgWriter out) {
            out.putInt((int) longOf(v, "int4", Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
    };

    static final PgCodec INT8 = new PgCodec() {
        public Object decode(ByteBuffer in) {
            return in.getLong();
        }

        public void encode(Object v, PgWriter out) {
            out.putLong(longOf(v, "int8", Long.MIN_VALUE, Long.MAX_VALUE));
        }
    };

    /** oid and the reg* aliases: unsigned 32-bit, as Long. */
    static final PgCodec OID = new PgCodec() {
        public Object decode(ByteBuffer in) {
            return in.getInt() & 0xFFFF_FFFFL;
        }

        public void encode(Object v, PgWriter out) {
            out.putInt((int) longOf(v, "oid", Integer.MIN_VALUE, 0xFFFF_FFFFL));
        }
    };

    static final PgCodec FLOAT4 = new PgCodec() {
        public Object decode(ByteBuffer in) {
            return in.getFloat();
        }

        public void encode(Object v, PgWriter out) {
            if (!(v instanceof Number n)) {
                throw cannot(v, "float4");
            }
            out.putFloat(n.floatValue());
        }
    };

    static final PgCodec FLOAT8 = new PgCodec() {
        public Object decode(ByteBuffer in) {
            return in.getDouble();
        }

        public void encode(Object v, PgWriter out) {
            if (!(v instanceof Number n)) {
                throw cannot(v, "float8");
            }
            out.putDouble(n.doubleValue());
        }
    };

    static final PgCodec BOOL = new PgCodec() {
        public Object decode(ByteBuffer in) {
            return in.get() != 0;
        }

        public void encode(Object v, PgWriter out) {
            if (!(v instanceof Boolean b)) {
                throw cannot(v, "bool");
            }
            out.putByte(b ? 1 : 0);
        }
    };

    /** text, varchar, bpchar, name, xml, unknown, enums: UTF-8; any object encodes as its toString(). */
    static final PgCodec TEXT = new PgCodec() {
        public Object decode(ByteBuffer in) {
            return MessageDecoder.utf8(in, in.remaining());
        }

        public void encode(Object v, PgWriter out) {
            out.putUtf8(v instanceof Enum<?> e ? e.name() : v.toString());
        }
    };

    static final PgCodec BYTEA = new PgCodec() {
        public Object decode(ByteBuffer in) {
            return MessageDecoder.rest(in);
        }

        public void encode(Object v, PgWriter out) {
            if (v instanceof byte[] b) {
                out.putBytes(b);
            } else if (v instanceof ByteBuffer b) {
                out.putBytes(b.duplicate());
            } else {
                throw cannot(v, "bytea");
            }
        }
    };

    static final PgCodec UUID_CODEC = new PgCodec() {
        public Object decode(ByteBuffer in) {
            return new UUID(in.getLong(), in.getLong());
        }

        public void encode(Object v, PgWriter out) {
            UUID u = v instanceof UUID x ? x : v instanceof String s ? UUID.fromString(s) : null;
            if (u == null) {
                throw cannot(v, "uuid");
            }
            out.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        }
    };

    static final PgCodec VOID = new PgCodec() {
        public Object decode(ByteBuffer in) {
            return null;
        }

        public void encode(Object v, PgWriter out) {
            // nothing
        }
    };

    // ------------------------------------------------------------------ numeric

    private static final int NUMERIC_POS = 0x0000, NUMERIC_NEG = 0x4000, NUMERIC_NAN = 0xC000,
            NUMERIC_PINF = 0xD000, NUMERIC_NINF = 0xF000;
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

    static final PgCodec NUMERIC = new PgCodec() {
        public Object decode(ByteBuffer in) {
            int ndigits = in.getShort();
            int weight = in.getShort();
            int sign = in.getShort() & 0xFFFF;
            int dscale = in.getShort() & 0xFFFF;
            switch (sign) {
                case NUMERIC_NAN:
                    return Double.NaN;
                case NUMERIC_PINF:
                    return Double.POSITIVE_INFINITY;
                case NUMERIC_NINF:
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
            if (ndigits == 0) {
                return BigDecimal.ZERO.setScale(dscale);
            }
            BigInteger unscaled;
            if (ndigits <= 4) {
                long acc = 0;
                for (int i = 0; i < ndigits; i++) {
                    acc = acc * 10_000 + in.getShort();
                }
                unscaled = BigInteger.valueOf(acc);
            } else {
                StringBuilder sb = new StringBuilder(ndigits * 4);
                for (int i = 0; i < ndigits; i++) {
                    int d = in.getShort();
                    if (i == 0) {
                        sb.append(d);
                    } else {
                        sb.append((char) ('0' + d / 1000)).append((char) ('0' + d / 100 % 10))
                                .append((char) ('0' + d / 10 % 10)).append((char) ('0' + d % 10));
                    }
                }
                unscaled = new BigInteger(sb.toString());
            }
            int scale = (ndigits - 1 - weight) * 4;
            BigDecimal v = new BigDecimal(unscaled, scale);
            if (scale > dscale) {
                v = v.setScale(dscale, RoundingMode.DOWN);
            } else if (scale < dscale) {
                v = v.setScale(dscale);
            }
            return sign == NUMERIC_NEG ? v.negate() : v;
        }

        public void encode(Object v, PgWriter out) {
            BigDecimal d;
            if (v instanceof BigDecimal b) {
                d = b;
            } else if (v instanceof Double || v instanceof Float) {
                double x = ((Number) v).doubleValue();
                if (Double.isNaN(x)) {
                    out.putShort(0).putShort(0).putShort(NUMERIC_NAN).putShort(0);
                    return;
                } else if (Double.isInfinite(x)) {
                    out.putShort(0).putShort(0).putShort(x > 0 ? NUMERIC_PINF : NUMERIC_NINF).putShort(0);
                    return;
                }
                d = new BigDecimal(v.toString());
            } else if (v instanceof BigInteger b) {
                d = new BigDecimal(b);
            } else if (v instanceof Number n) {
                d = BigDecimal.valueOf(n.longValue());
            } else if (v instanceof String s) {
                d = new BigDecimal(s);
            } else {
                throw cannot(v, "numeric");
            }
            encodeBigDecimal(d, out);
        }
    };

    static void encodeBigDecimal(BigDecimal d, PgWriter out) {
        int dscale = Math.max(0, d.scale());
        if (d.signum() == 0) {
            out.putShort(0).putShort(0).putShort(NUMERIC_POS).putShort(dscale);
            return;
        }
        BigInteger abs = d.unscaledValue().abs();
        int scale = d.scale();
        if (scale < 0) {
            abs = abs.multiply(BigInteger.TEN.pow(-scale));
            scale = 0;
        }
        int scale4 = (scale + 3) / 4 * 4;
        if (scale4 > scale) {
            abs = abs.multiply(BigInteger.TEN.pow(scale4 - scale));
        }
        String digits = abs.toString();
        int pad = (4 - digits.length() % 4) % 4;
        int ngroups = (digits.length() + pad) / 4;
        short[] groups = new short[ngroups];
        int pos = -pad;
        for (int g = 0; g < ngroups; g++, pos += 4) {
            int val = 0;
            for (int k = 0; k < 4; k++) {
                int idx = pos + k;
                val = val * 10 + (idx < 0 ? 0 : digits.charAt(idx) - '0');
            }
            groups[g] = (short) val;
        }
        int weight = ngroups - 1 - scale4 / 4;
        int n = ngroups;
        while (n > 0 && groups[n - 1] == 0) {
            n--;
        }
        out.putShort(n).putShort(weight).putShort(d.signum() < 0 ? NUMERIC_NEG : NUMERIC_POS).putShort(dscale);
        for (int i = 0; i < n; i++) {
            out.putShort(groups[i]);
        }
    }

    // ------------------------------------------------------------------ date and time

    static final PgCodec DATE = new PgCodec() {
        public Object decode(ByteBuffer in) {
            int days = in.getInt();
            if (days == Integer.MAX_VALUE) {
                return LocalDate.MAX;
            } else if (days == Integer.MIN_VALUE) {
                return LocalDate.MIN;
            }
            return LocalDate.ofEpochDay(days + (long) PG_EPOCH_DAYS);
        }

        public void encode(Object v, PgWriter out) {
            if (!(v instanceof LocalDate d)) {
                throw cannot(v, "date");
            }
            if (d.equals(LocalDate.MAX)) {
                out.putInt(Integer.MAX_VALUE);
            } else if (d.equals(LocalDate.MIN)) {
                out.putInt(Integer.MIN_VALUE);
            } else {
                out.putInt(Math.toIntExact(d.toEpochDay() - PG_EPOCH_DAYS));
            }
        }
    };

    static final PgCodec TIME = new PgCodec() {
        public Object decode(ByteBuffer in) {
            long micros = in.getLong();
            return micros >= 86_400_000_000L ? LocalTime.MAX : LocalTime.ofNanoOfDay(micros * 1000);
        }

        public void encode(Object v, PgWriter out) {
            if (!(v instanceof LocalTime t)) {
                throw cannot(v, "time");
            }
            out.putLong(t.toNanoOfDay() / 1000);
        }
    };

    static final PgCodec TIMETZ = new PgCodec() {
        public Object decode(ByteBuffer in) {
            long micros = in.getLong();
            int westSeconds = in.getInt();
            LocalTime t = micros >= 86_400_000_000L ? LocalTime.MAX : LocalTime.ofNanoOfDay(micros * 1000);
            return OffsetTime.of(t, ZoneOffset.ofTotalSeconds(-westSeconds));
        }

        public void encode(Object v, PgWriter out) {
            if (!(v instanceof OffsetTime t)) {
                throw cannot(v, "timetz");
            }
            out.putLong(t.toLocalTime().toNanoOfDay() / 1000).putInt(-t.getOffset().getTotalSeconds());
        }
    };

    private static long toPgMicros(long epochSecond, int nano) {
        return Math.addExact(Math.multiplyExact(epochSecond - PG_EPOCH_SECONDS, 1_000_000L), nano / 1000);
    }

    static final PgCodec TIMESTAMP = new PgCodec() {
        public Object decode(ByteBuffer in) {
            long micros = in.getLong();
            if (micros == Long.MAX_VALUE) {
                return LocalDateTime.MAX;
            } else if (micros == Long.MIN_VALUE) {
                return LocalDateTime.MIN;
            }
            long sec = Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECONDS;
            int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1000;
            return LocalDateTime.ofEpochSecond(sec, nanos, ZoneOffset.UTC);
        }

        public void encode(Object v, PgWriter out) {
            if (!(v instanceof LocalDateTime t)) {
                throw cannot(v, "timestamp");
            }
            if (t.equals(LocalDateTime.MAX)) {
                out.putLong(Long.MAX_VALUE);
            } else if (t.equals(LocalDateTime.MIN)) {
                out.putLong(Long.MIN_VALUE);
            } else {
                out.putLong(toPgMicros(t.toEpochSecond(ZoneOffset.UTC), t.getNano()));
            }
        }
    };

    /** timestamptz: decodes to OffsetDateTime in UTC; encodes OffsetDateTime, ZonedDateTime, Instant (and LocalDateTime as UTC). */
    static final PgCodec TIMESTAMPTZ = new PgCodec() {
        public Object decode(ByteBuffer in) {
            long micros = in.getLong();
            if (micros == Long.MAX_VALUE) {
                return OffsetDateTime.MAX;
            } else if (micros == Long.MIN_VALUE) {
                return OffsetDateTime.MIN;
            }
            long sec = Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECONDS;
            int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1000;
            return OffsetDateTime.ofInstant(Instant.ofEpochSecond(sec, nanos), ZoneOffset.UTC);
        }

        public void encode(Object v, PgWriter out) {
            if (v.equals(OffsetDateTime.MAX) || v.equals(Instant.MAX) || v.equals(LocalDateTime.MAX)) {
                out.putLong(Long.MAX_VALUE);
                return;
            } else if (v.equals(OffsetDateTime.MIN) || v.equals(Instant.MIN) || v.equals(LocalDateTime.MIN)) {
                out.putLong(Long.MIN_VALUE);
                return;
            }
            Instant i = switch (v) {
                case OffsetDateTime o -> o.toInstant();
                case ZonedDateTime z -> z.toInstant();
                case Instant x -> x;
                case LocalDateTime l -> l.toInstant(ZoneOffset.UTC);
                default -> throw cannot(v, "timestamptz");
            };
            out.putLong(toPgMicros(i.getEpochSecond(), i.getNano()));
        }
    };

    static final PgCodec INTERVAL = new PgCodec() {
        public Object decode(ByteBuffer in) {
            long micros = in.getLong();
            int days = in.getInt();
            int months = in.getInt();
            return new PgInterval(months, days, micros);
        }

        public void encode(Object v, PgWriter out) {
            PgInterval i = switch (v) {
                case PgInterval p -> p;
                case Duration d -> PgInterval.of(Period.ZERO, d);
                case Period p -> PgInterval.of(p, Duration.ZERO);
                default -> throw cannot(v, "interval");
            };
            out.putLong(i.microseconds()).putInt(i.days()).putInt(i.months());
        }
    };

    // ------------------------------------------------------------------ json

    static byte[] jsonBytes(Object v) {
        try {
            if (v instanceof String s) {
                return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            return JSON.writeValueAsBytes(v);
        } catch (IOException e) {
            throw new PgInterfaceError("cannot encode as JSON: " + v, e);
        }
    }

    static JsonNode parseJson(ByteBuffer in) {
        try {
            if (in.hasArray()) {
                return JSON.readTree(in.array(), in.arrayOffset() + in.position(), in.remaining());
            }
            return JSON.readTree(MessageDecoder.rest(in));
        } catch (IOException e) {
            throw new PgProtocolError("bad JSON from server: " + e.getMessage());
        }
    }

    /** json: Jackson JsonNode; a String parameter is taken as JSON text, anything else is serialized by Jackson. */
    static final PgCodec JSON_CODEC = new PgCodec() {
        public Object decode(ByteBuffer in) {
            return parseJson(in);
        }

        public void encode(Object v, PgWriter out) {
            out.putBytes(jsonBytes(v));
        }
    };

    static final PgCodec JSONB = new PgCodec() {
        public Object decode(ByteBuffer in) {
            byte version = in.get();
            if (version != 1) {
                throw new PgProtocolError("unsupported jsonb version " + version);
            }
            return parseJson(in);
        }

        public void encode(Object v, PgWriter out) {
            out.putByte(1).putBytes(jsonBytes(v));
        }
    };

    // ------------------------------------------------------------------ network

    private static final int AF_INET = 2, AF_INET6 = 3;

    static PgCodec inet(boolean cidr) {
        return new PgCodec() {
            public Object decode(ByteBuffer in) {
                int family = in.get();
                int bits = in.get() & 0xFF;
                boolean isCidr = in.get() != 0;
                int n = in.get() & 0xFF;
                byte[] addr = MessageDecoder.bytes(in, n);
                try {
                    InetAddress a = InetAddress.getByAddress(addr);
                    int full = family == AF_INET ? 32 : 128;
                    if (!isCidr && bits == full) {
                        return a;
                    }
                    return new PgInet(a, bits, isCidr);
                } catch (UnknownHostException e) {
                    throw new PgProtocolError("bad inet value");
                }
            }

            public void encode(Object v, PgWriter out) {
                InetAddress a;
                int bits;
                if (v instanceof InetAddress x) {
                    a = x;
                    bits = x.getAddress().length * 8;
                } else if (v instanceof PgInet p) {
                    a = p.address();
                    bits = p.prefixLength();
                } else {
                    throw cannot(v, cidr ? "cidr" : "inet");
                }
                byte[] b = a.getAddress();
                out.putByte(b.length == 4 ? AF_INET : AF_INET6).putByte(bits).putByte(cidr ? 1 : 0).putByte(b.length)
                        .putBytes(b);
            }
        };
    }
}
