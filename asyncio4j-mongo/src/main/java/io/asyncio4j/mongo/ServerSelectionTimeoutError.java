package io.asyncio4j.mongo;

import io.asyncio4j.TimeoutError;

/**
 * No server matching the read preference (or no writable primary) was found within
 * {@code serverSelectionTimeoutMS} (PyMongo's {@code ServerSelectionTimeoutError}). The message
 * describes the topology as last seen, and the last error a monitor saw is the cause.
 *
 * <pre>{@code
 * try { coll.insertOne(doc); } catch (ServerSelectionTimeoutError e) { // no primary }
 * }</pre>
 */
public class ServerSelectionTimeoutError extends TimeoutError implements MongoError {
    /** A timeout with a message and the last monitoring error (may be null). */
    public ServerSelectionTimeoutError(String message, Throwable cause) {
        super(message, cause);
    }
}
