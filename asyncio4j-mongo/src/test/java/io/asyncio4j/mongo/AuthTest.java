package io.asyncio4j.mongo;

import io.asyncio4j.Asyncio;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SCRAM over the wire. mongo-java-server has no authentication, so these run against
 * {@link FakeMongoServer}, which here plays the server side of SCRAM-SHA-256 (RFC 7677) for one
 * user, checks the client proof and sends its own signature, or answers saslStart with
 * AuthenticationFailed.
 */
@Timeout(20)
class AuthTest {
    /** The server side of SCRAM-SHA-256 for user/pencil. */
    static final class ScramServer {
        final List<String> commands = new ArrayList<>();
        String clientFirstBare;
        String serverFirst;
        byte[] salted;
        int conversationSteps;

        BsonDocument handle(BsonDocument cmd) {
            String name = cmd.getFirstKey();
            commands.add(name);
            try {
                return switch (name) {
                    case "isMaster", "hello" -> {
                        BsonDocument r = FakeMongoServer.helloReply();
                        if (cmd.containsKey("saslSupportedMechs")) {
                            r.put("saslSupportedMechs", new org.bson.BsonArray(List.of(new BsonString("SCRAM-SHA-256"))));
                        }
                        yield r;
                    }
                    case "saslStart" -> {
                        assertThat(cmd.getString("mechanism").getValue()).isEqualTo("SCRAM-SHA-256");
                        assertThat(cmd.getString("$db").getValue()).isEqualTo("admin");
                        String first = new String(cmd.getBinary("payload").getData(), StandardCharsets.UTF_8);
                        clientFirstBare = first.substring(3);
                        String nonce = clientFirstBare.substring(clientFirstBare.indexOf("r=") + 2) + "SERVERNONCE";
                        byte[] salt = "NaCl-salt-16byte".getBytes(StandardCharsets.UTF_8);
                        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=4096";
                        salted = hi("pencil".getBytes(StandardCharsets.UTF_8), salt);
                        yield ok().append("conversationId", new BsonInt32(1)).append("done", BsonBoolean.FALSE)
                                .append("payload", new BsonBinary(serverFirst.getBytes(StandardCharsets.UTF_8)));
                    }
                    case "saslContinue" -> {
                        conversationSteps++;
                        String fin = new String(cmd.getBinary("payload").getData(), StandardCharsets.UTF_8);
                        if (fin.isEmpty()) {
                            yield ok().append("conversationId", new BsonInt32(1)).append("done", BsonBoolean.TRUE)
                                    .append("payload", new BsonBinary(new byte[0]));
                        }
                        String withoutProof = fin.substring(0, fin.indexOf(",p="));
                        byte[] proof = Base64.getDecoder().decode(fin.substring(fin.indexOf(",p=") + 3));
                        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
                        byte[] clientKey = hmac(salted, "Client Key");
                        byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
                        byte[] sig = hmac(storedKey, authMessage);
                        byte[] recovered = new byte[proof.length];
                        for (int i = 0; i < proof.length; i++) {
                            recovered[i] = (byte) (proof[i] ^ sig[i]);
                        }
                        if (!MessageDigest.isEqual(MessageDigest.getInstance("SHA-256").digest(recovered), storedKey)) {
                            yield FakeMongoServer.error(18, "AuthenticationFailed", "Authentication failed.");
                        }
                        String v = "v=" + Base64.getEncoder().encodeToString(hmac(hmac(salted, "Server Key"), authMessage));
                        yield ok().append("conversationId", new BsonInt32(1)).append("done", BsonBoolean.FALSE)
                                .append("payload", new BsonBinary(v.getBytes(StandardCharsets.UTF_8)));
                    }
                    case "ping" -> ok();
                    default -> FakeMongoServer.error(59, "CommandNotFound", "no such command: " + name);
                };
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }

        static BsonDocument ok() {
            return new BsonDocument("ok", new BsonInt32(1));
        }

        static byte[] hi(byte[] pass, byte[] salt) throws Exception {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pass, "HmacSHA256"));
            mac.update(salt);
            mac.update(new byte[] {0, 0, 0, 1});
            byte[] u = mac.doFinal();
            byte[] r = u.clone();
            for (int i = 1; i < 4096; i++) {
                u = mac.doFinal(u);
                for (int j = 0; j < r.length; j++) {
                    r[j] ^= u[j];
                }
            }
            return r;
        }

        static byte[] hmac(byte[] key, String s) throws Exception {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void scramSha256ConversationSucceeds() throws Exception {
        ScramServer scram = new ScramServer();
        Asyncio.run(() -> {
            try (FakeMongoServer fake = FakeMongoServer.start(scram::handle);
                 AsyncMongoClient client = new AsyncMongoClient(fake.uri("user:pencil", "serverSelectionTimeoutMS=3000"))) {
                Document pong = client.getDatabase("admin").runCommand(new Document("ping", 1));
                assertThat(pong.get("ok", Number.class).intValue()).isEqualTo(1);
            }
        });
        assertThat(scram.commands).contains("saslStart", "saslContinue", "ping");
        assertThat(scram.conversationSteps).isEqualTo(2); // proof, then the empty step until done
    }

    @Test
    void wrongPasswordIsAnAuthenticationFailure() throws Exception {
        ScramServer scram = new ScramServer();
        Asyncio.run(() -> {
            try (FakeMongoServer fake = FakeMongoServer.start(scram::handle);
                 AsyncMongoClient client = new AsyncMongoClient(fake.uri("user:wrong", "serverSelectionTimeoutMS=3000"))) {
                assertThatThrownBy(() -> client.getDatabase("admin").runCommand(new Document("ping", 1)))
                        .isInstanceOf(AuthenticationFailure.class)
                        .satisfies(e -> assertThat(((AuthenticationFailure) e).code()).isEqualTo(18));
            }
        });
        assertThat(scram.commands).doesNotContain("ping");
    }

    @Test
    void saslStartErrorIsAnAuthenticationFailure() throws Exception {
        Asyncio.run(() -> {
            try (FakeMongoServer fake = FakeMongoServer.start(cmd -> switch (cmd.getFirstKey()) {
                case "isMaster" -> FakeMongoServer.helloReply();
                case "saslStart" -> FakeMongoServer.error(18, "AuthenticationFailed", "Authentication failed.");
                default -> FakeMongoServer.error(13, "Unauthorized", "not authorized");
            });
                 AsyncMongoClient client = new AsyncMongoClient(fake.uri("u:p", "authMechanism=SCRAM-SHA-1&authSource=app"
                         + "&serverSelectionTimeoutMS=3000"))) {
                assertThatThrownBy(() -> client.getDatabase("app").getCollection("c").findOne())
                        .isInstanceOf(AuthenticationFailure.class).hasMessageContaining("Authentication failed");
            }
        });
    }

    @Test
    void serverClosingMidOperationIsAConnectionFailure() throws Exception {
        Asyncio.run(() -> {
            try (FakeMongoServer fake = FakeMongoServer.start(cmd -> switch (cmd.getFirstKey()) {
                case "isMaster" -> FakeMongoServer.helloReply();
                case "find" -> null; // drop the connection with the request in flight
                default -> new BsonDocument("ok", new BsonInt32(1));
            });
                 AsyncMongoClient client = new AsyncMongoClient(fake.uri(null, "serverSelectionTimeoutMS=1000"))) {
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> client.getDatabase("db").getCollection("c").findOne())
                        .isInstanceOf(ConnectionFailure.class);
                assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5000);
                // other commands still work: the pool was cleared and reconnects
                assertThat(client.getDatabase("db").runCommand(new Document("ping", 1)).get("ok", Number.class)
                        .intValue()).isEqualTo(1);
            }
        });
    }
}
