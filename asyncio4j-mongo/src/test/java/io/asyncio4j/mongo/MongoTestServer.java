package io.asyncio4j.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.net.InetSocketAddress;

/**
 * An in-memory mongo-java-server on a free port of 127.0.0.1 (its own Netty threads, outside our
 * loop), reporting MongoDB 4.0 (wire version 7) so that the official sync driver 5.4 accepts it,
 * and an official sync client on it for cross-checking.
 */
final class MongoTestServer implements AutoCloseable {
    final MongoServer server;
    final String uri;
    final MongoClient sync;

    MongoTestServer() {
        server = new MongoServer(new MemoryBackend().version(ServerVersion.MONGO_4_0));
        server.bind("127.0.0.1", 0);
        InetSocketAddress a = server.getLocalAddress();
        uri = "mongodb://127.0.0.1:" + a.getPort();
        sync = MongoClients.create(uri + "/?serverSelectionTimeoutMS=5000");
    }

    /** The URI with extra options, e.g. {@code "serverSelectionTimeoutMS=2000"}. */
    String uri(String options) {
        return uri + "/?" + options;
    }

    @Override
    public void close() {
        sync.close();
        server.shutdownNow();
    }
}
