package io.asyncio4j.mongo;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.codecs.configuration.CodecRegistry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A MongoDB client on the asyncio4j loop: PyMongo's {@code AsyncMongoClient} (Motor's
 * {@code AsyncIOMotorClient}). Construct it anywhere; it connects lazily on the first operation,
 * which must run inside a task, and is bound to that task's loop from then on. Every operation
 * suspends the calling task (not the loop) until the server answers.
 *
 * <p>It keeps one connection pool per server, monitors the deployment with a {@code hello} task
 * per server (standalone, replica sets with discovery, mongos), selects servers by read preference
 * within the latency window, retries reads (and writes, where the deployment supports retryable
 * writes) once after a network or "not primary" error, and authenticates with SCRAM-SHA-256 or
 * SCRAM-SHA-1. See {@link MongoUri} for the options understood.
 *
 * <pre>{@code
 * Asyncio.run(() -> {
 *     try (AsyncMongoClient client = new AsyncMongoClient("mongodb://localhost:27017")) {
 *         AsyncCollection<Document> coll = client.getDatabase("test").getCollection("test");
 *         InsertOneResult r = coll.insertOne(new Document("key", "value"));
 *         System.out.println("result " + r.insertedId());
 *     }
 * });
 * }</pre>
 */
public final class AsyncMongoClient implements AutoCloseable {
    /** The answer to a command and the server that gave it (cursors send getMore there). */
    record Reply(BsonDocument body, Topology.Server server, ClientSession session) {
    }

    final ClientSettings settings;
    final Topology topology;
    final CodecRegistry codecRegistry;
    private final ArrayDeque<ClientSession> implicitSessions = new ArrayDeque<>();
    private BsonDocument clusterTime;
    private boolean closed;

    /** A client for a {@code mongodb://} URI (see {@link MongoUri}). */
    public AsyncMongoClient(String uri) {
        this(MongoUri.parse(uri), Codecs.DEFAULT_REGISTRY);
    }

    /** A client for a parsed URI, with a codec registry for document classes. */
    public AsyncMongoClient(MongoUri uri, CodecRegistry codecRegistry) {
        this(uri, codecRegistry, new MongoClientOptions());
    }

    /** A client for a URI with options the URI cannot carry (e.g. an {@code SSLContext}). */
    public AsyncMongoClient(String uri, MongoClientOptions options) {
        this(MongoUri.parse(uri), Codecs.DEFAULT_REGISTRY, options);
    }

    /** A client for a parsed URI, a codec registry and options the URI cannot carry. */
    public AsyncMongoClient(MongoUri uri, CodecRegistry codecRegistry, MongoClientOptions options) {
        this.settings = ClientSettings.from(uri, options);
        this.topology = new Topology(settings);
        this.codecRegistry = codecRegistry;
    }

    /** The parsed URI. */
    public MongoUri uri() {
        return settings.uri();
    }

    /** The codec registry used for documents and records. */
    public CodecRegistry codecRegistry() {
        return codecRegistry;
    }

    /** A database (no I/O). */
    public AsyncDatabase getDatabase(String name) {
        return new AsyncDatabase(this, name, settings.uri().readPreference(), settings.uri().readConcern(),
                settings.uri().writeConcern());
    }

    /** The URI's default database (the path), or ConfigurationError when there is none. */
    public AsyncDatabase getDefaultDatabase() {
        if (settings.uri().database() == null) {
            throw new ConfigurationError("No default database name defined or provided.");
        }
        return getDatabase(settings.uri().database());
    }

    /** {@code listDatabases} with {@code nameOnly}. */
    public List<String> listDatabaseNames() throws Exception {
        BsonDocument r = execute("admin", new BsonDocument("listDatabases", new BsonInt32(1))
                .append("nameOnly", BsonBoolean.TRUE), List.of(), ReadPreference.PRIMARY, false, true, null,
                ReadConcern.DEFAULT, WriteConcern.DEFAULT, null).body();
        List<String> names = new ArrayList<>();
        for (BsonValue v : r.getArray("databases", new BsonArray())) {
            names.add(v.asDocument().getString("name").getValue());
        }
        return names;
    }

    /** The full {@code listDatabases} documents. */
    public List<Document> listDatabases() throws Exception {
        BsonDocument r = execute("admin", new BsonDocument("listDatabases", new BsonInt32(1)), List.of(),
                ReadPreference.PRIMARY, false, true, null, ReadConcern.DEFAULT, WriteConcern.DEFAULT, null).body();
        List<Document> out = new ArrayList<>();
        for (BsonValue v : r.getArray("databases", new BsonArray())) {
            out.add(Codecs.toDocument(v.asDocument(), codecRegistry));
        }
        return out;
    }

    /** {@code dropDatabase}. */
    public void dropDatabase(String name) throws Exception {
        getDatabase(name).drop();
    }

    /**
     * Starts an explicit session (PyMongo's {@code start_session}); raises ConfigurationError when
     * the deployment does not support sessions.
     */
    public ClientSession startSession() throws Exception {
        topology.select(ReadPreference.PRIMARY_PREFERRED, false);
        if (topology.description().logicalSessionTimeoutMinutes() == null) {
            throw new ConfigurationError("Sessions are not supported by this MongoDB deployment "
                    + "(its hello reply has no logicalSessionTimeoutMinutes)");
        }
        return new ClientSession(this, false);
    }

    /** A readable summary of the topology as last seen by the monitors. */
    public String topologyDescription() {
        return topology.description().toString();
    }

    /** Closes the pools and stops the monitors (PyMongo's {@code close}). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        topology.close();
    }

    // ------------------------------------------------------------------ the one path every command takes

    /**
     * Runs a command: selects a server, checks a connection out of its pool, adds session,
     * transaction, concern, read preference and cluster-time fields, sends it, and retries once on
     * a retryable error when {@code retryable}. Returns the checked reply ({@code ok: 1}).
     */
    Reply execute(String db, BsonDocument cmd, List<OpMsg.Sequence> seqs, ReadPreference rp, boolean write,
                  boolean retryable, ClientSession session, ReadConcern rc, WriteConcern wc, BsonDocument extra)
            throws Exception {
        if (closed) {
            throw new InvalidOperation("Cannot use AsyncMongoClient after close");
        }
        if (session != null && session.client() != this) {
            throw new InvalidOperation("the session belongs to another client");
        }
        if (session != null && session.ended()) {
            throw new InvalidOperation("Cannot use ended session");
        }
        boolean inTxn = session != null && session.inTransaction();
        if (inTxn) {
            rp = ReadPreference.PRIMARY;
            retryable = false;
        }
        boolean retryReads = settings.uri().retryReads();
        boolean retryWrites = settings.uri().retryWrites();
        Topology.Server server = topology.select(rp, write);
        TopologyDescription td = topology.description();
        boolean sessionsSupported = td.logicalSessionTimeoutMinutes() != null;
        ClientSession implicit = null;
        if (session == null && sessionsSupported && wc.isAcknowledged()) {
            implicit = implicitSessions.isEmpty() ? new ClientSession(this, true) : implicitSessions.pop();
        }
        ClientSession s = session != null ? session : implicit;
        boolean standalone = td.type() == TopologyDescription.Type.SINGLE
                && td.servers().values().stream().allMatch(d -> d.type() == ServerDescription.Type.STANDALONE);
        if (write && retryable && !inTxn) {
            retryable = retryWrites && s != null && !standalone && wc.isAcknowledged() && extra == null;
            if (retryable) {
                s.txnNumber++;
                cmd.put("txnNumber", new BsonInt64(s.txnNumber));
            }
        } else if (!write) {
            retryable = retryable && retryReads && !inTxn;
        }
        if (extra != null) {
            cmd.putAll(extra);
        }
        if (s != null) {
            cmd.put("lsid", s.lsid);
        }
        if (inTxn) {
            cmd.put("txnNumber", new BsonInt64(session.txnNumber));
            cmd.put("autocommit", BsonBoolean.FALSE);
            if (session.state == ClientSession.TxnState.STARTING) {
                cmd.put("startTransaction", BsonBoolean.TRUE);
                if (!session.txnReadConcern.isServerDefault()) {
                    cmd.put("readConcern", session.txnReadConcern.toDocument());
                }
                session.state = ClientSession.TxnState.IN_PROGRESS;
            }
        } else {
            if (!write && rc != null && !rc.isServerDefault()) {
                cmd.put("readConcern", rc.toDocument());
            }
            if (write && wc != null && !wc.isServerDefault() && !cmd.containsKey("writeConcern")) {
                cmd.put("writeConcern", wc.toDocument());
            }
        }
        boolean released = false;
        try {
            for (int attempt = 1; ; attempt++) {
                ServerDescription sd = td.servers().get(server.address);
                if (sd != null) {
                    if (rp.mode() != ReadPreference.Mode.PRIMARY && !write
                            && (sd.type() == ServerDescription.Type.MONGOS || td.type() != TopologyDescription.Type.SINGLE)) {
                        cmd.put("$readPreference", rp.toDocument());
                    } else if (td.type() == TopologyDescription.Type.SINGLE && sd.type() != ServerDescription.Type.MONGOS
                            && sd.type() != ServerDescription.Type.STANDALONE) {
                        cmd.put("$readPreference", ReadPreference.PRIMARY_PREFERRED.toDocument());
                    } else {
                        cmd.remove("$readPreference");
                    }
                }
                if (clusterTime != null && sessionsSupported) {
                    cmd.put("$clusterTime", clusterTime);
                }
                Throwable failure;
                MongoConnection conn = server.pool.checkout(settings.uri().waitQueueTimeout());
                try {
                    BsonDocument body = conn.command(db, cmd, seqs, settings.uri().socketTimeout());
                    gossip(body);
                    if (!Errors.isOk(body)) {
                        int code = body.getNumber("code", new BsonInt32(0)).intValue();
                        if (Errors.NOT_PRIMARY_OR_RECOVERING.contains(code)) {
                            topology.markUnknown(server.address, new OperationFailure("not primary", code, null, body),
                                    false);
                        }
                    }
                    Errors.check(body);
                    if (implicit != null && !body.isDocument("cursor")) {
                        releaseImplicit(implicit);
                        released = true;
                    }
                    return new Reply(body, server, implicit);
                } catch (ConnectionFailure | NetworkTimeout e) {
                    topology.markUnknown(server.address, e, true);
                    failure = e;
                } catch (OperationFailure e) {
                    failure = e;
                } finally {
                    server.pool.checkin(conn);
                }
                if (!retryable || attempt > 1 || !Errors.isRetryable(failure)) {
                    throw (Exception) failure;
                }
                try {
                    server = topology.select(rp, write);
                } catch (ServerSelectionTimeoutError e) {
                    throw (Exception) failure;
                }
                td = topology.description();
            }
        } catch (Throwable t) {
            if (implicit != null && !released) {
                releaseImplicit(implicit);
            }
            throw t;
        }
    }

    void releaseImplicit(ClientSession s) {
        if (s != null && s.implicit && !closed && implicitSessions.size() < 1000) {
            implicitSessions.push(s);
        }
    }

    private void gossip(BsonDocument reply) {
        BsonValue ct = reply.get("$clusterTime");
        if (ct != null && ct.isDocument() && ct.asDocument().isTimestamp("clusterTime")) {
            BsonTimestamp t = ct.asDocument().getTimestamp("clusterTime");
            if (clusterTime == null || clusterTime.getTimestamp("clusterTime").compareTo(t) < 0) {
                clusterTime = ct.asDocument();
            }
        }
    }

    /** Runs {@code cmd} against {@code db} on the primary (used by tests and {@link AsyncDatabase#runCommand}). */
    BsonDocument command(String db, BsonDocument cmd) throws Exception {
        return execute(db, cmd, List.of(), ReadPreference.PRIMARY, false, false, null, ReadConcern.DEFAULT,
                WriteConcern.DEFAULT, null).body();
    }

    @Override
    public String toString() {
        return "AsyncMongoClient[" + settings.uri() + "]";
    }

    static BsonString str(String s) {
        return new BsonString(s);
    }
}
