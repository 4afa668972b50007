package io.asyncio4j.postgres;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.loop.TimerHandle;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pool of connections: asyncpg's {@code Pool} ({@code asyncpg.create_pool}). Created with
 * {@link #create(PoolOptions)} inside a task; used from tasks of that loop only (no locks: all its
 * state lives on the loop thread).
 *
 * <p><b>Acquire and release.</b> {@link #acquire(ConnectionBody)} lends a connection to a body and
 * takes it back when the body ends, whatever the outcome; {@link #acquire()} and
 * {@link #release(PgConnection)} do the same explicitly. Idle connections are reused last-in first
 * out (so surplus ones stay idle long enough to expire); when all {@code maxSize} are lent,
 * acquirers wait in FIFO order, for at most {@link PoolOptions#acquireTimeout()} (then
 * {@link io.asyncio4j.TimeoutError}).
 *
 * <p><b>Reset on release</b> (in a task of its own, so cancelling the releasing task does not
 * interrupt it): a connection inside a transaction gets {@code ROLLBACK}; then
 * {@link PoolOptions#resetQuery()} runs (asyncpg's {@code SELECT pg_advisory_unlock_all(); CLOSE ALL;
 * UNLISTEN *; RESET ALL;} by default) and the connection's listeners are dropped. A connection
 * that failed the reset, was lost, or outlived {@link PoolOptions#maxLifetime()} is closed instead
 * of being reused, and a new one is opened on demand.
 *
 * <p><b>Broken connections.</b> A query in flight when the server goes away (restart,
 * {@code pg_terminate_backend}) fails with the server's {@link AdminShutdown} or a
 * {@link PgConnectionError}; the dead connection is dropped on release and never lent again.
 *
 * <pre>{@code
 * Asyncio.run(() -> {
 *     PgPool pool = PgPool.create(PoolOptions.of(dsn).withSize(1, 10));
 *     try {
 *         long n = pool.fetchVal("select count(*) from t");
 *         pool.acquire(conn -> conn.transaction(tx -> tx.execute("update t set x = x + 1")));
 *     } finally {
 *         pool.close();   // waits until every lent connection is back
 *     }
 *     return null;
 * });
 * }</pre>
 */
public final class PgPool implements AutoCloseable {
    /** The body of {@link #acquire(ConnectionBody)}: gets the lent connection. */
    @FunctionalInterface
    public interface ConnectionBody<T> {
        T run(PgConnection conn) throws Exception;
    }

    private enum State { OPEN, CLOSING, CLOSED }

    private static final class Slot {
        final PgConnection conn;
        final long createdNanos = System.nanoTime();
        final int generation;
        TimerHandle idleTimer;

        Slot(PgConnection conn, int generation) {
            this.conn = conn;
            this.generation = generation;
        }
    }

    private final EventLoop loop;
    private final PoolOptions options;
    private final boolean resetDropsStatements;
    private final ArrayDeque<Slot> idle = new ArrayDeque<>();
    private final ArrayDeque<Future<Slot>> waiters = new ArrayDeque<>();
    private final Map<PgConnection, Slot> lent = new IdentityHashMap<>();
    private int opening;
    private int resetting;
    private int generation;
    private State state = State.OPEN;
    private Future<Void> drained;

    private PgPool(EventLoop loop, PoolOptions options) {
        this.loop = loop;
        this.options = options;
        String reset = options.resetQuery() == null ? "" : options.resetQuery().toUpperCase(java.util.Locale.ROOT);
        this.resetDropsStatements = reset.matches("(?s).*\\b(DISCARD\\s+ALL|DEALLOCATE)\\b.*");
    }

    /** {@link #create(PoolOptions)} with asyncpg's defaults for {@code dsn}. */
    public static PgPool create(String dsn) throws Exception {
        return create(PoolOptions.of(dsn));
    }

    /**
     * Opens {@link PoolOptions#minSize()} connections at once and returns the pool; in a task. If
     * one fails, the others are closed and its error is thrown.
     */
    public static PgPool create(PoolOptions options) throws Exception {
        EventLoop loop = Asyncio.getRunningLoop();
        if (loop == null) {
            throw new IllegalStateException("no running event loop: call PgPool.create inside a task");
        }
        PgPool pool = new PgPool(loop, options);
        List<Task<Slot>> opens = new ArrayList<>();
        for (int i = 0; i < options.minSize(); i++) {
            opens.add(loop.createTask(pool::openSlot));
        }
        Throwable failure = null;
        for (Task<Slot> t : opens) {
            try {
                Slot s = t.await();
                pool.handOff(s);
            } catch (Exception | Error e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            pool.terminate();
            if (failure instanceof Exception e) {
                throw e;
            }
            throw (Error) failure;
        }
        return pool;
    }

    // ------------------------------------------------------------------ state

    /** The connections open or opening (idle, lent, being reset or connecting). */
    public int size() {
        return idle.size() + lent.size() + resetting + opening;
    }

    /** The connections open and not lent. */
    public int idleSize() {
        return idle.size();
    }

    /** The options the pool was created with. */
    public PoolOptions options() {
        return options;
    }

    /** Whether {@link #close()} or {@link #terminate()} was called. */
    public boolean isClosing() {
        return state != State.OPEN;
    }

    // ------------------------------------------------------------------ acquire and release

    /**
     * Lends a connection to {@code body} and takes it back when the body ends: asyncpg's
     * {@code async with pool.acquire() as conn}. Returns what the body returns.
     */
    public <T> T acquire(ConnectionBody<T> body) throws Exception {
        PgConnection conn = acquire();
        try {
            return body.run(conn);
        } finally {
            release(conn);
        }
    }

    /** Lends a connection, waiting at most {@link PoolOptions#acquireTimeout()}; give it back with {@link #release}. */
    public PgConnection acquire() throws Exception {
        return acquire(options.acquireTimeout());
    }

    /**
     * Lends a connection, waiting at most {@code timeout} (null: forever) for one to be free or
     * opened: asyncpg's {@code pool.acquire(timeout=...)}.
     *
     * @throws io.asyncio4j.TimeoutError the timeout passed
     * @throws PgInterfaceError          the pool is closing
     */
    public PgConnection acquire(Duration timeout) throws Exception {
        checkLoop();
        checkOpen();
        Slot s = timeout == null ? acquireSlot() : Asyncio.timeout(timeout, this::acquireSlot);
        lent.put(s.conn, s);
        return s.conn;
    }

    private Slot acquireSlot() throws Exception {
        while (true) {
            checkOpen();
            Slot s = idle.pollLast();
            if (s != null) {
                cancelIdleTimer(s);
                if (usable(s)) {
                    return s;
                }
                discard(s);
                continue;
            }
            if (size() < options.maxSize()) {
                return openSlot();
            }
            Future<Slot> w = loop.createFuture();
            waiters.add(w);
            try {
                s = w.await();
            } catch (Exception | Error e) {
                waiters.remove(w);
                if (w.isDone() && !w.cancelled() && w.exception() == null) {
                    handOff(w.result()); // handed over just as the wait was cancelled: pass it on
                }
                throw e;
            }
            if (usable(s)) {
                return s;
            }
            discard(s);
        }
    }

    private Slot openSlot() throws Exception {
        opening++;
        PgConnection conn = null;
        try {
            conn = PgConnection.connect(options.connectOptions());
            if (options.init() != null) {
                options.init().init(conn);
            }
        } catch (Exception | Error e) {
            if (conn != null) {
                conn.close();
            }
            opening--;
            growForWaiters();
            throw e;
        }
        opening--;
        return new Slot(conn, generation);
    }

    /**
     * Takes back a connection lent by {@link #acquire()}: resets it (see the class comment) and
     * lends it to the next waiter or keeps it idle: asyncpg's {@code pool.release}. The reset runs
     * in its own task; cancelling the caller does not interrupt it.
     *
     * @throws IllegalArgumentException the connection is not lent by this pool (or was released already)
     */
    public void release(PgConnection conn) throws Exception {
        checkLoop();
        Slot s = lent.remove(conn);
        if (s == null) {
            throw new IllegalArgumentException("the connection is not lent by this pool (released twice?)");
        }
        resetting++;
        Task<Void> reset = loop.createTask(() -> {
            try {
                resetAndReturn(s);
            } finally {
                checkDrained();
            }
            return null;
        }, "pg-pool-release");
        Asyncio.shield(reset).await();
    }

    private void resetAndReturn(Slot s) {
        PgConnection conn = s.conn;
        try {
            if (!conn.isClosed() && state == State.OPEN) {
                conn.resetForPool(options.resetQuery(), resetDropsStatements);
            }
        } catch (Exception e) {
            conn.close();
        } finally {
            resetting--;
        }
        if (state != State.OPEN || !usable(s)) {
            discard(s);
            return;
        }
        handOff(s);
    }

    /** Gives {@code s} to the first waiter still waiting, or makes it idle. */
    private void handOff(Slot s) {
        if (state != State.OPEN) {
            discard(s);
            return;
        }
        Future<Slot> w;
        while ((w = waiters.poll()) != null) {
            if (!w.isDone()) {
                w.setResult(s);
                return;
            }
        }
        idle.addLast(s);
        Duration d = options.maxInactiveConnectionLifetime();
        if (d != null && d.isPositive()) {
            s.idleTimer = loop.callLater(d, () -> {
                if (idle.remove(s)) {
                    discard(s);
                }
            });
        }
    }

    private boolean usable(Slot s) {
        if (s.conn.isClosed() || s.generation != generation) {
            return false;
        }
        Duration max = options.maxLifetime();
        return max == null || System.nanoTime() - s.createdNanos < max.toNanos();
    }

    private static void cancelIdleTimer(Slot s) {
        if (s.idleTimer != null) {
            s.idleTimer.cancel();
            s.idleTimer = null;
        }
    }

    /** Closes a connection that leaves the pool; a waiter may get a new one in its place. */
    private void discard(Slot s) {
        cancelIdleTimer(s);
        s.conn.close();
        growForWaiters();
    }

    /** Opens a connection for the first waiter when there is room (after a discard or a failed open). */
    private void growForWaiters() {
        if (state != State.OPEN || size() >= options.maxSize()) {
            return;
        }
        waiters.removeIf(Future::isDone);
        if (waiters.isEmpty()) {
            return;
        }
        opening++; // reserve the room now; openSlot counts it again
        loop.createTask(() -> {
            Slot s;
            try {
                opening--;
                s = openSlot();
            } catch (Exception e) {
                Future<Slot> w;
                while ((w = waiters.poll()) != null) {
                    if (!w.isDone()) {
                        w.setException(e);
                        break;
                    }
                }
                return null;
            }
            handOff(s);
            return null;
        }, "pg-pool-open");
    }

    /**
     * Replaces every connection: idle ones are closed now, lent ones when they are released, and
     * new ones are opened on demand: asyncpg's {@code expire_connections} (e.g. after a schema
     * change or a server setting that cached plans or codecs depend on).
     */
    public void expireConnections() {
        checkLoop();
        generation++;
        Slot s;
        while ((s = idle.poll()) != null) {
            discard(s);
        }
    }

    // ------------------------------------------------------------------ shortcuts

    /** {@link PgConnection#execute} on a lent connection. */
    public String execute(String sql, Object... args) throws Exception {
        return acquire(c -> c.execute(sql, args));
    }

    /** {@link PgConnection#executeMany} on a lent connection. */
    public void executeMany(String sql, List<Object[]> argsList) throws Exception {
        acquire(c -> {
            c.executeMany(sql, argsList);
            return null;
        });
    }

    /** {@link PgConnection#fetch} on a lent connection. */
    public List<Record> fetch(String sql, Object... args) throws Exception {
        return acquire(c -> c.fetch(sql, args));
    }

    /** {@link PgConnection#fetchRow} on a lent connection. */
    public Record fetchRow(String sql, Object... args) throws Exception {
        return acquire(c -> c.fetchRow(sql, args));
    }

    /** {@link PgConnection#fetchVal} on a lent connection. */
    public <T> T fetchVal(String sql, Object... args) throws Exception {
        return acquire(c -> c.<T>fetchVal(sql, args));
    }

    // ------------------------------------------------------------------ closing

    /**
     * Closes gracefully: asyncpg's {@code pool.close()}. New acquires and waiting ones fail with
     * {@link PgInterfaceError}; idle connections close now; lent ones close when they are released,
     * and this call returns once all are closed. Idempotent.
     */
    @Override
    public void close() throws Exception {
        checkLoop();
        if (state == State.OPEN) {
            state = State.CLOSING;
            drained = loop.createFuture();
            failWaiters(new PgInterfaceError("the pool is closing"));
            closeIdle();
            checkDrained();
        }
        if (drained != null) {
            drained.await();
        }
    }

    /** Closes every connection at once, lent or not: their queries in flight fail. asyncpg's {@code pool.terminate()}. */
    public void terminate() {
        checkLoop();
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        failWaiters(new PgInterfaceError("the pool was terminated"));
        closeIdle();
        for (PgConnection c : List.copyOf(lent.keySet())) {
            c.close();
        }
        if (drained != null && !drained.isDone()) {
            drained.setResult(null);
        }
    }

    private void failWaiters(PgException e) {
        Future<Slot> w;
        while ((w = waiters.poll()) != null) {
            if (!w.isDone()) {
                w.setException(e);
            }
        }
    }

    private void closeIdle() {
        Slot s;
        while ((s = idle.poll()) != null) {
            cancelIdleTimer(s);
            s.conn.close();
        }
    }

    private void checkDrained() {
        if (state == State.CLOSING && lent.isEmpty() && resetting == 0 && drained != null && !drained.isDone()) {
            state = State.CLOSED;
            drained.setResult(null);
        }
    }

    private void checkOpen() {
        if (state != State.OPEN) {
            throw new PgInterfaceError("the pool is closing");
        }
    }

    private void checkLoop() {
        if (!loop.inLoop()) {
            throw new IllegalStateException("a PgPool must be used from tasks of the loop that created it");
        }
    }
}
