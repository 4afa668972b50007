package io.asyncio4j.mongo;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.Codec;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A collection (PyMongo's {@code AsyncCollection}, Motor's {@code AsyncIOMotorCollection}) of
 * documents decoded as {@code T} ({@link Document} by default, or a record/POJO through the
 * client's codec registry). Every method suspends the calling task until the server answers.
 * Filters, updates, sorts and projections are {@link Bson} ({@code Document}, {@code BsonDocument},
 * or the driver's builders when they are on the class path).
 *
 * <p>Writes use OP_MSG document sequences ({@code documents}, {@code updates}, {@code deletes}),
 * split into batches of at most {@code maxWriteBatchSize} documents and ~{@code 32 MB}.
 * PyMongo's {@code session=} keyword is {@link #withSession(ClientSession)} here.
 *
 * <pre>{@code
 * AsyncCollection<Document> coll = client.getDatabase("test_database").getCollection("test_collection");
 * InsertOneResult r = coll.insertOne(new Document("key", "value"));
 * Document d = coll.findOne(new Document("_id", r.insertedId()));
 * record Person(String name, int age) {}
 * AsyncCollection<Person> people = db.getCollection("people", Person.class);
 * }</pre>
 *
 * @param <T> the document type
 */
public final class AsyncCollection<T> {
    private static final int MAX_BATCH_BYTES = 32 * 1024 * 1024;

    private final AsyncDatabase database;
    private final AsyncMongoClient client;
    private final String name;
    private final Class<T> type;
    private final Codec<T> codec;
    private final CodecRegistry registry;
    private final ReadPreference readPreference;
    private final ReadConcern readConcern;
    private final WriteConcern writeConcern;
    private final ClientSession session;

    AsyncCollection(AsyncDatabase database, String name, Class<T> type, ReadPreference rp, ReadConcern rc,
                    WriteConcern wc, ClientSession session) {
        if (name.isEmpty() || name.contains("$") || name.startsWith(".") || name.endsWith(".")) {
            throw new IllegalArgumentException("invalid collection name '" + name + "'");
        }
        this.database = database;
        this.client = database.client;
        this.name = name;
        this.type = type;
        this.registry = client.codecRegistry;
        this.codec = registry.get(type);
        this.readPreference = rp;
        this.readConcern = rc;
        this.writeConcern = wc;
        this.session = session;
    }

    /** The collection name. */
    public String name() {
        return name;
    }

    /** {@code db.collection}. */
    public String fullName() {
        return database.name() + "." + name;
    }

    /** The database. */
    public AsyncDatabase database() {
        return database;
    }

    /** The document class. */
    public Class<T> documentClass() {
        return type;
    }

    /** The same collection decoding documents as {@code other}. */
    public <R> AsyncCollection<R> withDocumentClass(Class<R> other) {
        return new AsyncCollection<>(database, name, other, readPreference, readConcern, writeConcern, session);
    }

    /** A copy with another read preference. */
    public AsyncCollection<T> withReadPreference(ReadPreference rp) {
        return new AsyncCollection<>(database, name, type, rp, readConcern, writeConcern, session);
    }

    /** A copy with another read concern. */
    public AsyncCollection<T> withReadConcern(ReadConcern rc) {
        return new AsyncCollection<>(database, name, type, readPreference, rc, writeConcern, session);
    }

    /** A copy with another write concern. */
    public AsyncCollection<T> withWriteConcern(WriteConcern wc) {
        return new AsyncCollection<>(database, name, type, readPreference, readConcern, wc, session);
    }

    /** A copy whose operations run in {@code session} (PyMongo's {@code session=} argument). */
    public AsyncCollection<T> withSession(ClientSession session) {
        return new AsyncCollection<>(database, name, type, readPreference, readConcern, writeConcern, session);
    }

    private BsonDocument bson(Bson b) {
        return b == null ? new BsonDocument() : Codecs.toBson(b, registry);
    }

    private T decode(BsonDocument d) {
        return Codecs.decode(d, type, registry);
    }

    private AsyncMongoClient.Reply read(BsonDocument cmd) throws Exception {
        return client.execute(database.name(), cmd, List.of(), readPreference, false, true, session, readConcern,
                WriteConcern.DEFAULT, null);
    }

    private BsonDocument write(BsonDocument cmd, List<OpMsg.Sequence> seqs, boolean retryable) throws Exception {
        return client.execute(database.name(), cmd, seqs, ReadPreference.PRIMARY, true, retryable, session,
                ReadConcern.DEFAULT, writeConcern, null).body();
    }

    // ------------------------------------------------------------------ inserts

    /** Inserts a document, adding an ObjectId {@code _id} when it has none. */
    public InsertOneResult insertOne(T document) throws Exception {
        Codecs.Encoded e = Codecs.encodeForInsert(document, codec);
        BsonDocument cmd = new BsonDocument("insert", new BsonString(name)).append("ordered", BsonBoolean.TRUE);
        BsonDocument r = write(cmd, List.of(new OpMsg.Sequence("documents", List.of(e.document()))), true);
        Errors.checkWrite(r);
        return new InsertOneResult(e.id(), writeConcern.isAcknowledged());
    }

    /** Inserts documents in order, stopping at the first error. */
    public InsertManyResult insertMany(List<? extends T> documents) throws Exception {
        return insertMany(documents, true);
    }

    /** Inserts documents; {@code ordered=false} goes on after errors. Failures raise {@link BulkWriteError}. */
    public InsertManyResult insertMany(List<? extends T> documents, boolean ordered) throws Exception {
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("documents must be a non-empty list");
        }
        List<WriteModel<T>> models = new ArrayList<>(documents.size());
        for (T d : documents) {
            models.add(new WriteModel.InsertOne<>(d));
        }
        BulkWriteResult r = bulkWrite(models, ordered);
        return new InsertManyResult(List.copyOf(r.insertedIds().values()), r.acknowledged());
    }

    // ------------------------------------------------------------------ updates and deletes

    /** Updates the first matching document. */
    public UpdateResult updateOne(Bson filter, Bson update) throws Exception {
        return updateOne(filter, update, false);
    }

    /** Updates the first matching document, inserting one when none matches and {@code upsert}. */
    public UpdateResult updateOne(Bson filter, Bson update, boolean upsert) throws Exception {
        return update(bson(filter), updateDoc(update), upsert, false);
    }

    /** Updates every matching document. */
    public UpdateResult updateMany(Bson filter, Bson update) throws Exception {
        return updateMany(filter, update, false);
    }

    /** Updates every matching document, with upsert. */
    public UpdateResult updateMany(Bson filter, Bson update, boolean upsert) throws Exception {
        return update(bson(filter), updateDoc(update), upsert, true);
    }

    /** Replaces the first matching document. */
    public UpdateResult replaceOne(Bson filter, T replacement) throws Exception {
        return replaceOne(filter, replacement, false);
    }

    /** Replaces the first matching document, with upsert. */
    public UpdateResult replaceOne(Bson filter, T replacement, boolean upsert) throws Exception {
        return update(bson(filter), replacementDoc(replacement), upsert, false);
    }

    private BsonValue updateDoc(Bson update) {
        BsonDocument u = bson(update);
        if (u.isEmpty() || !u.getFirstKey().startsWith("$")) {
            throw new IllegalArgumentException("update must contain only $-operators (use replaceOne to replace)");
        }
        return u;
    }

    private BsonDocument replacementDoc(T replacement) {
        BsonDocument r = new RawBsonDocument(replacement, codec);
        if (!r.isEmpty() && r.getFirstKey().startsWith("$")) {
            throw new IllegalArgumentException("replacement must not contain $-operators");
        }
        return r;
    }

    private UpdateResult update(BsonDocument filter, BsonValue u, boolean upsert, boolean multi) throws Exception {
        BsonDocument stmt = new BsonDocument("q", filter).append("u", u).append("upsert", BsonBoolean.valueOf(upsert))
                .append("multi", BsonBoolean.valueOf(multi));
        BsonDocument cmd = new BsonDocument("update", new BsonString(name)).append("ordered", BsonBoolean.TRUE);
        BsonDocument r = write(cmd, List.of(new OpMsg.Sequence("updates", List.of(raw(stmt)))), !multi);
        Errors.checkWrite(r);
        long n = r.getNumber("n", new BsonInt32(0)).longValue();
        BsonValue upserted = null;
        if (r.isArray("upserted") && !r.getArray("upserted").isEmpty()) {
            upserted = r.getArray("upserted").get(0).asDocument().get("_id");
            n -= 1;
        }
        return new UpdateResult(n, r.getNumber("nModified", new BsonInt32(0)).longValue(), upserted,
                writeConcern.isAcknowledged());
    }

    /** Deletes the first matching document. */
    public DeleteResult deleteOne(Bson filter) throws Exception {
        return delete(bson(filter), 1);
    }

    /** Deletes every matching document. */
    public DeleteResult deleteMany(Bson filter) throws Exception {
        return delete(bson(filter), 0);
    }

    private DeleteResult delete(BsonDocument filter, int limit) throws Exception {
        BsonDocument stmt = new BsonDocument("q", filter).append("limit", new BsonInt32(limit));
        BsonDocument cmd = new BsonDocument("delete", new BsonString(name)).append("ordered", BsonBoolean.TRUE);
        BsonDocument r = write(cmd, List.of(new OpMsg.Sequence("deletes", List.of(raw(stmt)))), limit == 1);
        Errors.checkWrite(r);
        return new DeleteResult(r.getNumber("n", new BsonInt32(0)).longValue(), writeConcern.isAcknowledged());
    }

    private static RawBsonDocument raw(BsonDocument d) {
        return d instanceof RawBsonDocument r ? r : new RawBsonDocument(d, new BsonDocumentCodec());
    }

    // ------------------------------------------------------------------ bulk

    /** Ordered {@link #bulkWrite(List, boolean)}. */
    public BulkWriteResult bulkWrite(List<? extends WriteModel<T>> requests) throws Exception {
        return bulkWrite(requests, true);
    }

    /**
     * Runs inserts, updates, replacements and deletes in as few commands as possible: ordered
     * runs consecutive operations of one kind together and stops at the first error; unordered
     * groups all operations of a kind and goes on after errors. Errors raise {@link BulkWriteError}
     * with each failed operation's index in {@code requests}.
     */
    public BulkWriteResult bulkWrite(List<? extends WriteModel<T>> requests, boolean ordered) throws Exception {
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("requests must be a non-empty list");
        }
        // 1. encode every request, remembering its kind and index
        record Op(String kind, int index, RawBsonDocument doc, BsonValue id, boolean multi) {
        }
        List<Op> ops = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            WriteModel<T> m = requests.get(i);
            switch (m) {
                case WriteModel.InsertOne<T> ins -> {
                    Codecs.Encoded e = Codecs.encodeForInsert(ins.document(), codec);
                    ops.add(new Op("insert", i, e.document(), e.id(), false));
                }
                case WriteModel.UpdateOne<T> u -> ops.add(new Op("update", i, raw(new BsonDocument("q", bson(u.filter()))
                        .append("u", updateDoc(u.update())).append("upsert", BsonBoolean.valueOf(u.upsert()))
                        .append("multi", BsonBoolean.FALSE)), null, false));
                case WriteModel.UpdateMany<T> u -> ops.add(new Op("update", i, raw(new BsonDocument("q", bson(u.filter()))
                        .append("u", updateDoc(u.update())).append("upsert", BsonBoolean.valueOf(u.upsert()))
                        .append("multi", BsonBoolean.TRUE)), null, true));
                case WriteModel.ReplaceOne<T> r -> ops.add(new Op("update", i, raw(new BsonDocument("q", bson(r.filter()))
                        .append("u", replacementDoc(r.replacement())).append("upsert", BsonBoolean.valueOf(r.upsert()))
                        .append("multi", BsonBoolean.FALSE)), null, false));
                case WriteModel.DeleteOne<T> d -> ops.add(new Op("delete", i, raw(new BsonDocument("q", bson(d.filter()))
                        .append("limit", new BsonInt32(1))), null, false));
                case WriteModel.DeleteMany<T> d -> ops.add(new Op("delete", i, raw(new BsonDocument("q", bson(d.filter()))
                        .append("limit", new BsonInt32(0))), null, true));
            }
        }
        // 2. group into runs
        List<List<Op>> runs = new ArrayList<>();
        if (ordered) {
            List<Op> cur = null;
            for (Op op : ops) {
                if (cur == null || !cur.getFirst().kind().equals(op.kind())) {
                    cur = new ArrayList<>();
                    runs.add(cur);
                }
                cur.add(op);
            }
        } else {
            for (String kind : List.of("insert", "update", "delete")) {
                List<Op> run = ops.stream().filter(o -> o.kind().equals(kind)).toList();
                if (!run.isEmpty()) {
                    runs.add(run);
                }
            }
        }
        // 3. split runs into batches and send
        long inserted = 0, matched = 0, modified = 0, deleted = 0, upsertedCount = 0;
        Map<Integer, BsonValue> upsertedIds = new LinkedHashMap<>();
        Map<Integer, BsonValue> insertedIds = new LinkedHashMap<>();
        List<BsonDocument> writeErrors = new ArrayList<>();
        BsonDocument writeConcernError = null;
        outer:
        for (List<Op> run : runs) {
            int start = 0;
            while (start < run.size()) {
                int end = start;
                long bytes = 0;
                while (end < run.size() && end - start < 100_000
                        && (end == start || bytes + run.get(end).doc().getByteBuffer().remaining() < MAX_BATCH_BYTES)) {
                    bytes += run.get(end).doc().getByteBuffer().remaining();
                    end++;
                }
                List<Op> batch = run.subList(start, end);
                start = end;
                String kind = batch.getFirst().kind();
                String seqName = switch (kind) {
                    case "insert" -> "documents";
                    case "update" -> "updates";
                    default -> "deletes";
                };
                boolean retryable = batch.stream().noneMatch(Op::multi);
                BsonDocument cmd = new BsonDocument(kind, new BsonString(name)).append("ordered", BsonBoolean.valueOf(ordered));
                List<RawBsonDocument> docs = batch.stream().map(Op::doc).toList();
                BsonDocument r = write(cmd, List.of(new OpMsg.Sequence(seqName, docs)), retryable);
                long n = r.getNumber("n", new BsonInt32(0)).longValue();
                java.util.Set<Integer> failed = new java.util.HashSet<>();
                if (r.isArray("writeErrors")) {
                    for (BsonValue v : r.getArray("writeErrors")) {
                        BsonDocument we = new BsonDocument();
                        we.putAll(v.asDocument());
                        int local = we.getNumber("index").intValue();
                        failed.add(local);
                        we.put("index", new BsonInt32(batch.get(local).index()));
                        we.put("op", batch.get(local).doc());
                        writeErrors.add(we);
                    }
                }
                if (r.isDocument("writeConcernError")) {
                    writeConcernError = r.getDocument("writeConcernError");
                }
                switch (kind) {
                    case "insert" -> {
                        // counted from the write errors, not n: mongo-java-server reports n including failed inserts
                        int lastOk = ordered && !failed.isEmpty() ? failed.stream().min(Integer::compare).get() : batch.size();
                        for (int i = 0; i < batch.size(); i++) {
                            if (!failed.contains(i) && i < lastOk) {
                                insertedIds.put(batch.get(i).index(), batch.get(i).id());
                                inserted++;
                            }
                        }
                    }
                    case "update" -> {
                        int ups = 0;
                        if (r.isArray("upserted")) {
                            for (BsonValue v : r.getArray("upserted")) {
                                BsonDocument u = v.asDocument();
                                upsertedIds.put(batch.get(u.getNumber("index").intValue()).index(), u.get("_id"));
                                ups++;
                            }
                        }
                        upsertedCount += ups;
                        matched += n - ups;
                        modified += r.getNumber("nModified", new BsonInt32(0)).longValue();
                    }
                    default -> deleted += n;
                }
                if (ordered && !failed.isEmpty()) {
                    break outer;
                }
            }
        }
        BulkWriteResult result = new BulkWriteResult(inserted, matched, modified, deleted, upsertedCount,
                upsertedIds, insertedIds, writeConcern.isAcknowledged());
        if (!writeErrors.isEmpty()) {
            if (writeErrors.size() == 1 && requests.size() == 1) {
                BsonDocument we = writeErrors.getFirst();
                int code = we.getNumber("code", new BsonInt32(0)).intValue();
                if (code == 11000 || code == 11001 || code == 12582) {
                    throw Errors.duplicateKey(we.getString("errmsg", new BsonString("")).getValue(), code, we);
                }
            }
            throw new BulkWriteError(writeErrors, result);
        }
        if (writeConcernError != null) {
            Errors.checkWriteConcern(new BsonDocument("writeConcernError", writeConcernError));
        }
        return result;
    }

    // ------------------------------------------------------------------ reads

    /** Every document. */
    public AsyncCursor<T> find() throws Exception {
        return find(null, new FindOptions());
    }

    /** The documents matching {@code filter}. */
    public AsyncCursor<T> find(Bson filter) throws Exception {
        return find(filter, new FindOptions());
    }

    /** The documents matching {@code filter}, with projection, sort, skip, limit, batch size. */
    public AsyncCursor<T> find(Bson filter, FindOptions o) throws Exception {
        return find(filter, o, type);
    }

    /** {@link #find(Bson, FindOptions)} decoding as another class (useful with projections). */
    public <R> AsyncCursor<R> find(Bson filter, FindOptions o, Class<R> resultType) throws Exception {
        BsonDocument cmd = new BsonDocument("find", new BsonString(name)).append("filter", bson(filter));
        if (o.sort != null) {
            cmd.put("sort", bson(o.sort));
        }
        if (o.projection != null) {
            cmd.put("projection", bson(o.projection));
        }
        if (o.hint != null) {
            cmd.put("hint", bson(o.hint));
        }
        if (o.skip > 0) {
            cmd.put("skip", new BsonInt64(o.skip));
        }
        if (o.limit != 0) {
            cmd.put("limit", new BsonInt64(Math.abs(o.limit)));
            if (o.limit < 0) {
                cmd.put("singleBatch", BsonBoolean.TRUE);
            }
        }
        Integer first = o.batchSize;
        if (o.limit > 0 && first != null && first > o.limit) {
            first = o.limit;
        }
        if (first != null) {
            cmd.put("batchSize", new BsonInt32(first));
        }
        if (o.maxTime != null) {
            cmd.put("maxTimeMS", new BsonInt64(o.maxTime.toMillis()));
        }
        if (o.comment != null) {
            cmd.put("comment", new BsonString(o.comment));
        }
        AsyncMongoClient.Reply r = read(cmd);
        return new AsyncCursor<>(client, r, session, o.batchSize, o.limit, d -> Codecs.decode(d, resultType, registry));
    }

    /** The first document, or null. */
    public T findOne() throws Exception {
        return findOne(null, new FindOptions());
    }

    /** The first document matching {@code filter}, or null. */
    public T findOne(Bson filter) throws Exception {
        return findOne(filter, new FindOptions());
    }

    /** The first document matching {@code filter} with the options (limit is forced to 1), or null. */
    public T findOne(Bson filter, FindOptions o) throws Exception {
        FindOptions one = new FindOptions().projection(o.projection).sort(o.sort).skip(o.skip).limit(-1);
        one.hint = o.hint;
        one.maxTime = o.maxTime;
        try (AsyncCursor<T> c = find(filter, one)) {
            return c.tryNext();
        }
    }

    /** Runs an aggregation pipeline; documents decoded as {@code T}. */
    public AsyncCursor<T> aggregate(List<? extends Bson> pipeline) throws Exception {
        return aggregate(pipeline, type);
    }

    /** Runs an aggregation pipeline, decoding results as {@code resultType}. */
    public <R> AsyncCursor<R> aggregate(List<? extends Bson> pipeline, Class<R> resultType) throws Exception {
        return aggregate(pipeline, resultType, null);
    }

    /** Runs an aggregation pipeline with a cursor batch size. */
    public <R> AsyncCursor<R> aggregate(List<? extends Bson> pipeline, Class<R> resultType, Integer batchSize)
            throws Exception {
        BsonArray stages = new BsonArray();
        boolean writes = false;
        for (Bson b : pipeline) {
            BsonDocument s = bson(b);
            writes |= s.containsKey("$out") || s.containsKey("$merge");
            stages.add(s);
        }
        BsonDocument cursor = batchSize == null ? new BsonDocument() : new BsonDocument("batchSize", new BsonInt32(batchSize));
        BsonDocument cmd = new BsonDocument("aggregate", new BsonString(name)).append("pipeline", stages)
                .append("cursor", cursor);
        AsyncMongoClient.Reply r = writes
                ? client.execute(database.name(), cmd, List.of(), ReadPreference.PRIMARY, true, false, session,
                        ReadConcern.DEFAULT, writeConcern, null)
                : read(cmd);
        return new AsyncCursor<>(client, r, session, batchSize, 0, d -> Codecs.decode(d, resultType, registry));
    }

    /** The number of documents matching {@code filter} (an aggregation, exact). */
    public long countDocuments(Bson filter) throws Exception {
        return countDocuments(filter, 0, 0);
    }

    /** The number of matching documents after {@code skip}, at most {@code limit} (0: none). */
    public long countDocuments(Bson filter, int skip, int limit) throws Exception {
        List<Bson> pipeline = new ArrayList<>();
        pipeline.add(new BsonDocument("$match", bson(filter)));
        if (skip > 0) {
            pipeline.add(new BsonDocument("$skip", new BsonInt64(skip)));
        }
        if (limit > 0) {
            pipeline.add(new BsonDocument("$limit", new BsonInt64(limit)));
        }
        pipeline.add(new BsonDocument("$group", new BsonDocument("_id", new BsonInt32(1))
                .append("n", new BsonDocument("$sum", new BsonInt32(1)))));
        try (AsyncCursor<BsonDocument> c = aggregate(pipeline, BsonDocument.class)) {
            BsonDocument d = c.tryNext();
            return d == null ? 0 : d.getNumber("n").longValue();
        }
    }

    /** The collection's document count from its metadata ({@code count} without a filter). */
    public long estimatedDocumentCount() throws Exception {
        BsonDocument r = read(new BsonDocument("count", new BsonString(name))).body();
        return r.getNumber("n", new BsonInt32(0)).longValue();
    }

    /** The distinct values of {@code field} among the documents matching {@code filter}. */
    public List<Object> distinct(String field, Bson filter) throws Exception {
        return distinct(field, filter, Object.class);
    }

    /** The distinct values of {@code field}, as {@code valueType}. */
    public <R> List<R> distinct(String field, Bson filter, Class<R> valueType) throws Exception {
        BsonDocument cmd = new BsonDocument("distinct", new BsonString(name)).append("key", new BsonString(field))
                .append("query", bson(filter));
        BsonDocument r = read(cmd).body();
        Document d = Codecs.toDocument(new BsonDocument("values", r.getArray("values", new BsonArray())), registry);
        return d.getList("values", valueType);
    }

    // ------------------------------------------------------------------ findAndModify

    /** Updates one document and returns it (before by default). */
    public T findOneAndUpdate(Bson filter, Bson update) throws Exception {
        return findOneAndUpdate(filter, update, new FindOneAndOptions());
    }

    /** Updates one document and returns it before or after, per the options. */
    public T findOneAndUpdate(Bson filter, Bson update, FindOneAndOptions o) throws Exception {
        return findAndModify(filter, updateDoc(update), false, o);
    }

    /** Replaces one document and returns it (before by default). */
    public T findOneAndReplace(Bson filter, T replacement) throws Exception {
        return findOneAndReplace(filter, replacement, new FindOneAndOptions());
    }

    /** Replaces one document and returns it before or after, per the options. */
    public T findOneAndReplace(Bson filter, T replacement, FindOneAndOptions o) throws Exception {
        return findAndModify(filter, replacementDoc(replacement), false, o);
    }

    /** Deletes one document and returns it. */
    public T findOneAndDelete(Bson filter) throws Exception {
        return findOneAndDelete(filter, new FindOneAndOptions());
    }

    /** Deletes one document (the first by the options' sort) and returns it. */
    public T findOneAndDelete(Bson filter, FindOneAndOptions o) throws Exception {
        return findAndModify(filter, null, true, o);
    }

    private T findAndModify(Bson filter, BsonValue update, boolean remove, FindOneAndOptions o) throws Exception {
        BsonDocument cmd = new BsonDocument("findAndModify", new BsonString(name)).append("query", bson(filter));
        if (o.sort != null) {
            cmd.put("sort", bson(o.sort));
        }
        if (o.projection != null) {
            cmd.put("fields", bson(o.projection));
        }
        if (remove) {
            cmd.put("remove", BsonBoolean.TRUE);
        } else {
            cmd.put("update", update);
            cmd.put("new", BsonBoolean.valueOf(o.returnDocument == ReturnDocument.AFTER));
            if (o.upsert) {
                cmd.put("upsert", BsonBoolean.TRUE);
            }
        }
        BsonDocument r = write(cmd, List.of(), true);
        Errors.checkWrite(r);
        BsonValue v = r.get("value");
        return v == null || v.isNull() ? null : decode(v.asDocument());
    }

    // ------------------------------------------------------------------ indexes and admin

    /** Creates an index on {@code keys} and returns its name. */
    public String createIndex(Bson keys) throws Exception {
        return createIndex(new IndexModel(keys));
    }

    /** Creates an index and returns its name. */
    public String createIndex(IndexModel index) throws Exception {
        return createIndexes(List.of(index)).getFirst();
    }

    /** Creates indexes in one command and returns their names. */
    public List<String> createIndexes(List<IndexModel> indexes) throws Exception {
        BsonArray specs = new BsonArray();
        List<String> names = new ArrayList<>();
        for (IndexModel m : indexes) {
            BsonDocument d = m.toDocument(registry);
            specs.add(d);
            names.add(d.getString("name").getValue());
        }
        write(new BsonDocument("createIndexes", new BsonString(name)).append("indexes", specs), List.of(), false);
        return names;
    }

    /** The index documents ({@code listIndexes}). */
    public List<Document> listIndexes() throws Exception {
        BsonDocument cmd = new BsonDocument("listIndexes", new BsonString(name)).append("cursor", new BsonDocument());
        AsyncMongoClient.Reply r;
        try {
            r = read(cmd);
        } catch (OperationFailure e) {
            if (e.code() == 26) {
                return List.of(); // NamespaceNotFound
            }
            throw e;
        }
        try (AsyncCursor<Document> c = new AsyncCursor<>(client, r, session, null, 0, d -> Codecs.toDocument(d, registry))) {
            return c.toList();
        }
    }

    /** Drops an index by name. */
    public void dropIndex(String indexName) throws Exception {
        write(new BsonDocument("dropIndexes", new BsonString(name)).append("index", new BsonString(indexName)),
                List.of(), false);
    }

    /** Drops an index by its keys. */
    public void dropIndex(Bson keys) throws Exception {
        write(new BsonDocument("dropIndexes", new BsonString(name)).append("index", bson(keys)), List.of(), false);
    }

    /** Drops every index but {@code _id_}. */
    public void dropIndexes() throws Exception {
        write(new BsonDocument("dropIndexes", new BsonString(name)).append("index", new BsonString("*")), List.of(), false);
    }

    /** Drops the collection; dropping a collection that does not exist is not an error. */
    public void drop() throws Exception {
        try {
            write(new BsonDocument("drop", new BsonString(name)), List.of(), false);
        } catch (OperationFailure e) {
            if (e.code() != 26 && !String.valueOf(e.getMessage()).contains("ns not found")) {
                throw e;
            }
        }
    }

    @Override
    public String toString() {
        return "AsyncCollection[" + fullName() + ", " + type.getSimpleName() + "]";
    }
}
