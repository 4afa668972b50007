package io.asyncio4j.postgres;

/**
 * The data format of a COPY: asyncpg's {@code format=} argument ({@code 'text'}, {@code 'csv'},
 * {@code 'binary'}).
 *
 * <pre>{@code
 * conn.copyFromTable("t", out, List.of(), CopyFormat.CSV);
 * }</pre>
 */
public enum CopyFormat {
    /** PostgreSQL's tab-separated text format. */
    TEXT("text"),
    /** Comma-separated values. */
    CSV("csv"),
    /** PostgreSQL's binary COPY format (what {@link PgConnection#copyRecordsToTable} sends). */
    BINARY("binary");

    final String sql;

    CopyFormat(String sql) {
        this.sql = sql;
    }
}
