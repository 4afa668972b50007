package io.asyncio4j.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.asyncio4j.Asyncio;
import io.asyncio4j.Coroutine;
import org.bson.BsonInt32;
import org.bson.BsonValue;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every collection operation against mongo-java-server, cross-checked with the official sync driver. */
@Timeout(30)
class CrudTest {
    static MongoTestServer srv;
    static final AtomicInteger COUNTER = new AtomicInteger();

    @BeforeAll
    static void start() {
        srv = new MongoTestServer();
    }

    @AfterAll
    static void stop() {
        srv.close();
    }

    interface Body<T> {
        T run(AsyncCollection<Document> coll) throws Exception;
    }

    /** Runs {@code body} on a fresh collection in a fresh loop; returns the sync view of that collection. */
    static <T> T withColl(String name, Body<T> body) throws Exception {
        return Asyncio.run((Coroutine<T>) () -> {
            try (AsyncMongoClient client = new AsyncMongoClient(srv.uri("serverSelectionTimeoutMS=5000"))) {
                return body.run(client.getDatabase("crud").getCollection(name));
            }
        });
    }

    static MongoCollection<Document> sync(String name) {
        return srv.sync.getDatabase("crud").getCollection(name);
    }

    static String fresh() {
        return "c" + COUNTER.incrementAndGet();
    }

    @Test
    void insertOneAndFindOne() throws Exception {
        String n = fresh();
        BsonValue id = withColl(n, c -> c.insertOne(new Document("key", "value")).insertedId());
        assertThat(id.isObjectId()).isTrue();
        Document viaSync = sync(n).find(Filters.eq("_id", id.asObjectId().getValue())).first();
        assertThat(viaSync).isNotNull();
        assertThat(viaSync.getString("key")).isEqualTo("value");
        Document viaUs = withColl(n, c -> c.findOne(new Document("_id", id)));
        assertThat(viaUs).isEqualTo(viaSync);
    }

    @Test
    void insertManyReturnsIdsInOrder() throws Exception {
        String n = fresh();
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            docs.add(new Document("i", i));
        }
        docs.get(3).put("_id", "three");
        InsertManyResult r = withColl(n, c -> c.insertMany(docs));
        assertThat(r.insertedIds()).hasSize(10);
        assertThat(r.insertedIds().get(3).asString().getValue()).isEqualTo("three");
        assertThat(sync(n).countDocuments()).isEqualTo(10);
        List<Object> syncIds = sync(n).find().sort(Sorts.ascending("i")).map(d -> d.get("_id")).into(new ArrayList<>());
        assertThat(syncIds.get(3)).isEqualTo("three");
        assertThat(syncIds.get(0)).isEqualTo(r.insertedIds().get(0).asObjectId().getValue());
    }

    @Test
    void findWithOptionsMatchesTheOfficialDriver() throws Exception {
        String n = fresh();
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            docs.add(new Document("_id", i).append("i", i).append("odd", i % 2 == 1).append("pad", "x".repeat(i)));
        }
        sync(n).insertMany(docs);
        List<Document> expected = sync(n).find(Filters.eq("odd", true)).projection(Projections.include("i"))
                .sort(Sorts.descending("i")).skip(2).limit(10).batchSize(3).into(new ArrayList<>());
        List<Document> ours = withColl(n, c -> c.find(new Document("odd", true), new FindOptions()
                .projection(new Document("i", 1)).sort(new Document("i", -1)).skip(2).limit(10).batchSize(3)).toList());
        assertThat(ours).isEqualTo(expected).hasSize(10);
        // builders from the official driver are Bson too
        List<Document> all = withColl(n, c -> {
            List<Document> out = new ArrayList<>();
            try (AsyncCursor<Document> cur = c.find(Filters.gte("i", 40), new FindOptions().batchSize(4))) {
                for (Document d : cur) {
                    out.add(d);
                }
                assertThat(cur.isExhausted()).isTrue();
            }
            return out;
        });
        assertThat(all).isEqualTo(sync(n).find(Filters.gte("i", 40)).into(new ArrayList<>())).hasSize(10);
    }

    @Test
    void updatesAndReplace() throws Exception {
        String n = fresh();
        sync(n).insertMany(List.of(new Document("_id", 1).append("x", 1), new Document("_id", 2).append("x", 1),
                new Document("_id", 3).append("x", 2)));
        UpdateResult one = withColl(n, c -> c.updateOne(new Document("x", 1), Updates.set("y", 1)));
        assertThat(one.matchedCount()).isEqualTo(1);
        assertThat(one.modifiedCount()).isEqualTo(1);
        UpdateResult many = withColl(n, c -> c.updateMany(new Document("x", 1), new Document("$inc", new Document("z", 5))));
        assertThat(many.matchedCount()).isEqualTo(2);
        assertThat(many.modifiedCount()).isEqualTo(2);
        UpdateResult ups = withColl(n, c -> c.updateOne(new Document("_id", 9), Updates.set("x", 9), true));
        assertThat(ups.upsertedId()).isEqualTo(new BsonInt32(9));
        assertThat(ups.matchedCount()).isZero();
        UpdateResult rep = withColl(n, c -> c.replaceOne(new Document("_id", 3), new Document("replaced", true)));
        assertThat(rep.matchedCount()).isEqualTo(1);
        assertThat(sync(n).find(Filters.eq("_id", 3)).first()).isEqualTo(new Document("_id", 3).append("replaced", true));
        assertThat(sync(n).countDocuments(Filters.eq("z", 5))).isEqualTo(2);
        assertThat(sync(n).find(Filters.eq("_id", 9)).first()).isEqualTo(new Document("_id", 9).append("x", 9));
        assertThatThrownBy(() -> withColl(n, c -> c.updateOne(new Document(), new Document("x", 1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deletes() throws Exception {
        String n = fresh();
        sync(n).insertMany(List.of(new Document("k", 1), new Document("k", 1), new Document("k", 1), new Document("k", 2)));
        assertThat(withColl(n, c -> c.deleteOne(new Document("k", 1))).deletedCount()).isEqualTo(1);
        assertThat(withColl(n, c -> c.deleteMany(new Document("k", 1))).deletedCount()).isEqualTo(2);
        assertThat(sync(n).countDocuments()).isEqualTo(1);
    }

    @Test
    void findOneAndFamily() throws Exception {
        String n = fresh();
        sync(n).insertMany(List.of(new Document("_id", 1).append("n", 1), new Document("_id", 2).append("n", 5)));
        Document before = withColl(n, c -> c.findOneAndUpdate(new Document("_id", 1), Updates.inc("n", 1)));
        assertThat(before.getInteger("n")).isEqualTo(1);
        Document after = withColl(n, c -> c.findOneAndUpdate(new Document("_id", 1), Updates.inc("n", 1),
                new FindOneAndOptions().returnDocument(ReturnDocument.AFTER)));
        assertThat(after.getInteger("n")).isEqualTo(3);
        Document replacedAfter = withColl(n, c -> c.findOneAndReplace(new Document("_id", 2), new Document("n", 50),
                new FindOneAndOptions().returnDocument(ReturnDocument.AFTER)));
        assertThat(replacedAfter).isEqualTo(new Document("_id", 2).append("n", 50));
        Document upserted = withColl(n, c -> c.findOneAndUpdate(new Document("_id", "ctr"), Updates.inc("n", 1),
                new FindOneAndOptions().upsert(true).returnDocument(ReturnDocument.AFTER)));
        assertThat(upserted).isEqualTo(new Document("_id", "ctr").append("n", 1));
        Document deleted = withColl(n, c -> c.findOneAndDelete(new Document(), new FindOneAndOptions()
                .sort(new Document("n", -1))));
        assertThat(deleted.getInteger("n")).isEqualTo(50);
        assertThat(CrudTest.<Document>withColl(n, c -> c.findOneAndDelete(new Document("_id", "none")))).isNull();
        assertThat(sync(n).find().sort(Sorts.ascending("n")).into(new ArrayList<>()))
                .isEqualTo(withColl(n, c -> c.find(null, new FindOptions().sort(new Document("n", 1))).toList()));
    }

    @Test
    void countsDistinctAggregate() throws Exception {
        String n = fresh();
        for (int i = 0; i < 20; i++) {
            sync(n).insertOne(new Document("i", i).append("g", "g" + (i % 3)));
        }
        assertThat(CrudTest.<Long>withColl(n, c -> c.countDocuments(new Document("g", "g0"))))
                .isEqualTo(sync(n).countDocuments(Filters.eq("g", "g0"))).isEqualTo(7);
        assertThat(CrudTest.<Long>withColl(n, c -> c.countDocuments(new Document(), 5, 10))).isEqualTo(10);
        assertThat(CrudTest.<Long>withColl(n, c -> c.countDocuments(new Document("g", "none")))).isZero();
        assertThat(CrudTest.<Long>withColl(n, AsyncCollection::estimatedDocumentCount)).isEqualTo(sync(n).estimatedDocumentCount());
        List<String> ours = withColl(n, c -> c.distinct("g", new Document(), String.class));
        assertThat(ours).containsExactlyInAnyOrderElementsOf(sync(n).distinct("g", String.class).into(new ArrayList<>()));
        List<Document> pipeline = List.of(new Document("$match", new Document("i", new Document("$gte", 3))),
                new Document("$group", new Document("_id", "$g").append("total", new Document("$sum", "$i"))),
                new Document("$sort", new Document("_id", 1)));
        List<Document> agg = withColl(n, c -> c.aggregate(pipeline, Document.class, 1).toList());
        assertThat(agg).isEqualTo(sync(n).aggregate(pipeline).into(new ArrayList<>())).hasSize(3);
    }

    @Test
    void bulkWriteOrderedAndUnordered() throws Exception {
        String n = fresh();
        BulkWriteResult r = withColl(n, c -> c.bulkWrite(List.of(
                new WriteModel.InsertOne<>(new Document("_id", 1).append("x", 1)),
                new WriteModel.InsertOne<>(new Document("_id", 2).append("x", 1)),
                new WriteModel.UpdateOne<>(new Document("_id", 1), new Document("$set", new Document("x", 2)), false),
                new WriteModel.UpdateMany<>(new Document("x", 1), new Document("$set", new Document("y", 1)), false),
                new WriteModel.ReplaceOne<>(new Document("_id", 3), new Document("r", 1), true),
                new WriteModel.DeleteOne<>(new Document("_id", 2)),
                new WriteModel.InsertOne<>(new Document("_id", 4)),
                new WriteModel.DeleteMany<>(new Document("_id", new Document("$gt", 3))))));
        assertThat(r.insertedCount()).isEqualTo(3);
        assertThat(r.matchedCount()).isEqualTo(2);
        assertThat(r.modifiedCount()).isEqualTo(2);
        assertThat(r.upsertedIds()).containsEntry(4, new BsonInt32(3));
        assertThat(r.deletedCount()).isEqualTo(2);
        assertThat(sync(n).find().sort(Sorts.ascending("_id")).into(new ArrayList<>())).containsExactly(
                new Document("_id", 1).append("x", 2), new Document("_id", 3).append("r", 1));

        // ordered stops at the duplicate; unordered goes on
        String m = fresh();
        BulkWriteError ordered = (BulkWriteError) catchIt(() -> withColl(m, c -> c.insertMany(List.of(
                new Document("_id", 1), new Document("_id", 1), new Document("_id", 2)))));
        assertThat(ordered.writeErrors()).hasSize(1);
        assertThat(ordered.writeErrors().getFirst().getInt32("index").getValue()).isEqualTo(1);
        assertThat(ordered.writeErrors().getFirst().getInt32("code").getValue()).isEqualTo(11000);
        assertThat(sync(m).countDocuments()).isEqualTo(1);
        String u = fresh();
        BulkWriteError unordered = (BulkWriteError) catchIt(() -> withColl(u, c -> c.insertMany(List.of(
                new Document("_id", 1), new Document("_id", 1), new Document("_id", 2)), false)));
        assertThat(unordered.writeErrors()).hasSize(1);
        assertThat(unordered.partialResult().insertedCount()).isEqualTo(2);
        assertThat(sync(u).countDocuments()).isEqualTo(2);
    }

    @Test
    void largeInsertManyIsSplitIntoBatches() throws Exception {
        String n = fresh();
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            docs.add(new Document("i", i));
        }
        assertThat(withColl(n, c -> c.insertMany(docs)).insertedIds()).hasSize(3000);
        assertThat(sync(n).countDocuments()).isEqualTo(3000);
        assertThat(CrudTest.<List<Document>>withColl(n, c -> c.find(null, new FindOptions().batchSize(1000)).toList())).hasSize(3000);
    }

    @Test
    void indexesAndAdmin() throws Exception {
        String n = fresh();
        withColl(n, c -> {
            c.insertOne(new Document("email", "a@b.c"));
            assertThat(c.createIndex(new IndexModel(new Document("email", 1)).unique(true))).isEqualTo("email_1");
            assertThat(c.createIndexes(List.of(new IndexModel(new Document("a", 1).append("b", -1)))))
                    .containsExactly("a_1_b_-1");
            return null;
        });
        List<String> syncNames = sync(n).listIndexes().map(d -> d.getString("name")).into(new ArrayList<>());
        assertThat(syncNames).contains("_id_", "email_1", "a_1_b_-1");
        List<Document> ours = withColl(n, AsyncCollection::listIndexes);
        assertThat(ours.stream().map(d -> d.getString("name")).toList()).containsExactlyInAnyOrderElementsOf(syncNames);
        withColl(n, c -> {
            c.dropIndex("a_1_b_-1");
            return null;
        });
        assertThat(sync(n).listIndexes().map(d -> d.getString("name")).into(new ArrayList<>()))
                .doesNotContain("a_1_b_-1");
        List<String> colls = Asyncio.run((Coroutine<List<String>>) () -> {
            try (AsyncMongoClient client = new AsyncMongoClient(srv.uri)) {
                assertThat(client.listDatabaseNames()).contains("crud");
                assertThat(client.listDatabaseNames()).containsExactlyInAnyOrderElementsOf(
                        srv.sync.listDatabaseNames().into(new ArrayList<>()));
                Document ping = client.getDatabase("admin").runCommand(new Document("ping", 1));
                assertThat(ping.get("ok", Number.class).intValue()).isEqualTo(1);
                return client.getDatabase("crud").listCollectionNames();
            }
        });
        assertThat(colls).containsExactlyInAnyOrderElementsOf(
                srv.sync.getDatabase("crud").listCollectionNames().into(new ArrayList<>()));
        withColl(n, c -> {
            c.drop();
            c.drop(); // dropping twice is fine
            return null;
        });
        assertThat(srv.sync.getDatabase("crud").listCollectionNames().into(new ArrayList<>())).doesNotContain(n);
    }

    @Test
    void runCommandErrorsAreOperationFailures() throws Exception {
        OperationFailure f = (OperationFailure) catchIt(() -> Asyncio.run((Coroutine<Object>) () -> {
            try (AsyncMongoClient client = new AsyncMongoClient(srv.uri)) {
                return client.getDatabase("crud").runCommand(new Document("noSuchCommand", 1));
            }
        }));
        assertThat(f.code()).isNotZero();
        assertThat(f.getMessage()).containsIgnoringCase("noSuchCommand");
    }

    @Test
    void unacknowledgedWrites() throws Exception {
        String n = fresh();
        long count = Asyncio.run((Coroutine<Long>) () -> {
            try (AsyncMongoClient client = new AsyncMongoClient(srv.uri("maxPoolSize=1"))) {
                AsyncCollection<Document> c = client.getDatabase("crud").getCollection(n);
                InsertOneResult r = c.withWriteConcern(WriteConcern.UNACKNOWLEDGED).insertOne(new Document("w", 0));
                assertThat(r.acknowledged()).isFalse();
                assertThat(r.insertedId()).isNotNull();
                // w: 0 is sent as an ordinary OP_MSG whose reply is awaited (mongo-java-server drops
                // the connection on moreToCome); the reply carries no write outcome
                return c.countDocuments(new Document("w", 0));
            }
        });
        assertThat(count).isEqualTo(1);
        assertThat(sync(n).countDocuments()).isEqualTo(1);
    }

    interface Thrower {
        void run() throws Exception;
    }

    static Throwable catchIt(Thrower t) {
        try {
            t.run();
        } catch (Throwable e) {
            return e;
        }
        throw new AssertionError("expected an exception");
    }
}
