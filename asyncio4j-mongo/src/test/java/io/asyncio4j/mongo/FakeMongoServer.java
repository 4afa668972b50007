package io.asyncio4j.mongo;

import io.asyncio4j.net.Net;
import io.asyncio4j.net.Protocol;
import io.asyncio4j.net.Server;
import io.asyncio4j.net.Transport;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.function.Function;

/**
 * A tiny MongoDB-speaking server on the test's own loop, built on our {@link OpMsg} codec: each
 * command is given to {@code handler}, whose answer is sent back; a null answer closes the
 * connection (the server "goes away" mid-operation). Used where mongo-java-server cannot help:
 * authentication (it has none) and a server dying while a request is in flight.
 */
final class FakeMongoServer implements AutoCloseable {
    final Server server;

    private FakeMongoServer(Server server) {
        this.server = server;
    }

    /** Starts on 127.0.0.1 with a free port; call inside a task. */
    static FakeMongoServer start(Function<BsonDocument, BsonDocument> handler) throws Exception {
        return new FakeMongoServer(Net.createServer(() -> new Conn(handler), "127.0.0.1", 0));
    }

    String uri(String userInfo, String options) {
        return "mongodb://" + (userInfo == null ? "" : userInfo + "@") + "127.0.0.1:" + server.port() + "/?" + options;
    }

    /** A standalone's isMaster reply. */
    static BsonDocument helloReply() {
        return new BsonDocument("ismaster", BsonBoolean.TRUE).append("maxWireVersion", new BsonInt32(8))
                .append("minWireVersion", new BsonInt32(0)).append("ok", new BsonInt32(1));
    }

    static BsonDocument error(int code, String codeName, String msg) {
        return new BsonDocument("ok", new BsonInt32(0)).append("code", new BsonInt32(code))
                .append("codeName", new BsonString(codeName)).append("errmsg", new BsonString(msg));
    }

    @Override
    public void close() {
        server.close();
        server.closeClients();
    }

    private static final class Conn implements Protocol {
        private final Function<BsonDocument, BsonDocument> handler;
        private Transport transport;
        private ByteBuffer acc = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);

        Conn(Function<BsonDocument, BsonDocument> handler) {
            this.handler = handler;
        }

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            acc.put(data);
            acc.flip();
            while (acc.remaining() >= 4 && acc.remaining() >= acc.getInt(acc.position())) {
                int len = acc.getInt(acc.position());
                OpMsg.Message m = OpMsg.decode(acc.slice(acc.position(), len));
                acc.position(acc.position() + len);
                BsonDocument reply = handler.apply(m.command());
                if (reply == null) {
                    transport.abort();
                    acc.clear();
                    return;
                }
                transport.write(OpMsg.encode(m.requestId() + 1_000_000, m.requestId(), 0, reply, List.of()));
            }
            acc.compact();
        }
    }
}
