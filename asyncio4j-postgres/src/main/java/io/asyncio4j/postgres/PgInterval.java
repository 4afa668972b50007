package io.asyncio4j.postgres;

import java.time.Duration;
import java.time.Period;

/**
 * A PostgreSQL {@code interval}, exactly as the server stores it: months, days and microseconds
 * kept apart (an interval of "1 month" is not a fixed number of days, and "1 day" is not 24 hours
 * across a DST change). asyncpg decodes to {@code datetime.timedelta}, which loses months; this
 * record loses nothing. {@link #toPeriod()} and {@link #toDuration()} give the java.time views; as
 * parameters, {@link Duration} (time only) and {@link Period} (years, months, days) are accepted too.
 *
 * <pre>{@code
 * PgInterval i = (PgInterval) conn.fetchVal("select interval '1 year 2 mons 3 days 04:05:06.7'");
 * Period p = i.toPeriod();      // P1Y2M3D
 * Duration d = i.toDuration();  // PT4H5M6.7S
 * }</pre>
 *
 * @param months       months (years are 12 months)
 * @param days         days
 * @param microseconds the time part, in microseconds
 */
public record PgInterval(int months, int days, long microseconds) {
    /** The interval of {@code period} (its years and months go to months) plus {@code duration}. */
    public static PgInterval of(Period period, Duration duration) {
        return new PgInterval(Math.toIntExact(period.toTotalMonths()), period.getDays(),
                duration.getSeconds() * 1_000_000L + duration.getNano() / 1_000);
    }

    /** The months and days part. */
    public Period toPeriod() {
        return Period.of(months / 12, months % 12, days);
    }

    /** The time part (microseconds) only. */
    public Duration toDuration() {
        return Duration.ofSeconds(Math.floorDiv(microseconds, 1_000_000L), Math.floorMod(microseconds, 1_000_000L) * 1_000L);
    }
}
