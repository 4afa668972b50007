package io.asyncio4j.postgres;

/**
 * A value of a PostgreSQL range type ({@code int4range}, {@code tstzrange}, user-defined ranges).
 * A null bound is infinite (unbounded) on that side. asyncpg: {@code asyncpg.Range}.
 *
 * <pre>{@code
 * Range<?> r = (Range<?>) conn.fetchVal("select int4range(1, 10)");   // [1,10)
 * conn.execute("insert into booking(during) values ($1)",
 *         Range.closedOpen(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 8)));
 * }</pre>
 *
 * @param lower          the lower bound, or null for unbounded
 * @param upper          the upper bound, or null for unbounded
 * @param lowerInclusive whether the lower bound is included
 * @param upperInclusive whether the upper bound is included
 * @param empty          the empty range (then the other fields are null/false)
 * @param <T>            the subtype's Java type
 */
public record Range<T>(T lower, T upper, boolean lowerInclusive, boolean upperInclusive, boolean empty) {
    /** {@code [lower, upper)}, the canonical form of discrete ranges. */
    public static <T> Range<T> closedOpen(T lower, T upper) {
        return new Range<>(lower, upper, lower != null, false, false);
    }

    /** {@code [lower, upper]}. */
    public static <T> Range<T> closed(T lower, T upper) {
        return new Range<>(lower, upper, lower != null, upper != null, false);
    }

    /** The empty range. */
    public static <T> Range<T> emptyRange() {
        return new Range<>(null, null, false, false, true);
    }

    @Override
    public String toString() {
        if (empty) {
            return "empty";
        }
        return (lowerInclusive ? "[" : "(") + (lower == null ? "" : lower) + ","
                + (upper == null ? "" : upper) + (upperInclusive ? "]" : ")");
    }
}
