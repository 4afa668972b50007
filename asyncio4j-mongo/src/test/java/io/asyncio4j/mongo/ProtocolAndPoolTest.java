package io.asyncio4j.mongo;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The OP_MSG codec, the pool under concurrency, and what mongo-java-server says about sessions. */
@Timeout(30)
class ProtocolAndPoolTest {
    static MongoTestServer srv;

    @BeforeAll
    static void start() {
        srv = new MongoTestServer();
    }

    @AfterAll
    static void stop() {
        srv.close();
    }

    @Test
    void opMsgWithDocumentSequenceRoundTrips() {
        BsonDocument body = new BsonDocument("insert", new BsonString("c")).append("$db", new BsonString("d"));
        List<RawBsonDocument> docs = List.of(
                new RawBsonDocument(new BsonDocument("_id", new BsonInt32(1)), new BsonDocumentCodec()),
                new RawBsonDocument(new BsonDocument("_id", new BsonInt32(2)), new BsonDocumentCodec()));
        ByteBuffer b = OpMsg.encode(42, 7, 0, body, List.of(new OpMsg.Sequence("documents", docs)));
        assertThat(b.order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(0)).isEqualTo(b.remaining());
        assertThat(b.getInt(12)).isEqualTo(2013);
        OpMsg.Message m = OpMsg.decode(b);
        assertThat(m.requestId()).isEqualTo(42);
        assertThat(m.responseTo()).isEqualTo(7);
        assertThat(m.body()).isEqualTo(body);
        assertThat(m.sequences()).hasSize(1);
        assertThat(m.sequences().getFirst().identifier()).isEqualTo("documents");
        assertThat(m.sequences().getFirst().documents()).isEqualTo(docs);
        assertThat(m.command().getArray("documents")).hasSize(2);
    }

    @Test
    void sixtyFourTasksShareAPoolOfFour() throws Exception {
        Asyncio.run(() -> {
            try (AsyncMongoClient client = new AsyncMongoClient(srv.uri("maxPoolSize=4&minPoolSize=2"))) {
                AsyncCollection<Document> c = client.getDatabase("pool").getCollection("c");
                List<Task<Void>> tasks = new ArrayList<>();
                for (int t = 0; t < 64; t++) {
                    int id = t;
                    tasks.add(Asyncio.createTask(() -> {
                        for (int i = 0; i < 3; i++) {
                            c.insertOne(new Document("t", id).append("i", i));
                            assertThat(c.findOne(new Document("t", id).append("i", i))).isNotNull();
                        }
                    }));
                }
                Asyncio.gather(tasks).await();
                Topology.Server s = client.topology.server(client.uri().hosts().getFirst());
                assertThat(s.pool.total()).isBetween(2, 4);
                assertThat(s.pool.idleCount()).isEqualTo(s.pool.total());
            }
        });
        assertThat(srv.sync.getDatabase("pool").getCollection("c").countDocuments()).isEqualTo(192);
    }

    @Test
    void waitQueueTimeout() throws Exception {
        Asyncio.run(() -> {
            try (FakeMongoServer fake = FakeMongoServer.start(cmd -> cmd.getFirstKey().equals("isMaster")
                    ? FakeMongoServer.helloReply() : new BsonDocument("ok", new BsonInt32(1)));
                 AsyncMongoClient client = new AsyncMongoClient(fake.uri(null, "maxPoolSize=1&waitQueueTimeoutMS=50"))) {
                client.getDatabase("x").runCommand(new Document("ping", 1));
                Topology.Server s = client.topology.server(client.uri().hosts().getFirst());
                MongoConnection held = s.pool.checkout(null); // hold the only connection
                assertThatThrownBy(() -> client.getDatabase("x").runCommand(new Document("ping", 1)))
                        .isInstanceOf(WaitQueueTimeoutError.class).isInstanceOf(io.asyncio4j.TimeoutError.class);
                Task<Document> waiter = Asyncio.createTask(() -> client.getDatabase("x").runCommand(new Document("ping", 2)));
                Asyncio.sleep(0);
                s.pool.checkin(held); // handed straight to the waiter
                assertThat(waiter.await().get("ok", Number.class).intValue()).isEqualTo(1);
            }
        });
    }

    @Test
    void sessionsNeedServerSupport() throws Exception {
        Asyncio.run(() -> {
            try (AsyncMongoClient client = new AsyncMongoClient(srv.uri)) {
                // mongo-java-server's isMaster has no logicalSessionTimeoutMinutes: no sessions, no lsid sent
                assertThatThrownBy(client::startSession).isInstanceOf(ConfigurationError.class)
                        .hasMessageContaining("Sessions are not supported");
                assertThat(client.topologyDescription()).contains("SINGLE");
            }
        });
    }

    @Test
    void serverSelectionTimesOutWithAClearError() throws Exception {
        java.net.ServerSocket probe = new java.net.ServerSocket(0);
        int port = probe.getLocalPort();
        probe.close();
        Asyncio.run(() -> {
            try (AsyncMongoClient client = new AsyncMongoClient("mongodb://127.0.0.1:" + port
                    + "/?serverSelectionTimeoutMS=300&connectTimeoutMS=200")) {
                assertThatThrownBy(() -> client.getDatabase("x").getCollection("c").findOne())
                        .isInstanceOf(ServerSelectionTimeoutError.class).hasMessageContaining("127.0.0.1:" + port);
            }
        });
    }
}
