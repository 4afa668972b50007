package io.asyncio4j.mongo;

import io.asyncio4j.TimeoutError;

/**
 * A server did not answer within {@code socketTimeoutMS}, or a connection could not be made within
 * {@code connectTimeoutMS} (PyMongo's {@code NetworkTimeout}). A {@link TimeoutError}.
 *
 * <pre>{@code
 * try { coll.findOne(filter); } catch (TimeoutError e) { ... }
 * }</pre>
 */
public class NetworkTimeout extends TimeoutError implements MongoError {
    /** A timeout with a message. */
    public NetworkTimeout(String message) {
        super(message);
    }
}
