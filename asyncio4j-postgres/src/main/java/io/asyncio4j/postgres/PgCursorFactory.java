package io.asyncio4j.postgres;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A query to run through a server-side cursor: asyncpg's {@code CursorFactory}, made by
 * {@link PgConnection#cursor(String, Object...)}. Iterating it opens a cursor and fetches
 * {@link #prefetch(int) prefetch} rows per round trip (asyncpg's default, 50), so a result of any
 * size streams in constant memory; {@link #open()} gives a {@link PgCursor} to move through by hand.
 * Cursors exist inside a transaction only (the server closes them at its end).
 *
 * <p>The iterator's {@code hasNext()} may wait for the server: call it in a task of the
 * connection's loop (as everything on a connection). Server errors surface as the usual
 * (unchecked) {@link PgException}s.
 *
 * <pre>{@code
 * conn.transaction(tx -> {
 *     for (Record r : tx.cursor("select * from big where k > $1", 10).prefetch(500)) {
 *         process(r);
 *     }
 *     PgCursor cur = tx.cursor("select generate_series(1, 100)").open();
 *     cur.forward(10);                    // skip 10 rows
 *     List<Record> next5 = cur.fetch(5);  // rows 11..15
 *     Record one = cur.fetchRow();        // row 16
 *     return null;
 * });
 * }</pre>
 */
public final class PgCursorFactory implements Iterable<Record> {
    /** asyncpg's default prefetch. */
    public static final int DEFAULT_PREFETCH = 50;

    private final PgConnection conn;
    private final String sql;
    private final Object[] args;
    private int prefetch = DEFAULT_PREFETCH;

    PgCursorFactory(PgConnection conn, String sql, Object[] args) {
        this.conn = conn;
        this.sql = sql;
        this.args = args;
    }

    /** Rows fetched per round trip while iterating (asyncpg's {@code prefetch}). */
    public PgCursorFactory prefetch(int rows) {
        if (rows <= 0) {
            throw new IllegalArgumentException("prefetch must be > 0, not " + rows);
        }
        this.prefetch = rows;
        return this;
    }

    /** Opens the cursor without fetching: asyncpg's {@code await conn.cursor(...)}. */
    public PgCursor open() throws Exception {
        String portal = conn.nextPortalName();
        Statement[] used = new Statement[1];
        conn.openPortal(sql, args, portal, 0, used);
        return new PgCursor(conn, used[0], portal);
    }

    /** Opens a cursor and iterates over all its rows, {@link #prefetch(int)} at a time. */
    @Override
    public Iterator<Record> iterator() {
        return new Iterator<>() {
            private final ArrayDeque<Record> buffer = new ArrayDeque<>();
            private String portal;
            private Statement st;
            private boolean exhausted;

            @Override
            public boolean hasNext() {
                if (buffer.isEmpty() && !exhausted) {
                    try {
                        fill();
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new PgInterfaceError("cursor fetch failed: " + e, e);
                    }
                }
                return !buffer.isEmpty();
            }

            private void fill() throws Exception {
                Protocol.QueryResult r;
                if (portal == null) {
                    portal = conn.nextPortalName();
                    Statement[] used = new Statement[1];
                    r = conn.openPortal(sql, args, portal, prefetch, used);
                    st = used[0];
                } else {
                    r = conn.fetchPortal(st, portal, prefetch);
                }
                List<Record> rows = r.rows();
                buffer.addAll(rows);
                if (r.status() != null) { // CommandComplete instead of PortalSuspended: no more rows
                    exhausted = true;
                    conn.closePortal(portal);
                }
            }

            @Override
            public Record next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return buffer.poll();
            }
        };
    }
}
