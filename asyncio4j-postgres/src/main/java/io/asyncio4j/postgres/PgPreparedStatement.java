package io.asyncio4j.postgres;

import java.util.List;

/**
 * An explicitly prepared statement: asyncpg's {@code PreparedStatement}. Made with
 * {@link PgConnection#prepare(String)}; usable from the connection's tasks until {@link #close()}.
 *
 * <pre>{@code
 * PgPreparedStatement byId = conn.prepare("select * from users where id = $1");
 * Record alice = byId.fetchRow(1);
 * Record bob = byId.fetchRow(2);
 * byId.close();
 * }</pre>
 */
public final class PgPreparedStatement implements AutoCloseable {
    private final PgConnection conn;
    private final Statement st;

    PgPreparedStatement(PgConnection conn, Statement st) {
        this.conn = conn;
        this.st = st;
    }

    /** The statement text. */
    public String sql() {
        return st.sql;
    }

    /** The parameter type OIDs the server inferred. asyncpg: {@code get_parameters()}. */
    public int[] parameterTypes() {
        return st.paramOids.clone();
    }

    /** The result column names. asyncpg: {@code get_attributes()}. */
    public List<String> columnNames() {
        return List.of(st.columnNames);
    }

    public List<Record> fetch(Object... args) throws Exception {
        return conn.runStatement(st, args, true, 0).rows();
    }

    public Record fetchRow(Object... args) throws Exception {
        List<Record> rows = conn.runStatement(st, args, true, 1).rows();
        return rows.isEmpty() ? null : rows.get(0);
    }

    @SuppressWarnings("unchecked")
    public <T> T fetchVal(Object... args) throws Exception {
        Record r = fetchRow(args);
        return r == null ? null : (T) r.get(0);
    }

    /** Runs the statement and returns its command tag. */
    public String execute(Object... args) throws Exception {
        return conn.runStatement(st, args, false, 0).status();
    }

    /** Deallocates the statement on the server. */
    @Override
    public void close() {
        conn.closeStatement(st);
    }
}
