package io.asyncio4j.mongo;

import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;

/**
 * A database (PyMongo's {@code AsyncDatabase}, Motor's {@code AsyncIOMotorDatabase}): collections,
 * {@code runCommand}, {@code listCollectionNames}, {@code drop}. Immutable; the {@code with*}
 * methods return copies with other concerns or read preference.
 *
 * <pre>{@code
 * AsyncDatabase db = client.getDatabase("test_database");
 * Document pong = db.runCommand(new Document("ping", 1));
 * }</pre>
 */
public final class AsyncDatabase {
    final AsyncMongoClient client;
    private final String name;
    final ReadPreference readPreference;
    final ReadConcern readConcern;
    final WriteConcern writeConcern;

    AsyncDatabase(AsyncMongoClient client, String name, ReadPreference rp, ReadConcern rc, WriteConcern wc) {
        if (name.isEmpty() || name.contains(".") || name.contains(" ") || name.contains("$")) {
            throw new IllegalArgumentException("invalid database name '" + name + "'");
        }
        this.client = client;
        this.name = name;
        this.readPreference = rp;
        this.readConcern = rc;
        this.writeConcern = wc;
    }

    /** The database name. */
    public String name() {
        return name;
    }

    /** The client. */
    public AsyncMongoClient client() {
        return client;
    }

    /** A collection of {@link Document}s (no I/O). */
    public AsyncCollection<Document> getCollection(String name) {
        return getCollection(name, Document.class);
    }

    /** A collection whose documents are decoded as {@code type} (a record, a POJO, a BsonDocument ...). */
    public <T> AsyncCollection<T> getCollection(String name, Class<T> type) {
        return new AsyncCollection<>(this, name, type, readPreference, readConcern, writeConcern, null);
    }

    /** A copy with another read preference. */
    public AsyncDatabase withReadPreference(ReadPreference rp) {
        return new AsyncDatabase(client, name, rp, readConcern, writeConcern);
    }

    /** A copy with another read concern. */
    public AsyncDatabase withReadConcern(ReadConcern rc) {
        return new AsyncDatabase(client, name, readPreference, rc, writeConcern);
    }

    /** A copy with another write concern. */
    public AsyncDatabase withWriteConcern(WriteConcern wc) {
        return new AsyncDatabase(client, name, readPreference, readConcern, wc);
    }

    /** Runs a command on the primary and returns its reply (PyMongo's {@code command}). */
    public Document runCommand(Bson command) throws Exception {
        return runCommand(command, ReadPreference.PRIMARY);
    }

    /** Runs a command on a server chosen by {@code rp}; not retried. */
    public Document runCommand(Bson command, ReadPreference rp) throws Exception {
        BsonDocument cmd = Codecs.toBson(command, client.codecRegistry).clone();
        BsonDocument r = client.execute(name, cmd, List.of(), rp, false, false, null, ReadConcern.DEFAULT,
                WriteConcern.DEFAULT, null).body();
        return Codecs.toDocument(r, client.codecRegistry);
    }

    /** The names of the collections. */
    public List<String> listCollectionNames() throws Exception {
        List<String> names = new ArrayList<>();
        for (Document d : listCollections(true)) {
            names.add(d.getString("name"));
        }
        return names;
    }

    /** The {@code listCollections} documents. */
    public List<Document> listCollections() throws Exception {
        return listCollections(false);
    }

    private List<Document> listCollections(boolean nameOnly) throws Exception {
        BsonDocument cmd = new BsonDocument("listCollections", new BsonInt32(1)).append("cursor", new BsonDocument());
        if (nameOnly) {
            cmd.put("nameOnly", BsonBoolean.TRUE);
        }
        AsyncMongoClient.Reply r = client.execute(name, cmd, List.of(), readPreference, false, true, null,
                ReadConcern.DEFAULT, WriteConcern.DEFAULT, null);
        try (AsyncCursor<Document> c = new AsyncCursor<>(client, r, null, null, 0,
                d -> Codecs.toDocument(d, client.codecRegistry))) {
            return c.toList();
        }
    }

    /** Creates a collection explicitly ({@code create}). */
    public AsyncCollection<Document> createCollection(String collection) throws Exception {
        client.execute(name, new BsonDocument("create", new BsonString(collection)), List.of(), ReadPreference.PRIMARY,
                true, false, null, ReadConcern.DEFAULT, writeConcern, null);
        return getCollection(collection);
    }

    /** Drops the database ({@code dropDatabase}). */
    public void drop() throws Exception {
        client.execute(name, new BsonDocument("dropDatabase", new BsonInt32(1)), List.of(), ReadPreference.PRIMARY,
                true, false, null, ReadConcern.DEFAULT, writeConcern, null);
    }

    @Override
    public String toString() {
        return "AsyncDatabase[" + name + "]";
    }
}
