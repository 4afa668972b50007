package io.asyncio4j.mongo;

import io.asyncio4j.CancelledError;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * A server-side cursor read in the calling task (PyMongo's {@code AsyncCursor} /
 * {@code AsyncCommandCursor}): the first batch comes with {@code find}/{@code aggregate}, further
 * batches with {@code getMore} on the same server. {@link #next()}, {@link #tryNext()},
 * {@link #toList()} and the {@link Iterator} suspend the task while a batch is fetched.
 *
 * <p><b>Cleanup.</b> A cursor read to the end is closed by the server. A cursor abandoned early
 * must be closed: {@link #close()} (or try-with-resources) sends {@code killCursors}. If the
 * task is cancelled while a {@code getMore} is in flight, the cursor kills itself before the
 * {@link CancelledError} propagates; the connection stays usable (the late reply is dropped).
 *
 * <pre>{@code
 * try (AsyncCursor<Document> cursor = coll.find(new Document("i", new Document("$lt", 5)))) {
 *     for (Document d : cursor) {
 *         System.out.println(d);
 *     }
 * }
 * }</pre>
 *
 * @param <T> the document type
 */
public final class AsyncCursor<T> implements Iterable<T>, AutoCloseable {
    private final AsyncMongoClient client;
    private final String db;
    private final String collection;
    private final Topology.Server server;
    private final ClientSession session;
    private final ClientSession implicitSession;
    private final Function<BsonDocument, T> decoder;
    private final Integer batchSize;
    private final int limit;
    private final ArrayDeque<BsonDocument> batch = new ArrayDeque<>();
    private long cursorId;
    private int returned;
    private boolean closed;

    AsyncCursor(AsyncMongoClient client, AsyncMongoClient.Reply reply, ClientSession session, Integer batchSize,
                int limit, Function<BsonDocument, T> decoder) {
        this.client = client;
        this.server = reply.server();
        this.session = session;
        this.implicitSession = reply.session();
        this.decoder = decoder;
        this.batchSize = batchSize;
        this.limit = Math.abs(limit);
        BsonDocument c = reply.body().getDocument("cursor");
        this.cursorId = c.getNumber("id").longValue();
        String ns = c.getString("ns", new BsonString("")).getValue();
        int dot = ns.indexOf('.');
        this.db = dot < 0 ? ns : ns.substring(0, dot);
        this.collection = dot < 0 ? "" : ns.substring(dot + 1);
        addBatch(c.getArray("firstBatch", new BsonArray()));
        if (cursorId == 0) {
            release();
        }
    }

    private void addBatch(BsonArray docs) {
        for (BsonValue v : docs) {
            batch.add(v.asDocument());
        }
    }

    /** The server's cursor id (0 once the server has exhausted it). */
    public long cursorId() {
        return cursorId;
    }

    /** Whether the cursor is closed or exhausted and nothing is buffered. */
    public boolean isExhausted() {
        return batch.isEmpty() && (cursorId == 0 || closed);
    }

    /** Whether another document exists, fetching a batch if needed. */
    public boolean hasNext() throws Exception {
        while (batch.isEmpty()) {
            if (closed || cursorId == 0 || (limit > 0 && returned >= limit)) {
                if (cursorId != 0) {
                    close();
                }
                return false;
            }
            getMore();
        }
        return true;
    }

    /** The next document, or null when the cursor is exhausted (the driver's {@code tryNext}). */
    public T tryNext() throws Exception {
        if (!hasNext()) {
            return null;
        }
        returned++;
        T t = decoder.apply(batch.poll());
        if (limit > 0 && returned >= limit && cursorId != 0) {
            close();
        }
        return t;
    }

    /** The next document; NoSuchElementException when exhausted (Python's {@code StopAsyncIteration}). */
    public T next() throws Exception {
        T t = tryNext();
        if (t == null && isExhausted()) {
            throw new NoSuchElementException("cursor exhausted");
        }
        return t;
    }

    /** Every remaining document (PyMongo's {@code to_list()}). */
    public List<T> toList() throws Exception {
        return toList(Integer.MAX_VALUE);
    }

    /** At most {@code length} more documents (PyMongo's {@code to_list(length)}). */
    public List<T> toList(int length) throws Exception {
        List<T> out = new ArrayList<>();
        while (out.size() < length && hasNext()) {
            out.add(tryNext());
        }
        return out;
    }

    private void getMore() throws Exception {
        BsonDocument cmd = new BsonDocument("getMore", new BsonInt64(cursorId))
                .append("collection", new BsonString(collection));
        int n = batchSize == null ? 0 : batchSize;
        if (limit > 0) {
            int left = limit - returned;
            n = n == 0 ? left : Math.min(n, left);
        }
        if (n > 0) {
            cmd.put("batchSize", new BsonInt32(n));
        }
        BsonDocument reply;
        try {
            reply = onServer(cmd);
        } catch (CancelledError e) {
            close(); // kill the server's cursor before the cancellation propagates
            throw e;
        } catch (Exception e) {
            closed = true;
            release();
            throw e;
        }
        BsonDocument c = reply.getDocument("cursor");
        cursorId = c.getNumber("id").longValue();
        addBatch(c.getArray("nextBatch", new BsonArray()));
        if (cursorId == 0) {
            release();
        }
    }

    private BsonDocument onServer(BsonDocument cmd) throws Exception {
        ClientSession s = session != null ? session : implicitSession;
        if (s != null) {
            cmd.put("lsid", s.lsid);
            if (s.inTransaction()) {
                cmd.put("txnNumber", new BsonInt64(s.txnNumber));
                cmd.put("autocommit", org.bson.BsonBoolean.FALSE);
            }
        }
        MongoConnection conn = server.pool.checkout(client.settings.uri().waitQueueTimeout());
        try {
            BsonDocument r = conn.command(db, cmd, List.of(), client.settings.uri().socketTimeout());
            Errors.check(r);
            return r;
        } catch (ConnectionFailure | NetworkTimeout e) {
            client.topology.markUnknown(server.address, e, true);
            throw e;
        } finally {
            server.pool.checkin(conn);
        }
    }

    private void release() {
        if (implicitSession != null) {
            client.releaseImplicit(implicitSession);
        }
    }

    /** Kills the server cursor if it is still open ({@code killCursors}) and drops buffered documents. */
    @Override
    public void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        batch.clear();
        long id = cursorId;
        cursorId = 0;
        if (id != 0) {
            try {
                onServer(new BsonDocument("killCursors", new BsonString(collection))
                        .append("cursors", new BsonArray(List.of(new BsonInt64(id)))));
            } catch (PyMongoError | io.asyncio4j.TimeoutError e) {
                // best effort, as the drivers do: the server times the cursor out
            } finally {
                release();
            }
        }
    }

    /**
     * An iterator over the remaining documents; {@code hasNext()} suspends the task while a batch
     * is fetched, and rethrows server and network errors unchecked.
     */
    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return AsyncCursor.this.hasNext();
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Exception e) {
                    throw new PyMongoError("cursor failed", e);
                }
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                try {
                    return tryNext();
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Exception e) {
                    throw new PyMongoError("cursor failed", e);
                }
            }
        };
    }

    @Override
    public String toString() {
        return "AsyncCursor[" + db + "." + collection + ", id=" + cursorId + (closed ? ", closed" : "") + "]";
    }
}
