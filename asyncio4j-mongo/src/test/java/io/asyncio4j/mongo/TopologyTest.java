package io.asyncio4j.mongo;

import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** SDAM and server selection on recorded hello replies (src/test/resources/hello/*.json). */
@Timeout(10)
class TopologyTest {
    static final ServerAddress A = ServerAddress.parse("a.example.com:27017");
    static final ServerAddress B = ServerAddress.parse("b.example.com:27017");
    static final ServerAddress C = ServerAddress.parse("c.example.com:27017");
    static final ServerAddress D = ServerAddress.parse("d.example.com:27017");
    static final Duration WINDOW = Duration.ofMillis(15);

    static BsonDocument fixture(String name) throws Exception {
        try (InputStream in = TopologyTest.class.getResourceAsStream("/hello/" + name + ".json")) {
            return BsonDocument.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static ServerDescription sd(ServerAddress a, String fixture, double rtt) throws Exception {
        return ServerDescription.fromHello(a, fixture(fixture), rtt);
    }

    /** The replica set as the monitors of a, b, c, d would see it; rtts in ms. */
    static TopologyDescription replicaSet(double rttA, double rttB, double rttC) throws Exception {
        TopologyDescription t = TopologyDescription.initial(List.of(A), null, null);
        t = t.apply(sd(A, "rs-primary", rttA));
        t = t.apply(sd(B, "rs-secondary-b", rttB));
        t = t.apply(sd(C, "rs-secondary-c", rttC));
        return t.apply(sd(D, "rs-arbiter", 1));
    }

    static Set<ServerAddress> picks(TopologyDescription t, ReadPreference rp, boolean write) {
        Random r = new Random(42);
        Set<ServerAddress> out = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            ServerDescription s = t.select(rp, write, WINDOW, r);
            if (s != null) {
                out.add(s.address());
            }
        }
        return out;
    }

    @Test
    void serverTypesFromRecordedReplies() throws Exception {
        assertThat(sd(A, "standalone", 1).type()).isEqualTo(ServerDescription.Type.STANDALONE);
        assertThat(sd(A, "rs-primary", 1).type()).isEqualTo(ServerDescription.Type.RS_PRIMARY);
        assertThat(sd(B, "rs-secondary-b", 1).type()).isEqualTo(ServerDescription.Type.RS_SECONDARY);
        assertThat(sd(D, "rs-arbiter", 1).type()).isEqualTo(ServerDescription.Type.RS_ARBITER);
        assertThat(sd(A, "mongos", 1).type()).isEqualTo(ServerDescription.Type.MONGOS);
        ServerDescription p = sd(A, "rs-primary", 1);
        assertThat(p.hosts()).containsExactlyInAnyOrder(A, B, C, D);
        assertThat(p.setName()).isEqualTo("rs0");
        assertThat(p.logicalSessionTimeoutMinutes()).isEqualTo(30);
        assertThat(sd(A, "standalone", 1).logicalSessionTimeoutMinutes()).isNull();
    }

    @Test
    void standaloneBecomesSingleAndServesEverything() throws Exception {
        TopologyDescription t = TopologyDescription.initial(List.of(A), null, null);
        assertThat(t.select(ReadPreference.PRIMARY, true, WINDOW, new Random())).isNull(); // unknown yet
        t = t.apply(sd(A, "standalone", 3));
        assertThat(t.type()).isEqualTo(TopologyDescription.Type.SINGLE);
        for (ReadPreference rp : List.of(ReadPreference.PRIMARY, ReadPreference.SECONDARY, ReadPreference.NEAREST)) {
            assertThat(picks(t, rp, false)).containsExactly(A);
        }
        assertThat(picks(t, ReadPreference.PRIMARY, true)).containsExactly(A);
        assertThat(t.logicalSessionTimeoutMinutes()).isNull();
        // a standalone among several seeds is removed
        TopologyDescription two = TopologyDescription.initial(List.of(A, B), null, null).apply(sd(A, "standalone", 1));
        assertThat(two.servers()).doesNotContainKey(A);
    }

    @Test
    void replicaSetDiscoveryFromThePrimary() throws Exception {
        TopologyDescription t = TopologyDescription.initial(List.of(A), null, null).apply(sd(A, "rs-primary", 2));
        assertThat(t.type()).isEqualTo(TopologyDescription.Type.REPLICA_SET_WITH_PRIMARY);
        assertThat(t.setName()).isEqualTo("rs0");
        assertThat(t.servers().keySet()).containsExactlyInAnyOrder(A, B, C, D);
        assertThat(t.servers().get(B).type()).isEqualTo(ServerDescription.Type.UNKNOWN);
        // a member of another set reporting in is dropped
        TopologyDescription seeded = TopologyDescription.initial(List.of(A, ServerAddress.parse("x.example.com:27017")),
                "rs0", null).apply(sd(ServerAddress.parse("x.example.com:27017"), "rs-other-set", 1));
        assertThat(seeded.servers()).doesNotContainKey(ServerAddress.parse("x.example.com:27017"));
        // the primary stepping down leaves no primary
        TopologyDescription down = replicaSet(1, 1, 1).apply(ServerDescription.unknown(A, new ConnectionFailure("gone")));
        assertThat(down.type()).isEqualTo(TopologyDescription.Type.REPLICA_SET_NO_PRIMARY);
        assertThat(down.select(ReadPreference.PRIMARY, true, WINDOW, new Random())).isNull();
        assertThat(picks(down, ReadPreference.PRIMARY_PREFERRED, false)).containsExactlyInAnyOrder(B, C);
        assertThat(picks(down, ReadPreference.SECONDARY_PREFERRED, false)).containsExactlyInAnyOrder(B, C);
        assertThat(down.logicalSessionTimeoutMinutes()).isEqualTo(30);
    }

    @Test
    void selectionByReadPreference() throws Exception {
        TopologyDescription t = replicaSet(1, 2, 3);
        assertThat(picks(t, ReadPreference.PRIMARY, true)).containsExactly(A);
        assertThat(picks(t, ReadPreference.SECONDARY, true)).containsExactly(A); // writes ignore the preference
        assertThat(picks(t, ReadPreference.PRIMARY, false)).containsExactly(A);
        assertThat(picks(t, ReadPreference.PRIMARY_PREFERRED, false)).containsExactly(A);
        assertThat(picks(t, ReadPreference.SECONDARY, false)).containsExactlyInAnyOrder(B, C);
        assertThat(picks(t, ReadPreference.SECONDARY_PREFERRED, false)).containsExactlyInAnyOrder(B, C);
        assertThat(picks(t, ReadPreference.NEAREST, false)).containsExactlyInAnyOrder(A, B, C); // never the arbiter
        // tag sets: the first set that matches anything wins
        ReadPreference east = ReadPreference.SECONDARY.withTagSets(List.of(new BsonDocument("dc", new BsonString("east"))));
        assertThat(picks(t, east, false)).containsExactly(C);
        ReadPreference fallback = ReadPreference.NEAREST.withTagSets(List.of(
                new BsonDocument("dc", new BsonString("mars")), new BsonDocument("dc", new BsonString("west"))));
        assertThat(picks(t, fallback, false)).containsExactly(B);
        ReadPreference none = ReadPreference.SECONDARY.withTagSets(List.of(new BsonDocument("dc", new BsonString("mars"))));
        assertThat(picks(t, none, false)).isEmpty();
        ReadPreference spNone = ReadPreference.SECONDARY_PREFERRED.withTagSets(
                List.of(new BsonDocument("dc", new BsonString("mars"))));
        assertThat(picks(t, spNone, false)).containsExactly(A);
    }

    @Test
    void latencyWindowOf15ms() throws Exception {
        // secondaries at 5 ms and 19 ms are within 15 ms of the fastest; the primary at 25 ms is not
        TopologyDescription t = replicaSet(25, 5, 19);
        assertThat(picks(t, ReadPreference.NEAREST, false)).containsExactlyInAnyOrder(B, C);
        assertThat(picks(t, ReadPreference.SECONDARY, false)).containsExactlyInAnyOrder(B, C);
        TopologyDescription far = replicaSet(2, 5, 30);
        assertThat(picks(far, ReadPreference.SECONDARY, false)).containsExactly(B);
        assertThat(picks(far, ReadPreference.NEAREST, false)).containsExactlyInAnyOrder(A, B);
        // the primary is chosen for primary mode whatever its latency
        assertThat(picks(replicaSet(100, 1, 1), ReadPreference.PRIMARY, false)).containsExactly(A);
    }

    @Test
    void mongosAndStalePrimary() throws Exception {
        TopologyDescription t = TopologyDescription.initial(List.of(A, B), null, null)
                .apply(sd(A, "mongos", 1)).apply(sd(B, "mongos", 50));
        assertThat(t.type()).isEqualTo(TopologyDescription.Type.SHARDED);
        assertThat(picks(t, ReadPreference.SECONDARY, false)).containsExactly(A);
        // a second primary with an older electionId is ignored
        TopologyDescription rs = replicaSet(1, 1, 1);
        BsonDocument oldPrimary = fixture("rs-primary");
        oldPrimary.put("me", new BsonString("b.example.com:27017"));
        oldPrimary.put("electionId", new org.bson.BsonObjectId(new org.bson.types.ObjectId("7fffffff0000000000000001")));
        TopologyDescription after = rs.apply(ServerDescription.fromHello(B, oldPrimary, 1));
        assertThat(after.servers().get(A).type()).isEqualTo(ServerDescription.Type.RS_PRIMARY);
        assertThat(after.servers().get(B).type()).isEqualTo(ServerDescription.Type.UNKNOWN);
    }

    @Test
    void uriParsing() {
        MongoUri u = MongoUri.parse("mongodb://us%40er:p%3Ass@h1.example.com,h2.example.com:27018/app?replicaSet=rs0"
                + "&readPreference=secondaryPreferred&readPreferenceTags=dc:east,rack:1&w=majority&wTimeoutMS=500"
                + "&journal=true&authSource=admin&authMechanism=SCRAM-SHA-256&maxPoolSize=7&minPoolSize=2"
                + "&waitQueueTimeoutMS=250&serverSelectionTimeoutMS=1234&localThresholdMS=20&appName=demo"
                + "&readConcernLevel=majority&socketTimeoutMS=0&connectTimeoutMS=999");
        assertThat(u.hosts()).containsExactly(new ServerAddress("h1.example.com", 27017), new ServerAddress("h2.example.com", 27018));
        assertThat(u.username()).isEqualTo("us@er");
        assertThat(u.password()).isEqualTo("p:ss");
        assertThat(u.database()).isEqualTo("app");
        assertThat(u.authSource()).isEqualTo("admin");
        assertThat(u.authMechanism()).isEqualTo("SCRAM-SHA-256");
        assertThat(u.replicaSet()).isEqualTo("rs0");
        assertThat(u.readPreference().mode()).isEqualTo(ReadPreference.Mode.SECONDARY_PREFERRED);
        assertThat(u.readPreference().tagSets()).containsExactly(
                new BsonDocument("dc", new BsonString("east")).append("rack", new BsonString("1")));
        assertThat(u.writeConcern()).isEqualTo(new WriteConcern("majority", 500, true));
        assertThat(u.readConcern()).isEqualTo(ReadConcern.MAJORITY);
        assertThat(u.maxPoolSize()).isEqualTo(7);
        assertThat(u.minPoolSize()).isEqualTo(2);
        assertThat(u.waitQueueTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(u.serverSelectionTimeout()).isEqualTo(Duration.ofMillis(1234));
        assertThat(u.localThreshold()).isEqualTo(Duration.ofMillis(20));
        assertThat(u.socketTimeout()).isNull();
        assertThat(u.connectTimeout()).isEqualTo(Duration.ofMillis(999));
        assertThat(u.appName()).isEqualTo("demo");
        assertThat(u.toString()).doesNotContain("p:ss");
        assertThat(MongoUri.parse("mongodb://u:p@h/db").authSource()).isEqualTo("db");
        assertThat(MongoUri.parse("mongodb://[::1]:27019").hosts()).containsExactly(new ServerAddress("::1", 27019));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MongoUri.parse("http://x"))
                .isInstanceOf(ConfigurationError.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new AsyncMongoClient("mongodb://h/?tlsInsecure=true&tlsAllowInvalidHostnames=true"))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("tlsInsecure");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AsyncMongoClient("mongodb://u:p@h/?authMechanism=PLAIN"))
                .isInstanceOf(ConfigurationError.class);
    }
}
