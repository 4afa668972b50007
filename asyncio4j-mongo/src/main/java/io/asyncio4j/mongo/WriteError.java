package io.asyncio4j.mongo;

import org.bson.BsonDocument;

/**
 * One write of a single-document operation failed (PyMongo's {@code WriteError}).
 *
 * <pre>{@code
 * try { coll.insertOne(doc); } catch (WriteError e) { e.code(); }
 * }</pre>
 */
public class WriteError extends OperationFailure {
    /** A write error with its server code and the write error document. */
    public WriteError(String message, int code, String codeName, BsonDocument details) {
        super(message, code, codeName, details);
    }
}
