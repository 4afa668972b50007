package io.asyncio4j.mongo;

import io.asyncio4j.Asyncio;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions, transactions, retryable reads and writes, against {@link FakeMongoServer} posing as
 * a one-member replica set primary that reports {@code logicalSessionTimeoutMinutes}
 * (mongo-java-server has no sessions). The fake records every command so the fields the client
 * sends can be checked against the specs.
 */
@Timeout(20)
class SessionsAndRetriesTest {
    static final class Primary {
        final List<BsonDocument> commands = new ArrayList<>();
        final List<BsonDocument> hellos = new ArrayList<>();
        final AtomicInteger dropNext = new AtomicInteger(); // how many data commands to answer by closing
        int port;

        BsonDocument handle(BsonDocument cmd) {
            String name = cmd.getFirstKey();
            if (name.equals("isMaster") || name.equals("hello")) {
                hellos.add(cmd);
                String me = "127.0.0.1:" + port;
                return new BsonDocument("ismaster", BsonBoolean.TRUE).append("setName", new BsonString("rs0"))
                        .append("hosts", new BsonArray(List.of(new BsonString(me))))
                        .append("me", new BsonString(me)).append("primary", new BsonString(me))
                        .append("logicalSessionTimeoutMinutes", new BsonInt32(30))
                        .append("maxWireVersion", new BsonInt32(17)).append("ok", new BsonInt32(1));
            }
            BsonDocument copy = new BsonDocument();
            copy.putAll(cmd);
            commands.add(copy);
            if (dropNext.get() > 0) {
                dropNext.decrementAndGet();
                return null;
            }
            return switch (name) {
                case "insert" -> new BsonDocument("n", new BsonInt32(cmd.getArray("documents").size()))
                        .append("ok", new BsonInt32(1));
                case "find" -> new BsonDocument("cursor", new BsonDocument("id", new BsonInt64(0))
                        .append("ns", new BsonString("db.c"))
                        .append("firstBatch", new BsonArray(List.of(new BsonDocument("_id", new BsonInt32(1))))))
                        .append("ok", new BsonInt32(1));
                default -> new BsonDocument("ok", new BsonInt32(1));
            };
        }
    }

    interface Body {
        void run(AsyncMongoClient client, Primary p) throws Exception;
    }

    static Primary withPrimary(Body body) throws Exception {
        Primary p = new Primary();
        Asyncio.run(() -> {
            try (FakeMongoServer fake = FakeMongoServer.start(p::handle)) {
                p.port = fake.server.port();
                try (AsyncMongoClient client = new AsyncMongoClient(fake.uri(null, "replicaSet=rs0&serverSelectionTimeoutMS=3000"))) {
                    body.run(client, p);
                }
            }
        });
        return p;
    }

    @Test
    void implicitSessionsAndRetryableWritesReuseTheTxnNumber() throws Exception {
        Primary p = withPrimary((client, primary) -> {
            AsyncCollection<Document> c = client.getDatabase("db").getCollection("c");
            c.insertOne(new Document("_id", 1));
            primary.dropNext.set(1); // the next insert's connection dies: retried once
            c.insertOne(new Document("_id", 2));
        });
        List<BsonDocument> inserts = p.commands.stream().filter(d -> d.getFirstKey().equals("insert")).toList();
        assertThat(inserts).hasSize(3);
        assertThat(inserts).allSatisfy(d -> assertThat(d.isDocument("lsid")).isTrue());
        assertThat(inserts.get(1).getInt64("txnNumber")).isEqualTo(inserts.get(2).getInt64("txnNumber"));
        assertThat(inserts.get(1).getDocument("lsid")).isEqualTo(inserts.get(2).getDocument("lsid"));
        assertThat(inserts.get(0).getInt64("txnNumber").getValue()).isLessThan(inserts.get(1).getInt64("txnNumber").getValue());
    }

    @Test
    void retryableReadsRetryOnceAndUpdateManyIsNotRetried() throws Exception {
        Primary p = withPrimary((client, primary) -> {
            AsyncCollection<Document> c = client.getDatabase("db").getCollection("c");
            primary.dropNext.set(1);
            assertThat(c.findOne()).isEqualTo(new Document("_id", 1));
            primary.dropNext.set(1);
            Throwable t = CrudTest.catchIt(() -> c.updateMany(new Document(), new Document("$set", new Document("x", 1))));
            assertThat(t).isInstanceOf(ConnectionFailure.class);
        });
        assertThat(p.commands.stream().filter(d -> d.getFirstKey().equals("find")).count()).isEqualTo(2);
        List<BsonDocument> updates = p.commands.stream().filter(d -> d.getFirstKey().equals("update")).toList();
        assertThat(updates).hasSize(1);
        assertThat(updates.getFirst().containsKey("txnNumber")).isFalse();
    }

    @Test
    void transactionFields() throws Exception {
        Primary p = withPrimary((client, primary) -> {
            AsyncCollection<Document> c = client.getDatabase("db").getCollection("c");
            try (ClientSession s = client.startSession()) {
                s.startTransaction(ReadConcern.SNAPSHOT, WriteConcern.MAJORITY);
                c.withSession(s).insertOne(new Document("_id", 10));
                c.withSession(s).insertOne(new Document("_id", 11));
                assertThat(s.inTransaction()).isTrue();
                s.commitTransaction();
                s.startTransaction();
                c.withSession(s).insertOne(new Document("_id", 12));
                s.abortTransaction();
            }
        });
        List<BsonDocument> cmds = p.commands;
        BsonDocument first = cmds.get(0);
        BsonDocument second = cmds.get(1);
        BsonDocument commit = cmds.get(2);
        assertThat(first.getFirstKey()).isEqualTo("insert");
        assertThat(first.getBoolean("startTransaction").getValue()).isTrue();
        assertThat(first.getBoolean("autocommit").getValue()).isFalse();
        assertThat(first.getDocument("readConcern").getString("level").getValue()).isEqualTo("snapshot");
        assertThat(first.containsKey("writeConcern")).isFalse();
        assertThat(second.containsKey("startTransaction")).isFalse();
        assertThat(second.getInt64("txnNumber")).isEqualTo(first.getInt64("txnNumber"));
        assertThat(commit.getFirstKey()).isEqualTo("commitTransaction");
        assertThat(commit.getString("$db").getValue()).isEqualTo("admin");
        assertThat(commit.getInt64("txnNumber")).isEqualTo(first.getInt64("txnNumber"));
        assertThat(commit.getBoolean("autocommit").getValue()).isFalse();
        assertThat(commit.getDocument("writeConcern").getString("w").getValue()).isEqualTo("majority");
        assertThat(commit.getDocument("lsid")).isEqualTo(first.getDocument("lsid"));
        BsonDocument third = cmds.get(3);
        BsonDocument abort = cmds.get(4);
        assertThat(third.getInt64("txnNumber").getValue()).isEqualTo(first.getInt64("txnNumber").getValue() + 1);
        assertThat(abort.getFirstKey()).isEqualTo("abortTransaction");
        assertThat(abort.getInt64("txnNumber")).isEqualTo(third.getInt64("txnNumber"));
    }

    @Test
    void handshakeConcernsAndReadPreferenceOnTheWire() throws Exception {
        Primary p = withPrimary((client, primary) -> {
            AsyncCollection<Document> c = client.getDatabase("db").getCollection("c");
            c.withWriteConcern(new WriteConcern("majority", 1000, true)).insertOne(new Document("_id", 1));
            c.withReadConcern(ReadConcern.MAJORITY).withReadPreference(ReadPreference.SECONDARY_PREFERRED).findOne();
            c.findOne();
        });
        BsonDocument first = p.hellos.getFirst();
        assertThat(first.getFirstKey()).isEqualTo("isMaster");
        assertThat(first.getBoolean("helloOk").getValue()).isTrue();
        assertThat(first.getDocument("client").getDocument("driver").getString("name").getValue())
                .isEqualTo("asyncio4j-mongo");
        assertThat(first.getDocument("client").containsKey("os")).isTrue();
        BsonDocument insert = p.commands.get(0);
        assertThat(insert.getDocument("writeConcern")).isEqualTo(new BsonDocument("w", new BsonString("majority"))
                .append("wtimeout", new BsonInt64(1000)).append("j", BsonBoolean.TRUE));
        BsonDocument find = p.commands.get(1);
        assertThat(find.getDocument("readConcern").getString("level").getValue()).isEqualTo("majority");
        assertThat(find.getDocument("$readPreference").getString("mode").getValue()).isEqualTo("secondaryPreferred");
        assertThat(find.containsKey("$db")).isTrue();
        BsonDocument plain = p.commands.get(2);
        assertThat(plain.containsKey("$readPreference")).isFalse(); // primary is the default: not sent
        assertThat(plain.containsKey("readConcern")).isFalse();
    }
}
