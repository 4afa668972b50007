package io.asyncio4j.mongo;

import org.bson.BsonDocument;

/**
 * A write violated a unique index (server code 11000, PyMongo's {@code DuplicateKeyError}). The
 * message names the index and the key; {@link #keyPattern()} and {@link #keyValue()} give them
 * as documents (from the server's {@code keyPattern}/{@code keyValue} fields, or parsed from the
 * error message when the server does not send them).
 *
 * <pre>{@code
 * try { coll.insertOne(new Document("_id", 1)); }
 * catch (DuplicateKeyError e) { System.out.println(e.keyValue()); } // {"_id": 1}
 * }</pre>
 */
public class DuplicateKeyError extends WriteError {
    private final BsonDocument keyPattern;
    private final BsonDocument keyValue;

    /** A duplicate key error with the key pattern and value (each may be empty, never null). */
    public DuplicateKeyError(String message, int code, BsonDocument details, BsonDocument keyPattern,
                             BsonDocument keyValue) {
        super(message, code, "DuplicateKey", details);
        this.keyPattern = keyPattern;
        this.keyValue = keyValue;
    }

    /** The unique index's key pattern, e.g. {@code {"email": 1}}. */
    public BsonDocument keyPattern() {
        return keyPattern;
    }

    /** The duplicated key, e.g. {@code {"email": "a@b.c"}}. */
    public BsonDocument keyValue() {
        return keyValue;
    }
}
