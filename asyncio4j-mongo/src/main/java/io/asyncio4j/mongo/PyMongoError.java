package io.asyncio4j.mongo;

/**
 * Base class of the client's errors (PyMongo's {@code PyMongoError}).
 *
 * <pre>{@code
 * try { coll.findOne(filter); } catch (PyMongoError e) { log(e); }
 * }</pre>
 */
public class PyMongoError extends RuntimeException implements MongoError {
    /** An error with a message. */
    public PyMongoError(String message) {
        super(message);
    }

    /** An error with a message and a cause. */
    public PyMongoError(String message, Throwable cause) {
        super(message, cause);
    }
}
