package io.asyncio4j.postgres;

import java.util.List;

/**
 * An open server-side cursor: asyncpg's {@code Cursor}, from {@link PgCursorFactory#open()}. Moves
 * forward only; lives until {@link #close()} or the end of its transaction. Use it from tasks of
 * the connection's loop.
 *
 * <pre>{@code
 * PgCursor cur = tx.cursor("select * from events order by id").open();
 * cur.forward(100);
 * for (List<Record> page; !(page = cur.fetch(20)).isEmpty(); ) {
 *     render(page);
 * }
 * cur.close();
 * }</pre>
 */
public final class PgCursor implements AutoCloseable {
    private final PgConnection conn;
    private final Statement st;
    private final String portal;
    private boolean closed;

    PgCursor(PgConnection conn, Statement st, String portal) {
        this.conn = conn;
        this.st = st;
        this.portal = portal;
    }

    /** Skips up to {@code n} rows and returns how many were skipped: asyncpg's {@code forward}. */
    public long forward(int n) throws Exception {
        checkOpen(n);
        String tag = conn.execute("MOVE FORWARD " + n + " FROM " + PgConnection.quoteIdent(portal));
        return Long.parseLong(tag.substring(tag.lastIndexOf(' ') + 1));
    }

    /** The next {@code n} rows (fewer at the end, none past it): asyncpg's {@code fetch}. */
    public List<Record> fetch(int n) throws Exception {
        checkOpen(n);
        return conn.fetchPortal(st, portal, n).rows();
    }

    /** The next row, or null past the end: asyncpg's {@code fetchrow}. */
    public Record fetchRow() throws Exception {
        List<Record> rows = fetch(1);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Closes the cursor on the server (the end of the transaction does it too). Idempotent. */
    @Override
    public void close() throws Exception {
        if (!closed) {
            closed = true;
            conn.closePortal(portal);
        }
    }

    private void checkOpen(int n) {
        if (closed) {
            throw new PgInterfaceError("the cursor is closed");
        }
        if (n <= 0) {
            throw new IllegalArgumentException("n must be > 0, not " + n);
        }
    }
}
