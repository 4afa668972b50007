package io.asyncio4j.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.asyncio4j.postgres.PgTestSupport.withConnection;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class CodecRoundTripTest {
    /** Sends {@code value} as a {@code type} parameter and reads it back, also checks NULL. */
    private static Object roundTrip(PgConnection conn, String type, Object value) throws Exception {
        Object back = conn.fetchVal("select $1::" + type, value);
        Object nul = conn.fetchVal("select $1::" + type, (Object) null);
        assertThat(nul).as("NULL of " + type).isNull();
        return back;
    }

    private static void same(PgConnection conn, String type, Object... values) throws Exception {
        for (Object v : values) {
            Object back = roundTrip(conn, type, v);
            if (v instanceof byte[] b) {
                assertThat((byte[]) back).as(type).isEqualTo(b);
            } else {
                assertThat(back).as(type + " " + v).isEqualTo(v);
            }
        }
    }

    @Test
    void integersFloatsBool() throws Exception {
        withConnection(conn -> {
            same(conn, "int2", (short) 0, Short.MIN_VALUE, Short.MAX_VALUE);
            same(conn, "int4", 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
            same(conn, "int8", 0L, Long.MIN_VALUE, Long.MAX_VALUE);
            same(conn, "float4", 1.5f, Float.MAX_VALUE, Float.MIN_VALUE, Float.NaN, Float.NEGATIVE_INFINITY);
            same(conn, "float8", 1.5, Double.MAX_VALUE, -Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY);
            same(conn, "bool", true, false);
            assertThat((Object) conn.fetchVal("select 32767::int2")).isEqualTo((short) 32767);
            assertThat((Object) conn.fetchVal("select 'NaN'::float8")).isEqualTo(Double.NaN);
        });
    }

    @Test
    void numeric() throws Exception {
        withConnection(conn -> {
            same(conn, "numeric", new BigDecimal("0"), new BigDecimal("1"), new BigDecimal("-1.5"),
                    new BigDecimal("123456789012345678901234567890.123456789"), new BigDecimal("0.0001"),
                    new BigDecimal("0.00000000000000000001"), new BigDecimal("10000"), new BigDecimal("1.10"),
                    new BigDecimal("-99999999.99990000"), new BigDecimal("1E+20").setScale(0));
            assertThat((Object) conn.fetchVal("select 1.50::numeric(10,2)")).isEqualTo(new BigDecimal("1.50"));
            assertThat((Object) conn.fetchVal("select 1e20::numeric")).isEqualTo(new BigDecimal("100000000000000000000"));
            assertThat((Object) conn.fetchVal("select 'NaN'::numeric")).isEqualTo(Double.NaN);
            assertThat((Object) conn.fetchVal("select 'Infinity'::numeric")).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat((Object) conn.fetchVal("select '-Infinity'::numeric")).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat((Object) conn.fetchVal("select $1::numeric", Double.NaN)).isEqualTo(Double.NaN);
            assertThat((Object) conn.fetchVal("select $1::numeric::text", new BigDecimal("-12.3400"))).isEqualTo("-12.3400");
            assertThat((Object) conn.fetchVal("select $1::numeric", 42)).isEqualTo(new BigDecimal("42"));
        });
    }

    @Test
    void textBinaryUuid() throws Exception {
        withConnection(conn -> {
            same(conn, "text", "", "hello", "ünïcødé ✓ 𝄞", "x".repeat(100_000));
            same(conn, "varchar", "v");
            same(conn, "name", "pg_class");
            assertThat((Object) conn.fetchVal("select $1::char(4)", "ab")).isEqualTo("ab  ");
            same(conn, "bytea", new byte[0], new byte[] {0, 1, -1, 127, -128});
            same(conn, "uuid", UUID.randomUUID(), new UUID(0, 0));
            assertThat((Object) conn.fetchVal("select 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid"))
                    .isEqualTo(UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
        });
    }

    @Test
    void dateTime() throws Exception {
        withConnection(conn -> {
            same(conn, "date", LocalDate.of(2024, 2, 29), LocalDate.of(1999, 12, 31), LocalDate.of(-4000, 1, 1),
                    LocalDate.MAX, LocalDate.MIN);
            same(conn, "time", LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59, 999_999_000), LocalTime.NOON);
            same(conn, "timetz", OffsetTime.of(10, 30, 0, 0, ZoneOffset.ofHours(2)),
                    OffsetTime.of(1, 2, 3, 4000, ZoneOffset.ofHoursMinutes(-5, -30)));
            same(conn, "timestamp", LocalDateTime.of(2000, 1, 1, 0, 0), LocalDateTime.of(1970, 1, 1, 0, 0, 0, 1000),
                    LocalDateTime.of(1900, 6, 15, 12, 30, 45, 123_456_000), LocalDateTime.of(2262, 4, 11, 23, 47, 16),
                    LocalDateTime.MAX, LocalDateTime.MIN);
            same(conn, "timestamptz", OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 10_000, ZoneOffset.UTC),
                    OffsetDateTime.of(1950, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), OffsetDateTime.MAX, OffsetDateTime.MIN);
            assertThat((Object) conn.fetchVal("select $1::timestamptz",
                    OffsetDateTime.of(2024, 1, 1, 12, 0, 0, 0, ZoneOffset.ofHours(3))))
                    .isEqualTo(OffsetDateTime.of(2024, 1, 1, 9, 0, 0, 0, ZoneOffset.UTC));
            assertThat((Object) conn.fetchVal("select 'infinity'::timestamp")).isEqualTo(LocalDateTime.MAX);
            assertThat((Object) conn.fetchVal("select '-infinity'::date")).isEqualTo(LocalDate.MIN);
            assertThat((Object) conn.fetchVal("select '1999-01-08 04:05:06'::timestamp"))
                    .isEqualTo(LocalDateTime.of(1999, 1, 8, 4, 5, 6));
        });
    }

    @Test
    void interval() throws Exception {
        withConnection(conn -> {
            same(conn, "interval", new PgInterval(14, 3, 14_706_700_000L), new PgInterval(0, 0, 0),
                    new PgInterval(-1, -2, -3));
            PgInterval i = conn.fetchVal("select interval '1 year 2 mons 3 days 04:05:06.7'");
            assertThat(i.toPeriod()).isEqualTo(Period.of(1, 2, 3));
            assertThat(i.toDuration()).isEqualTo(Duration.ofMillis(4 * 3600_000 + 5 * 60_000 + 6_700));
            assertThat((Object) conn.fetchVal("select $1::interval::text", Duration.ofMinutes(90))).isEqualTo("01:30:00");
            assertThat((Object) conn.fetchVal("select $1::interval::text", Period.of(1, 1, 1))).isEqualTo("1 year 1 mon 1 day");
        });
    }

    @Test
    void json() throws Exception {
        withConnection(conn -> {
            ObjectMapper m = new ObjectMapper();
            JsonNode doc = m.readTree("{\"a\": [1, 2, {\"b\": null}], \"s\": \"ü\"}");
            same(conn, "json", doc);
            same(conn, "jsonb", doc);
            JsonNode fromString = conn.fetchVal("select $1::jsonb", "{\"x\": 1}");
            assertThat(fromString.get("x").asInt()).isEqualTo(1);
            JsonNode fromMap = conn.fetchVal("select $1::jsonb", java.util.Map.of("k", List.of(1, 2)));
            assertThat(fromMap.get("k").get(1).asInt()).isEqualTo(2);
            JsonNode scalar = conn.fetchVal("select '5'::jsonb");
            assertThat(scalar.asInt()).isEqualTo(5);
        });
    }

    @Test
    void network() throws Exception {
        withConnection(conn -> {
            InetAddress v4 = InetAddress.getByName("192.168.1.20");
            InetAddress v6 = InetAddress.getByName("2001:db8::1");
            same(conn, "inet", v4, v6, new PgInet(v4, 24, false));
            same(conn, "cidr", new PgInet(InetAddress.getByName("10.0.0.0"), 8, true),
                    new PgInet(InetAddress.getByName("2001:db8::"), 32, true));
            PgInet net = conn.fetchVal("select '10.1.0.0/16'::cidr");
            assertThat(net.prefixLength()).isEqualTo(16);
            assertThat(net.cidr()).isTrue();
        });
    }

    @Test
    void arrays() throws Exception {
        withConnection(conn -> {
            same(conn, "int4[]", List.of(1, 2, 3), Arrays.asList(1, null, 3), List.of(),
                    List.of(List.of(1, 2), List.of(3, 4)));
            same(conn, "text[]", Arrays.asList("a", null, "c,\"}"), List.of(List.of(List.of("x"))));
            same(conn, "int8[]", List.of(Long.MAX_VALUE, Long.MIN_VALUE));
            same(conn, "float8[]", Arrays.asList(1.5, null));
            same(conn, "numeric[]", List.of(new BigDecimal("1.5"), new BigDecimal("-2")));
            same(conn, "bool[]", Arrays.asList(true, null, false));
            same(conn, "uuid[]", List.of(new UUID(1, 2)));
            same(conn, "date[]", Arrays.asList(LocalDate.of(2020, 1, 1), null));
            same(conn, "timestamptz[]", List.of(OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)));
            same(conn, "interval[]", List.of(new PgInterval(1, 2, 3)));
            same(conn, "inet[]", List.of(InetAddress.getByName("127.0.0.1")));
            same(conn, "int2[]", List.of((short) 1));
            same(conn, "varchar[]", List.of("v"));
            same(conn, "jsonb[]", List.of(new ObjectMapper().readTree("[1]")));
            List<?> bytes = conn.fetchVal("select $1::bytea[]", List.of(new byte[] {1, 2}));
            assertThat((byte[]) bytes.get(0)).containsExactly(1, 2);
            // primitive and Object[] parameters
            assertThat((Object) conn.fetchVal("select $1::int4[]", new int[] {5, 6})).isEqualTo(List.of(5, 6));
            assertThat((Object) conn.fetchVal("select $1::text[]", (Object) new String[] {"p", null}))
                    .isEqualTo(Arrays.asList("p", null));
            // non-1 lower bound and 2-D from SQL
            assertThat((Object) conn.fetchVal("select '[0:1]={7,8}'::int[]")).isEqualTo(List.of(7, 8));
            assertThat((Object) conn.fetchVal("select array[[1,null],[3,4]]"))
                    .isEqualTo(List.of(Arrays.asList(1, null), List.of(3, 4)));
        });
    }

    @Test
    void enumsCompositesRangesDomains() throws Exception {
        withConnection(conn -> {
            conn.execute("""
                    drop type if exists mood cascade;
                    drop type if exists pt cascade;
                    drop type if exists floatrange cascade;
                    drop domain if exists posint cascade;
                    create type mood as enum ('sad', 'ok', 'happy');
                    create type pt as (x int, label text, tags text[]);
                    create type floatrange as range (subtype = float8);
                    create domain posint as int check (value > 0);
                    """);
            same(conn, "mood", "happy");
            same(conn, "mood[]", Arrays.asList("sad", null));
            PgComposite p = conn.fetchVal("select row(1, 'one', array['a'])::pt");
            assertThat(p.typeName()).isEqualTo("pt");
            assertThat(p.get("x")).isEqualTo(1);
            assertThat(p.get("tags")).isEqualTo(List.of("a"));
            PgComposite back = conn.fetchVal("select $1::pt", Arrays.asList(2, null, List.of("t")));
            assertThat(back.values()).isEqualTo(Arrays.asList(2, null, List.of("t")));
            List<?> pts = conn.fetchVal("select array[row(1,'a',null)::pt, null]");
            assertThat(pts).hasSize(2);
            assertThat(((PgComposite) pts.get(0)).get("label")).isEqualTo("a");
            PgComposite anon = conn.fetchVal("select row(1, 'x'::text, null::int)");
            assertThat(anon.values()).isEqualTo(Arrays.asList(1, "x", null));
            same(conn, "int4range", Range.closedOpen(1, 10), Range.emptyRange(), Range.closedOpen(null, 5),
                    new Range<>(3, null, true, false, false));
            same(conn, "daterange", Range.closedOpen(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 8)));
            same(conn, "tstzrange", Range.closed(OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                    OffsetDateTime.of(2025, 1, 2, 0, 0, 0, 0, ZoneOffset.UTC)));
            same(conn, "numrange", new Range<>(new BigDecimal("1.5"), new BigDecimal("2.5"), false, true, false));
            same(conn, "floatrange", Range.closed(1.5, 2.5));
            assertThat((Object) conn.fetchVal("select int4range(1, 10, '[]')")).isEqualTo(Range.closedOpen(1, 11));
            same(conn, "posint", 5);
            assertThat((Object) conn.fetchVal("select point(1,2)")).isEqualTo("(1,2)"); // no codec: text
        });
    }

    @Test
    void customCodec() throws Exception {
        withConnection(conn -> {
            conn.setTypeCodec("point", new PgCodec() {
                public Object decode(java.nio.ByteBuffer in) {
                    return new double[] {in.getDouble(), in.getDouble()};
                }

                public void encode(Object v, PgWriter out) {
                    double[] p = (double[]) v;
                    out.putDouble(p[0]).putDouble(p[1]);
                }
            });
            double[] p = conn.fetchVal("select point(1, 2)");
            assertThat(p).containsExactly(1.0, 2.0);
            double[] q = conn.fetchVal("select $1::point", (Object) new double[] {3, 4});
            assertThat(q).containsExactly(3.0, 4.0);
        });
    }
}
