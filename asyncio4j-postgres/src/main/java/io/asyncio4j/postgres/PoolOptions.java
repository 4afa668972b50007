package io.asyncio4j.postgres;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link PgPool} behaves: asyncpg's {@code create_pool()} keyword arguments. Immutable; the
 * {@code with...} methods return modified copies.
 *
 * <p>Defaults (asyncpg's): {@code minSize} 10, {@code maxSize} 10, idle connections closed after
 * 300 s ({@code maxInactiveConnectionLifetime}), no maximum lifetime, no acquire timeout, and the
 * reset query {@link #DEFAULT_RESET_QUERY} run on every release.
 *
 * <pre>{@code
 * PoolOptions o = PoolOptions.of(ConnectOptions.parse(dsn))
 *         .withSize(2, 20)
 *         .withAcquireTimeout(Duration.ofSeconds(5))
 *         .withResetQuery("DISCARD ALL");
 * PgPool pool = PgPool.create(o);
 * }</pre>
 *
 * @param connectOptions                how to open each connection
 * @param minSize                       connections opened by {@link PgPool#create} (and kept if idle expiry is off)
 * @param maxSize                       the most connections open at once
 * @param acquireTimeout                how long {@link PgPool#acquire()} waits for a free connection (null: forever)
 * @param maxInactiveConnectionLifetime an idle connection is closed after this long (null or zero: never)
 * @param maxLifetime                   a connection older than this is closed instead of being reused (null: never)
 * @param resetQuery                    SQL run (simple protocol) when a connection is released, after a
 *                                      ROLLBACK if it is inside a transaction; null or empty: none
 * @param init                          run once on every new connection before it is first lent (asyncpg's
 *                                      {@code init}: register codecs, set session state); null: nothing
 */
public record PoolOptions(ConnectOptions connectOptions, int minSize, int maxSize, Duration acquireTimeout,
                          Duration maxInactiveConnectionLifetime, Duration maxLifetime, String resetQuery,
                          ConnectionInit init) {
    /** The {@code init} callback: asyncpg's {@code init=}. */
    @FunctionalInterface
    public interface ConnectionInit {
        void init(PgConnection conn) throws Exception;
    }

    /**
     * asyncpg's reset query for a server with every capability: releases advisory locks, closes
     * cursors, stops listening and resets session settings. Prepared statements are kept (so the
     * statement cache stays valid), as in asyncpg.
     */
    public static final String DEFAULT_RESET_QUERY = "SELECT pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; RESET ALL;";

    public PoolOptions {
        Objects.requireNonNull(connectOptions, "connectOptions");
        if (maxSize <= 0) {
            throw new IllegalArgumentException("maxSize must be > 0, not " + maxSize);
        }
        if (minSize < 0 || minSize > maxSize) {
            throw new IllegalArgumentException("minSize must be in [0, maxSize], not " + minSize);
        }
    }

    /** asyncpg's defaults around {@code connectOptions}. */
    public static PoolOptions of(ConnectOptions connectOptions) {
        return new PoolOptions(connectOptions, 10, 10, null, Duration.ofSeconds(300), null, DEFAULT_RESET_QUERY, null);
    }

    /** {@link #of(ConnectOptions)} with a DSN. */
    public static PoolOptions of(String dsn) {
        return of(ConnectOptions.parse(dsn));
    }

    public PoolOptions withSize(int min, int max) {
        return new PoolOptions(connectOptions, min, max, acquireTimeout, maxInactiveConnectionLifetime, maxLifetime,
                resetQuery, init);
    }

    public PoolOptions withAcquireTimeout(Duration timeout) {
        return new PoolOptions(connectOptions, minSize, maxSize, timeout, maxInactiveConnectionLifetime, maxLifetime,
                resetQuery, init);
    }

    public PoolOptions withMaxInactiveConnectionLifetime(Duration d) {
        return new PoolOptions(connectOptions, minSize, maxSize, acquireTimeout, d, maxLifetime, resetQuery, init);
    }

    public PoolOptions withMaxLifetime(Duration d) {
        return new PoolOptions(connectOptions, minSize, maxSize, acquireTimeout, maxInactiveConnectionLifetime, d,
                resetQuery, init);
    }

    /** Runs {@code init} on every new connection before it is first lent. */
    public PoolOptions withInit(ConnectionInit init) {
        return new PoolOptions(connectOptions, minSize, maxSize, acquireTimeout, maxInactiveConnectionLifetime,
                maxLifetime, resetQuery, init);
    }

    /**
     * The SQL run on release. {@code "DISCARD ALL"} (or anything with {@code DEALLOCATE}) also
     * drops prepared statements: the connection then forgets its statement cache.
     */
    public PoolOptions withResetQuery(String sql) {
        return new PoolOptions(connectOptions, minSize, maxSize, acquireTimeout, maxInactiveConnectionLifetime,
                maxLifetime, sql, init);
    }
}
