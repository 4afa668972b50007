package io.asyncio4j.mongo;

/**
 * The connection to a server failed or was lost (PyMongo's {@code ConnectionFailure} /
 * {@code AutoReconnect}). Reads, and writes on servers that support retryable writes, are retried
 * once before this reaches the caller.
 *
 * <pre>{@code
 * try { coll.insertOne(doc); } catch (ConnectionFailure e) { // server gone }
 * }</pre>
 */
public class ConnectionFailure extends PyMongoError {
    /** A failure with a message. */
    public ConnectionFailure(String message) {
        super(message);
    }

    /** A failure with a message and its cause. */
    public ConnectionFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
