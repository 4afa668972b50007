package io.asyncio4j.mongo;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.IndexOptions;
import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import io.asyncio4j.sync.Event;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.codecs.pojo.annotations.BsonId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Duplicate keys, cursor exhaustion/abandonment/cancellation, records, and a server going away. */
@Timeout(30)
class CursorsAndErrorsTest {
    static MongoTestServer srv;

    @BeforeAll
    static void start() {
        srv = new MongoTestServer();
    }

    @AfterAll
    static void stop() {
        srv.close();
    }

    /** Whether the server still knows the cursor: a getMore through the official driver says. */
    static boolean cursorAlive(String coll, long id) {
        try {
            srv.sync.getDatabase("cur").runCommand(new Document("getMore", id).append("collection", coll).append("batchSize", 1));
            return true;
        } catch (MongoCommandException e) {
            assertThat(e.getErrorCode()).as(e.getMessage()).isEqualTo(43); // CursorNotFound
            return false;
        }
    }

    static void seed(String coll, int n) {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            docs.add(new Document("_id", i));
        }
        srv.sync.getDatabase("cur").getCollection(coll).insertMany(docs);
    }

    @Test
    void duplicateKeyIsAClearExceptionWithTheKey() throws Exception {
        srv.sync.getDatabase("cur").getCollection("dup").createIndex(new Document("email", 1), new IndexOptions().unique(true));
        srv.sync.getDatabase("cur").getCollection("dup").insertOne(new Document("email", "a@b.c"));
        assertThatThrownBy(() -> srv.sync.getDatabase("cur").getCollection("dup").insertOne(new Document("email", "a@b.c")))
                .isInstanceOf(MongoWriteException.class)
                .satisfies(e -> assertThat(((MongoWriteException) e).getCode()).isEqualTo(11000));
        Asyncio.run(() -> {
            try (AsyncMongoClient client = new AsyncMongoClient(srv.uri)) {
                AsyncCollection<Document> c = client.getDatabase("cur").getCollection("dup");
                DuplicateKeyError e = (DuplicateKeyError) CrudTest.catchIt(() -> c.insertOne(new Document("email", "a@b.c")));
                assertThat(e.code()).isEqualTo(11000);
                assertThat(e.codeName()).isEqualTo("DuplicateKey");
                assertThat(e.keyValue()).isEqualTo(new org.bson.BsonDocument("email", new BsonString("a@b.c")));
                assertThat(e.keyPattern().keySet()).containsExactly("email");
                assertThat(e.getMessage()).contains("a@b.c");
                // _id duplicates too, and through updates (upsert) as well
                c.insertOne(new Document("_id", 7).append("email", "x"));
                DuplicateKeyError e2 = (DuplicateKeyError) CrudTest.catchIt(() -> c.insertOne(new Document("_id", 7)));
                assertThat(e2.keyValue()).isEqualTo(new org.bson.BsonDocument("_id", new BsonInt32(7)));
                // the client goes on working
                assertThat(c.countDocuments(new Document())).isEqualTo(2);
            }
        });
    }

    @Test
    void cursorExhaustionAcrossBatches() throws Exception {
        seed("ex", 11);
        Asyncio.run(() -> {
            try (AsyncMongoClient client = new AsyncMongoClient(srv.uri)) {
                AsyncCursor<Document> cur = client.getDatabase("cur").getCollection("ex")
                        .find(null, new FindOptions().batchSize(3).sort(new Document("_id", 1)));
                assertThat(cur.cursorId()).isNotZero();
                List<Integer> ids = new ArrayList<>();
                Document d;
                while ((d = cur.tryNext()) != null) {
                    ids.add(d.getInteger("_id"));
                }
                assertThat(ids).hasSize(11).isSorted();
                assertThat(cur.cursorId()).isZero();
                assertThat(cur.isExhausted()).isTrue();
                assertThatThrownBy(cur::next).isInstanceOf(java.util.NoSuchElementException.class);
                // limit smaller than the data: the cursor is closed once the limit is reached
                AsyncCursor<Document> lim = client.getDatabase("cur").getCollection("ex")
                        .find(null, new FindOptions().batchSize(2).limit(5));
                assertThat(lim.toList()).hasSize(5);
                assertThat(lim.cursorId()).isZero();
            }
        });
    }

    @Test
    void abandonedCursorIsKilledOnClose() throws Exception {
        seed("ab", 10);
        AtomicLong id = new AtomicLong();
        Asyncio.run(() -> {
            try (AsyncMongoClient client = new AsyncMongoClient(srv.uri)) {
                try (AsyncCursor<Document> cur = client.getDatabase("cur").getCollection("ab")
                        .find(null, new FindOptions().batchSize(2))) {
                    cur.next();
                    id.set(cur.cursorId());
                    assertThat(Asyncio.toThread(() -> cursorAlive("ab", id.get())).await()).isTrue();
                }
                assertThat(Asyncio.toThread(() -> cursorAlive("ab", id.get())).await()).isFalse();
            }
        });
    }

    @Test
    void cancellingTheTaskMidCursorKillsTheCursorAndKeepsThePoolUsable() throws Exception {
        seed("cx", 20);
        AtomicLong id = new AtomicLong();
        Asyncio.run(() -> {
            try (AsyncMongoClient client = new AsyncMongoClient(srv.uri("maxPoolSize=1"))) {
                AsyncCollection<Document> c = client.getDatabase("cur").getCollection("cx");
                Event firstBatchRead = new Event();
                Task<Integer> reader = Asyncio.createTask(() -> {
                    int n = 0;
                    try (AsyncCursor<Document> cur = c.find(null, new FindOptions().batchSize(2))) {
                        id.set(cur.cursorId());
                        cur.next();
                        cur.next();
                        n += 2;
                        firstBatchRead.set();
                        while (cur.hasNext()) { // the getMore in flight is where the cancellation lands
                            cur.next();
                            n++;
                        }
                    }
                    return n;
                });
                firstBatchRead.await();
                reader.cancel();
                assertThatThrownBy(reader::await).isInstanceOf(CancelledError.class);
                assertThat(id.get()).isNotZero();
                assertThat(Asyncio.toThread(() -> cursorAlive("cx", id.get())).await()).isFalse();
                // the single pooled connection is consistent: the next operations work
                assertThat(c.countDocuments(new Document())).isEqualTo(20);
                assertThat(c.find(null, new FindOptions().batchSize(7)).toList()).hasSize(20);
            }
        });
    }

    /** A record stored through the bson record codec. */
    public record Person(@BsonId String id, String name, int age) {
    }

    @Test
    void recordTypedCollections() throws Exception {
        Asyncio.run(() -> {
            try (AsyncMongoClient client = new AsyncMongoClient(srv.uri)) {
                AsyncCollection<Person> people = client.getDatabase("cur").getCollection("people", Person.class);
                people.insertMany(List.of(new Person("p1", "Ann", 31), new Person("p2", "Bob", 25)));
                assertThat(people.findOne(new Document("name", "Bob"))).isEqualTo(new Person("p2", "Bob", 25));
                assertThat(people.find(null, new FindOptions().sort(new Document("age", 1))).toList())
                        .containsExactly(new Person("p2", "Bob", 25), new Person("p1", "Ann", 31));
                people.replaceOne(new Document("_id", "p1"), new Person("p1", "Ann", 32));
                Person after = people.findOneAndUpdate(new Document("_id", "p2"), new Document("$inc", new Document("age", 1)),
                        new FindOneAndOptions().returnDocument(ReturnDocument.AFTER));
                assertThat(after).isEqualTo(new Person("p2", "Bob", 26));
            }
        });
        assertThat(srv.sync.getDatabase("cur").getCollection("people").find(new Document("_id", "p1")).first())
                .isEqualTo(new Document("_id", "p1").append("name", "Ann").append("age", 32));
    }

    @Test
    void serverGoingAwayMidCursorIsAConnectionFailureWithoutHanging() throws Exception {
        MongoTestServer own = new MongoTestServer();
        try {
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                docs.add(new Document("_id", i));
            }
            own.sync.getDatabase("g").getCollection("c").insertMany(docs);
            Asyncio.run(() -> {
                try (AsyncMongoClient client = new AsyncMongoClient(own.uri("serverSelectionTimeoutMS=1000&connectTimeoutMS=1000"))) {
                    AsyncCollection<Document> c = client.getDatabase("g").getCollection("c");
                    AsyncCursor<Document> cur = c.find(null, new FindOptions().batchSize(2));
                    cur.next();
                    cur.next();
                    Asyncio.toThread(() -> {
                        own.server.shutdownNow();
                        return null;
                    }).await();
                    long t0 = System.nanoTime();
                    assertThatThrownBy(cur::next).isInstanceOf(ConnectionFailure.class);
                    Throwable next = CrudTest.catchIt(() -> c.insertOne(new Document("x", 1)));
                    assertThat(next).isInstanceOfAny(ConnectionFailure.class, ServerSelectionTimeoutError.class);
                    assertThat(next).isInstanceOf(MongoError.class);
                    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(10_000);
                }
            });
        } finally {
            own.close();
        }
    }

    @Test
    void commandErrorsCarryCodeAndCodeName() throws Exception {
        Asyncio.run(() -> {
            try (AsyncMongoClient client = new AsyncMongoClient(srv.uri)) {
                OperationFailure f = (OperationFailure) CrudTest.catchIt(() -> client.getDatabase("cur")
                        .runCommand(new Document("getMore", new BsonInt64(123456789L)).append("collection", "nope")));
                assertThat(f.code()).isEqualTo(43);
                assertThat(f).isNotInstanceOf(DuplicateKeyError.class);
            }
        });
    }
}
