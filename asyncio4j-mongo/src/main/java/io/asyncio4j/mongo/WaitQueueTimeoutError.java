package io.asyncio4j.mongo;

import io.asyncio4j.TimeoutError;

/**
 * No pooled connection became free within {@code waitQueueTimeoutMS} (PyMongo's
 * {@code WaitQueueTimeoutError}).
 *
 * <pre>{@code
 * new AsyncMongoClient("mongodb://host/?maxPoolSize=1&waitQueueTimeoutMS=100");
 * }</pre>
 */
public class WaitQueueTimeoutError extends TimeoutError implements MongoError {
    /** A timeout with a message. */
    public WaitQueueTimeoutError(String message) {
        super(message);
    }
}
