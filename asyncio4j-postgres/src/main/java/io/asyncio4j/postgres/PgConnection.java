package io.asyncio4j.postgres;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.loop.EventLoop;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A connection to a PostgreSQL server: asyncpg's {@code Connection}. Created with
 * {@link #connect(String)} inside a task; every method must be called from tasks of the loop that
 * created it, and the blocking-looking calls ({@link #fetch}, {@link #execute}, ...) suspend only the
 * calling task.
 *
 * <p><b>Protocol.</b> Queries with arguments, and every fetch, use the extended protocol in binary
 * format with named prepared statements kept in an LRU cache (asyncpg's default: 100 statements,
 * {@link ConnectOptions#statementCacheSize()}); {@code execute} without arguments uses the simple
 * protocol (several statements allowed), as asyncpg does. Types the client does not know (enums,
 * domains, composites, ranges, arrays of them) are introspected from {@code pg_type} on first use;
 * a type with no binary codec is exchanged as text (a String).
 *
 * <p><b>Pipelining.</b> Several tasks may use one connection at once: each query is written at
 * once (ending with its own Sync) and its result is delivered when its turn comes, in order. A
 * failing query fails only its own caller. asyncpg cannot do this (it raises "another operation is
 * in progress"); here it is the way to use one connection from many tasks. Transactions are
 * per connection, so do not pipeline unrelated work into a connection that is inside a
 * {@link #transaction} scope.
 *
 * <p><b>Cancellation.</b> Cancelling a task that waits for a query sends a CancelRequest on a
 * side connection (the query then ends with {@link QueryCanceled}, which nobody sees); the connection
 * stays usable, and the next query runs after the cancelled one has ended.
 *
 * <pre>{@code
 * Asyncio.run(() -> {
 *     try (PgConnection conn = PgConnection.connect("postgresql://app@127.0.0.1/app")) {
 *         conn.execute("create table if not exists t(id int primary key, name text)");
 *         conn.execute("insert into t values ($1, $2)", 1, "one");
 *         for (Record r : conn.fetch("select * from t where id > $1", 0)) {
 *             System.out.println(r.get("id") + " " + r.get("name"));
 *         }
 *         String name = conn.fetchVal("select name from t where id = $1", 1);
 *     }
 *     return null;
 * });
 * }</pre>
 */
public final class PgConnection implements AutoCloseable {
    private static final String INTROSPECT_SQL = """
            SELECT t.oid::int8, t.typname::text, t.typtype::text, t.typelem::int8, t.typbasetype::int8,
                   t.typcategory::text, r.rngsubtype::int8,
                   ARRAY(SELECT a.attname::text FROM pg_attribute a
                         WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum),
                   ARRAY(SELECT a.atttypid::int8 FROM pg_attribute a
                         WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)
            FROM pg_type t LEFT JOIN pg_range r ON r.rngtypid = t.oid
            WHERE t.oid = ANY($1::int8[]::oid[])""";

    private final EventLoop loop;
    private final ConnectOptions options;
    final Protocol protocol;
    final TypeRegistry types = new TypeRegistry();
    private final LinkedHashMap<String, CacheEntry> cache = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, List<Consumer<Notification>>> listeners = new LinkedHashMap<>();
    private final List<Consumer<PostgresError>> noticeListeners = new CopyOnWriteArrayList<>();
    private final Set<PgNotifications> subscriptions = new java.util.LinkedHashSet<>();
    private int statementCounter;
    private int savepointCounter;
    private int portalCounter;
    private int transactionDepth;

    private record CacheEntry(Statement statement, Future<Statement> prepared) {
    }

    /** The body of a {@link #transaction} scope; gets this connection. */
    @FunctionalInterface
    public interface TransactionBody<T> {
        T run(PgConnection tx) throws Exception;
    }

    private PgConnection(EventLoop loop, ConnectOptions options, Protocol protocol) {
        this.loop = loop;
        this.options = options;
        this.protocol = protocol;
        protocol.notificationSink = this::dispatchNotification;
        protocol.closeHook = this::closeSubscriptions;
        protocol.noticeSink = n -> {
            for (Consumer<PostgresError> l : noticeListeners) {
                l.accept(n);
            }
        };
    }

    // ------------------------------------------------------------------ connecting

    /** Connects with a DSN ({@link ConnectOptions#parse}): asyncpg's {@code connect(dsn)}. Call inside a task. */
    public static PgConnection connect(String dsn) throws Exception {
        return connect(ConnectOptions.parse(dsn));
    }

    /**
     * Connects and authenticates (trust, cleartext password, MD5, SCRAM-SHA-256) within
     * {@link ConnectOptions#connectTimeout()}. Call inside a task.
     *
     * @throws PostgresError        the server refused (e.g. {@link InvalidPassword}, {@link InvalidCatalogName})
     * @throws PgConnectionError    the server could not be reached
     * @throws io.asyncio4j.TimeoutError the timeout passed
     */
    public static PgConnection connect(ConnectOptions options) throws Exception {
        EventLoop loop = Asyncio.getRunningLoop();
        return Asyncio.timeout(options.connectTimeout(), () -> open(loop, options));
    }

    private static PgConnection open(EventLoop loop, ConnectOptions o) throws Exception {
        SocketAddress address = o.host().startsWith("/")
                ? UnixDomainSocketAddress.of(Path.of(o.host(), ".s.PGSQL." + o.port()))
                : new InetSocketAddress(o.host(), o.port());
        PgSsl ssl = PgSsl.plan(o);
        try {
            return open(loop, o, address, ssl);
        } catch (PgConnectionError | InvalidAuthorizationSpecification e) {
            if (ssl == null || ssl.mode() != SslMode.PREFER || !retryWithoutTls(e)) {
                throw e;
            }
            // sslmode=prefer: the TLS attempt failed (handshake, or pg_hba has only hostnossl for us):
            // try again without TLS, as libpq and asyncpg do
            return open(loop, o, address, null);
        }
    }

    private static boolean retryWithoutTls(PgException e) {
        if (e instanceof InvalidAuthorizationSpecification) {
            return "28000".equals(e instanceof PostgresError pe ? pe.sqlState() : null);
        }
        return e.getCause() instanceof javax.net.ssl.SSLException;
    }

    private static PgConnection open(EventLoop loop, ConnectOptions o, SocketAddress address, PgSsl ssl)
            throws Exception {
        Protocol p = Protocol.open(loop, address, ssl);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("user", o.user());
        params.put("database", o.database());
        params.put("client_encoding", "UTF8");
        params.put("DateStyle", "ISO");
        params.putAll(o.serverSettings());
        Frontend.startup(p.out, params);
        try {
            p.submit(new Protocol.StartupExchange(loop, o.user(), o.password())).await();
        } catch (Throwable t) {
            p.abort(t instanceof PgException pe ? pe : new PgConnectionError("connect failed: " + t, t));
            throw rethrowHere(t);
        }
        return new PgConnection(loop, o, p);
    }

    /** True when this connection is encrypted with TLS (asyncpg: {@code get_extra_info("sslcontext") is not None}). */
    public boolean isSsl() {
        return protocol.usesTls();
    }

    // ------------------------------------------------------------------ queries

    /**
     * Runs {@code sql} and returns the command tag of its last statement ({@code "INSERT 0 1"}):
     * asyncpg's {@code execute}. Without arguments, the simple protocol is used and {@code sql} may
     * hold several statements; with arguments, one statement with {@code $1, $2, ...}.
     */
    public String execute(String sql, Object... args) throws Exception {
        checkLoop();
        if (args.length == 0) {
            Frontend.query(protocol.out, sql);
            return await(protocol.submit(new Protocol.QueryExchange(loop, null, false, 0))).status();
        }
        return run(sql, args, false, 0).status();
    }

    /** Runs a query and returns all its rows: asyncpg's {@code fetch}. */
    public List<Record> fetch(String sql, Object... args) throws Exception {
        checkLoop();
        return run(sql, args, true, 0).rows();
    }

    /** The first row, or null if there is none: asyncpg's {@code fetchrow}. */
    public Record fetchRow(String sql, Object... args) throws Exception {
        checkLoop();
        List<Record> rows = run(sql, args, true, 1).rows();
        return rows.isEmpty() ? null : rows.get(0);
    }

    /**
     * The first column of the first row, or null if there is no row: asyncpg's {@code fetchval}.
     * The result is cast to what the caller assigns it to.
     */
    @SuppressWarnings("unchecked")
    public <T> T fetchVal(String sql, Object... args) throws Exception {
        Record r = fetchRow(sql, args);
        return r == null ? null : (T) r.get(0);
    }

    /**
     * Runs one statement once per argument list, pipelined in one round trip, atomically (one Sync
     * at the end: if any fails, none is applied, as asyncpg's {@code executemany} since 0.22).
     */
    public void executeMany(String sql, List<Object[]> argsList) throws Exception {
        checkLoop();
        if (argsList.isEmpty()) {
            return;
        }
        Statement st = statement(sql);
        PgWriter out = protocol.out;
        int mark = out.position();
        try {
            for (Object[] args : argsList) {
                bindExecute(st, args, 0);
            }
        } catch (RuntimeException e) {
            out.truncate(mark);
            throw e;
        }
        Frontend.sync(out);
        await(protocol.submit(new Protocol.QueryExchange(loop, st, false, 0)));
    }

    /**
     * Prepares {@code sql} as a named server-side statement outside the cache: asyncpg's
     * {@code prepare}. Close it with {@link PgPreparedStatement#close()}.
     */
    public PgPreparedStatement prepare(String sql) throws Exception {
        checkLoop();
        Statement st = new Statement(nextStatementName(), sql);
        await(prepareOnServer(st));
        resolve(st);
        return new PgPreparedStatement(this, st);
    }

    Protocol.QueryResult run(String sql, Object[] args, boolean collect, int maxRows) throws Exception {
        Statement st = statement(sql);
        try {
            return runStatement(st, args, collect, maxRows);
        } catch (PostgresError e) {
            if (staleStatement(e) && protocol.transactionStatus == 'I') {
                // the table changed under a cached plan: prepare again once, as asyncpg does
                invalidate(sql, st);
                return runStatement(statement(sql), args, collect, maxRows);
            }
            throw e;
        }
    }

    private static boolean staleStatement(PostgresError e) {
        return "RevalidateCachedQuery".equals(e.serverSourceFunction()) || "26000".equals(e.sqlState());
    }

    Protocol.QueryResult runStatement(Statement st, Object[] args, boolean collect, int maxRows) throws Exception {
        if (st.closed) {
            throw new PgInterfaceError("the prepared statement is closed");
        }
        PgWriter out = protocol.out;
        int mark = out.position();
        try {
            bindExecute(st, args, maxRows);
        } catch (RuntimeException e) {
            out.truncate(mark);
            throw e;
        }
        if (options.statementCacheSize() <= 0 && st.name.startsWith("__a4j_once_")) {
            Frontend.close(out, 'S', st.name);
        }
        Frontend.sync(out);
        return await(protocol.submit(new Protocol.QueryExchange(loop, st, collect, maxRows)));
    }

    private void bindExecute(Statement st, Object[] args, int maxRows) {
        PgWriter out = protocol.out;
        Frontend.bind(out, "", st.name, st.paramFormats, w -> st.encodeParams(w, args), args.length, st.resultFormats);
        Frontend.execute(out, "", maxRows);
    }

    // ------------------------------------------------------------------ COPY

    /**
     * Copies {@code records} into {@code table} with a binary COPY: asyncpg's
     * {@code copy_records_to_table}. Each record holds one value per column of {@code columns}
     * (empty: all columns, in table order), encoded with the columns' binary codecs. The records
     * are read lazily as the data is sent, so an {@link Iterable} that generates them keeps
     * memory flat. Returns the number of rows copied.
     *
     * @param table {@code name} or {@code schema.name} (each part is quoted)
     */
    public long copyRecordsToTable(String table, Iterable<Object[]> records, List<String> columns) throws Exception {
        checkLoop();
        String cols = columns == null || columns.isEmpty() ? "*"
                : String.join(", ", columns.stream().map(PgConnection::quoteIdent).toList());
        Statement st = statement("SELECT " + cols + " FROM " + CopyOps.qualified(table) + " LIMIT 0");
        for (int i = 0; i < st.resultCodecs.length; i++) {
            if (st.resultCodecs[i] == null) {
                throw new PgInterfaceError("column " + st.columnNames[i] + " (type OID " + st.columnOids[i]
                        + ") has no binary codec: use copyToTable with the text or CSV format");
            }
        }
        String sql = "COPY " + CopyOps.target(table, List.of(st.columnNames)) + " FROM STDIN"
                + CopyOps.formatClause(CopyFormat.BINARY);
        return CopyOps.copyIn(this, loop, sql, CopyOps.records(records, st.resultCodecs, st.columnNames));
    }

    /**
     * Copies the data read from {@code source} into {@code table}: asyncpg's {@code copy_to_table}.
     * The stream is read in the calling task (a file stream briefly blocks the loop on each read).
     * Returns the number of rows copied.
     *
     * @param columns the columns the data holds (empty: all)
     */
    public long copyToTable(String table, java.io.InputStream source, List<String> columns, CopyFormat format)
            throws Exception {
        checkLoop();
        return CopyOps.copyIn(this, loop, copyInSql(table, columns, format), CopyOps.stream(source));
    }

    /** {@link #copyToTable(String, java.io.InputStream, List, CopyFormat)} from an asynchronous source. */
    public long copyToTable(String table, CopySource source, List<String> columns, CopyFormat format)
            throws Exception {
        checkLoop();
        return CopyOps.copyIn(this, loop, copyInSql(table, columns, format), CopyOps.source(source));
    }

    private static String copyInSql(String table, List<String> columns, CopyFormat format) {
        return "COPY " + CopyOps.target(table, columns) + " FROM STDIN" + CopyOps.formatClause(format);
    }

    /**
     * Writes the contents of {@code table} to {@code out}: asyncpg's {@code copy_from_table}.
     * Returns the number of rows copied.
     *
     * @param columns the columns to copy (empty: all)
     */
    public long copyFromTable(String table, java.io.OutputStream out, List<String> columns, CopyFormat format)
            throws Exception {
        return copyFromTable(table, CopyOps.sink(out), columns, format);
    }

    /** {@link #copyFromTable(String, java.io.OutputStream, List, CopyFormat)} to an asynchronous sink. */
    public long copyFromTable(String table, CopySink sink, List<String> columns, CopyFormat format)
            throws Exception {
        checkLoop();
        return CopyOps.copyOut(this, loop, "COPY " + CopyOps.target(table, columns) + " TO STDOUT"
                + CopyOps.formatClause(format), sink);
    }

    /**
     * Writes the result of {@code query} (one statement, no parameters) to {@code out}: asyncpg's
     * {@code copy_from_query}. Returns the number of rows copied.
     */
    public long copyFromQuery(String query, java.io.OutputStream out, CopyFormat format) throws Exception {
        return copyFromQuery(query, CopyOps.sink(out), format);
    }

    /** {@link #copyFromQuery(String, java.io.OutputStream, CopyFormat)} to an asynchronous sink. */
    public long copyFromQuery(String query, CopySink sink, CopyFormat format) throws Exception {
        checkLoop();
        return CopyOps.copyOut(this, loop, "COPY (" + query + ") TO STDOUT" + CopyOps.formatClause(format), sink);
    }

    /**
     * The result of {@code query} in text or CSV format, one String per row (without the line
     * end): a convenience over {@link #copyFromQuery(String, CopySink, CopyFormat)}.
     */
    public List<String> copyFromQueryLines(String query, CopyFormat format) throws Exception {
        if (format == CopyFormat.BINARY) {
            throw new IllegalArgumentException("lines need the TEXT or CSV format");
        }
        List<String> lines = new ArrayList<>();
        copyFromQuery(query, b -> {
            String s = java.nio.charset.StandardCharsets.UTF_8.decode(b).toString();
            lines.add(s.endsWith("\n") ? s.substring(0, s.length() - 1) : s);
        }, format);
        return lines;
    }

    // ------------------------------------------------------------------ cursors

    /**
     * A server-side cursor over the rows of {@code sql}: asyncpg's {@code conn.cursor(query, *args)}.
     * Iterate it ({@code for (Record r : conn.cursor(sql, args))}, fetching
     * {@link PgCursorFactory#prefetch(int) prefetch} rows per round trip, 50 by default), or
     * {@link PgCursorFactory#open() open} it for {@code forward}/{@code fetch}/{@code fetchRow}.
     * Cursors live in a transaction: use them inside a {@link #transaction} scope.
     */
    public PgCursorFactory cursor(String sql, Object... args) {
        checkLoop();
        return new PgCursorFactory(this, sql, args);
    }

    String nextPortalName() {
        return "__a4j_cursor_" + (++portalCounter);
    }

    /** Binds {@code portal} and, if {@code fetch > 0}, fetches its first rows; in one round trip. */
    Protocol.QueryResult openPortal(String sql, Object[] args, String portal, int fetch, Statement[] used)
            throws Exception {
        if (!isInTransaction()) {
            throw new PgInterfaceError("a cursor cannot be created outside of a transaction");
        }
        Statement st = statement(sql);
        used[0] = st;
        PgWriter out = protocol.out;
        int mark = out.position();
        try {
            Frontend.bind(out, portal, st.name, st.paramFormats, w -> st.encodeParams(w, args), args.length,
                    st.resultFormats);
        } catch (RuntimeException e) {
            out.truncate(mark);
            throw e;
        }
        if (fetch > 0) {
            Frontend.execute(out, portal, fetch);
        }
        Frontend.sync(out);
        return await(protocol.submit(new Protocol.QueryExchange(loop, st, fetch > 0, 0)));
    }

    /** Fetches up to {@code n} more rows of {@code portal}; the status is null while rows remain. */
    Protocol.QueryResult fetchPortal(Statement st, String portal, int n) throws Exception {
        checkLoop();
        Frontend.execute(protocol.out, portal, n);
        Frontend.sync(protocol.out);
        return await(protocol.submit(new Protocol.QueryExchange(loop, st, true, 0)));
    }

    void closePortal(String portal) throws Exception {
        checkLoop();
        if (protocol.isClosed()) {
            return;
        }
        Frontend.close(protocol.out, 'P', portal);
        Frontend.sync(protocol.out);
        await(protocol.submit(new Protocol.QueryExchange(loop, null, false, 0)));
    }

    // ------------------------------------------------------------------ statements and the cache

    private String nextStatementName() {
        return "__a4j_" + (++statementCounter);
    }

    /** The prepared, resolved statement for {@code sql}: from the cache, or prepared now. */
    private Statement statement(String sql) throws Exception {
        if (protocol.isClosed()) {
            throw new PgConnectionError("the connection is closed", protocol.closedError());
        }
        int max = options.statementCacheSize();
        if (max <= 0) {
            Statement st = new Statement("__a4j_once_" + (++statementCounter), sql);
            await(prepareOnServer(st));
            resolve(st);
            return st;
        }
        CacheEntry e = cache.get(sql);
        if (e == null) {
            Statement st = new Statement(nextStatementName(), sql);
            Future<Statement> f = prepareOnServer(st);
            CacheEntry entry = new CacheEntry(st, f);
            cache.put(sql, entry);
            f.addDoneCallback(done -> {
                if (done.cancelled() || done.exception() != null) {
                    cache.remove(sql, entry);
                }
            });
            evict(max);
            e = entry;
        }
        Statement st = e.prepared().isDone() ? e.prepared().result() : await(Asyncio.shield(e.prepared()));
        if (!st.resolved()) {
            resolve(st);
        }
        return st;
    }

    private void evict(int max) {
        while (cache.size() > max) {
            var it = cache.entrySet().iterator();
            CacheEntry old = it.next().getValue();
            it.remove();
            closeStatement(old.statement());
        }
    }

    private void invalidate(String sql, Statement st) {
        CacheEntry e = cache.get(sql);
        if (e != null && e.statement() == st) {
            cache.remove(sql);
            closeStatement(st);
        }
    }

    void closeStatement(Statement st) {
        if (st.closed || protocol.isClosed()) {
            return;
        }
        st.closed = true;
        Frontend.close(protocol.out, 'S', st.name);
        Frontend.sync(protocol.out);
        protocol.submit(new Protocol.QuietExchange(loop));
    }

    private Future<Statement> prepareOnServer(Statement st) {
        Frontend.parse(protocol.out, st.name, st.sql, new int[0]);
        Frontend.describe(protocol.out, 'S', st.name);
        Frontend.sync(protocol.out);
        return protocol.submit(new Protocol.PrepareExchange(loop, st));
    }

    /** Introspects the statement's unknown types, then picks its codecs. */
    private void resolve(Statement st) throws Exception {
        Set<Integer> unknown = new HashSet<>();
        for (int oid : st.paramOids) {
            if (types.unknown(oid)) {
                unknown.add(oid);
            }
        }
        for (int oid : st.columnOids) {
            if (types.unknown(oid)) {
                unknown.add(oid);
            }
        }
        if (!unknown.isEmpty()) {
            introspect(unknown);
        }
        st.resolve(types);
    }

    private void introspect(Set<Integer> oids) throws Exception {
        List<int[]> arrays = new ArrayList<>();
        Set<Integer> todo = new HashSet<>(oids);
        Set<Integer> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            seen.addAll(todo);
            long[] query = todo.stream().mapToLong(Integer::longValue).toArray();
            Set<Integer> next = new HashSet<>();
            Set<Integer> found = new HashSet<>();
            for (Record r : fetch(INTROSPECT_SQL, query)) {
                int oid = r.getLong(0).intValue();
                found.add(oid);
                String name = r.getString(1);
                String typtype = r.getString(2);
                int elem = r.getLong(3).intValue();
                int base = r.getLong(4).intValue();
                String category = r.getString(5);
                switch (typtype) {
                    case "e" -> types.register(oid, Codecs.TEXT);
                    case "d" -> {
                        types.register(oid, new DomainCodec(types, base));
                        next.add(base);
                    }
                    case "r" -> {
                        int sub = r.getLong(6).intValue();
                        types.register(oid, types.new RangeCodec(sub));
                        next.add(sub);
                    }
                    case "c" -> {
                        @SuppressWarnings("unchecked")
                        List<String> names = (List<String>) r.get(7);
                        @SuppressWarnings("unchecked")
                        List<Long> fieldTypes = (List<Long>) r.get(8);
                        int[] f = fieldTypes.stream().mapToInt(Long::intValue).toArray();
                        types.register(oid, types.new CompositeCodec(name, names, f));
                        for (int x : f) {
                            next.add(x);
                        }
                    }
                    default -> {
                        if ("A".equals(category) && elem != 0) {
                            types.registerArray(oid, elem);
                            arrays.add(new int[] {oid, elem});
                            next.add(elem);
                        } else {
                            types.registerText(oid);
                        }
                    }
                }
            }
            for (int oid : todo) {
                if (!found.contains(oid)) {
                    types.registerText(oid);
                }
            }
            next.removeIf(x -> seen.contains(x) || !types.unknown(x));
            todo = next;
        }
        // an array of a type without a binary codec must be exchanged as text too
        for (int i = arrays.size() - 1; i >= 0; i--) {
            int[] a = arrays.get(i);
            if (types.codec(a[1]) == null) {
                types.registerText(a[0]);
                types.unregister(a[0]);
            }
        }
    }

    /** A domain: its base type's codec, looked up at use. */
    private record DomainCodec(TypeRegistry types, int base) implements PgCodec {
        public Object decode(java.nio.ByteBuffer in) {
            return types.codecOrThrow(base).decode(in);
        }

        public void encode(Object value, PgWriter out) {
            types.codecOrThrow(base).encode(value, out);
        }
    }

    /**
     * Registers a binary codec for the type with OID {@code oid}, replacing any built-in one:
     * asyncpg's {@code set_type_codec}. Affects statements prepared after the call.
     */
    public void setTypeCodec(int oid, PgCodec codec) {
        checkLoop();
        types.register(oid, codec);
        clearStatementCache();
    }

    /** {@link #setTypeCodec(int, PgCodec)} by type name ({@code 'schema.name'} or {@code 'name'}). */
    public void setTypeCodec(String typeName, PgCodec codec) throws Exception {
        Long oid = fetchVal("select $1::text::regtype::oid::int8", typeName);
        setTypeCodec(oid.intValue(), codec);
    }

    /** Closes every cached statement on the server (asyncpg: {@code reload_schema_state}). */
    public void clearStatementCache() {
        for (CacheEntry e : cache.values()) {
            closeStatement(e.statement());
        }
        cache.clear();
    }

    // ------------------------------------------------------------------ transactions

    /** {@link #transaction(TransactionOptions, TransactionBody)} with the session defaults. */
    public <T> T transaction(TransactionBody<T> body) throws Exception {
        return transaction(TransactionOptions.DEFAULTS, body);
    }

    /**
     * Runs {@code body} in a transaction: asyncpg's {@code async with conn.transaction(...)}. The
     * transaction commits if {@code body} returns and rolls back if it throws (also on
     * cancellation), and the exception propagates. Called inside another scope of this connection,
     * it becomes a SAVEPOINT: a failure rolls back to it and the outer transaction goes on.
     */
    public <T> T transaction(TransactionOptions options, TransactionBody<T> body) throws Exception {
        checkLoop();
        boolean nested = transactionDepth > 0;
        String savepoint = null;
        if (nested) {
            if (!options.equals(TransactionOptions.DEFAULTS)) {
                throw new PgInterfaceError("a nested transaction (savepoint) cannot set isolation, read-only or deferrable");
            }
            savepoint = "a4j_savepoint_" + (++savepointCounter);
            execute("SAVEPOINT " + savepoint);
        } else {
            execute(options.beginSql());
        }
        transactionDepth++;
        T result;
        try {
            result = body.run(this);
        } catch (Exception | Error e) {
            transactionDepth--;
            try {
                if (!protocol.isClosed()) {
                    execute(nested ? "ROLLBACK TO SAVEPOINT " + savepoint + "; RELEASE SAVEPOINT " + savepoint : "ROLLBACK");
                }
            } catch (Exception | Error e2) {
                e.addSuppressed(e2);
            }
            throw e;
        }
        transactionDepth--;
        execute(nested ? "RELEASE SAVEPOINT " + savepoint : "COMMIT");
        return result;
    }

    /**
     * Makes a released connection fit for the next borrower ({@link PgPool}): waits for queries
     * still in flight (e.g. abandoned by a cancelled task), rolls back an open transaction, runs
     * {@code resetQuery}, and drops listeners and the local statement cache if the query dropped
     * the server's prepared statements.
     */
    void resetForPool(String resetQuery, boolean dropsStatements) throws Exception {
        checkLoop();
        if (protocol.inFlightCount() > 0) {
            execute(""); // an empty query: its ReadyForQuery comes after theirs
        }
        transactionDepth = 0;
        if (isInTransaction()) {
            execute("ROLLBACK");
        }
        closeSubscriptions();
        if (!listeners.isEmpty()) {
            listeners.clear();
            execute("UNLISTEN *");
        }
        if (resetQuery != null && !resetQuery.isBlank()) {
            execute(resetQuery);
            if (dropsStatements) {
                for (CacheEntry e : cache.values()) {
                    e.statement().closed = true;
                }
                cache.clear();
            }
        }
    }

    /** True between BEGIN and COMMIT/ROLLBACK as of the last ReadyForQuery: asyncpg's {@code is_in_transaction}. */
    public boolean isInTransaction() {
        return protocol.transactionStatus != 'I';
    }

    // ------------------------------------------------------------------ LISTEN / NOTIFY

    /**
     * Calls {@code listener} (on the loop thread) for every notification on {@code channel}; the
     * first listener of a channel issues {@code LISTEN}: asyncpg's {@code add_listener}.
     */
    public void addListener(String channel, Consumer<Notification> listener) throws Exception {
        checkLoop();
        List<Consumer<Notification>> l = listeners.get(channel);
        if (l == null) {
            l = new CopyOnWriteArrayList<>();
            listeners.put(channel, l);
            l.add(listener);
            execute("LISTEN " + quoteIdent(channel));
        } else {
            l.add(listener);
        }
    }

    /** Removes a listener; the last one of a channel issues {@code UNLISTEN}: asyncpg's {@code remove_listener}. */
    public void removeListener(String channel, Consumer<Notification> listener) throws Exception {
        checkLoop();
        List<Consumer<Notification>> l = listeners.get(channel);
        if (l != null && l.remove(listener) && l.isEmpty()) {
            listeners.remove(channel);
            execute("UNLISTEN " + quoteIdent(channel));
        }
    }

    /**
     * Subscribes to {@code channel} ({@code LISTEN}) and returns its notifications as an
     * asynchronous queue: {@code get()} waits for the next one, iterating waits in
     * {@code hasNext()} and ends when the subscription or the connection is closed. Close it to
     * stop listening (the last subscriber or listener of a channel issues {@code UNLISTEN}).
     *
     * <pre>{@code
     * try (PgNotifications jobs = conn.notifications("jobs")) {
     *     for (Notification n : jobs) {
     *         handle(n.payload());
     *     }
     * }
     * }</pre>
     */
    public PgNotifications notifications(String channel) throws Exception {
        checkLoop();
        PgNotifications sub = new PgNotifications(this, channel);
        addListener(channel, sub.listener());
        subscriptions.add(sub);
        return sub;
    }

    void unsubscribe(PgNotifications sub) throws Exception {
        if (subscriptions.remove(sub) && !protocol.isClosed()) {
            removeListener(sub.channel(), sub.listener());
        }
    }

    private void closeSubscriptions() {
        for (PgNotifications s : List.copyOf(subscriptions)) {
            s.shutdown();
        }
        subscriptions.clear();
    }

    /** Calls {@code listener} with every NoticeResponse (warnings, RAISE NOTICE): asyncpg's {@code add_log_listener}. */
    public void addNoticeListener(Consumer<PostgresError> listener) {
        noticeListeners.add(listener);
    }

    private void dispatchNotification(Notification n) {
        List<Consumer<Notification>> l = listeners.get(n.channel());
        if (l != null) {
            for (Consumer<Notification> c : l) {
                try {
                    c.accept(n);
                } catch (RuntimeException e) {
                    loop.callExceptionHandler(Map.of("message", "notification listener failed", "exception", e));
                }
            }
        }
    }

    /** Quotes an SQL identifier. */
    static String quoteIdent(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    // ------------------------------------------------------------------ state and closing

    /** The backend process ID: asyncpg's {@code get_server_pid}. */
    public int getServerPid() {
        return protocol.backendPid;
    }

    /** A server parameter reported by ParameterStatus ({@code server_version}, {@code TimeZone}, ...). */
    public String getServerParameter(String name) {
        return protocol.serverParameters.get(name);
    }

    /** The options this connection was opened with. */
    public ConnectOptions options() {
        return options;
    }

    /** Whether the connection is closed (by {@link #close()} or lost). */
    public boolean isClosed() {
        return protocol.isClosed();
    }

    /** Sends Terminate and closes; queries still in flight fail with {@link PgConnectionError}. */
    @Override
    public void close() {
        protocol.terminate();
    }

    private void checkLoop() {
        if (!loop.inLoop()) {
            throw new IllegalStateException("a PgConnection must be used from tasks of the loop that created it");
        }
    }

    /** Awaits {@code f}; a server or client error is rethrown with the calling task's stack. */
    <T> T await(Future<T> f) throws Exception {
        try {
            return f.await();
        } catch (PgException e) {
            throw rethrowHere(e);
        }
    }

    private static RuntimeException rethrowHere(Throwable t) throws Exception {
        if (t instanceof PgException e) {
            e.fillInStackTrace();
            throw e;
        }
        if (t instanceof Exception e) {
            throw e;
        }
        throw (Error) t;
    }
}
