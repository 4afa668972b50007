package io.asyncio4j.mongo;

import org.bson.BsonDocument;
import org.bson.BsonString;

/**
 * The consistency of reads (PyMongo's {@code ReadConcern}): {@code local}, {@code available},
 * {@code majority}, {@code linearizable} or {@code snapshot}. {@link #DEFAULT} sends nothing.
 *
 * <pre>{@code
 * coll.withReadConcern(ReadConcern.MAJORITY).find(filter).toList();
 * }</pre>
 *
 * @param level the level, or null for the server default
 */
public record ReadConcern(String level) {
    /** The server's default: no {@code readConcern} is sent. */
    public static final ReadConcern DEFAULT = new ReadConcern(null);
    /** {@code local}. */
    public static final ReadConcern LOCAL = new ReadConcern("local");
    /** {@code majority}. */
    public static final ReadConcern MAJORITY = new ReadConcern("majority");
    /** {@code snapshot} (transactions). */
    public static final ReadConcern SNAPSHOT = new ReadConcern("snapshot");

    /** Whether this is the server default. */
    public boolean isServerDefault() {
        return level == null;
    }

    /** The {@code readConcern} document. */
    public BsonDocument toDocument() {
        return level == null ? new BsonDocument() : new BsonDocument("level", new BsonString(level));
    }
}
