package io.asyncio4j.mongo;

/**
 * Marker for every error this client raises: PyMongo's {@code pymongo.errors.PyMongoError}. Most
 * errors extend {@link PyMongoError}; the timeouts extend {@link io.asyncio4j.TimeoutError} (so
 * that {@code catch (TimeoutError e)} catches them, as Python's {@code TimeoutError} would) and
 * implement this interface.
 *
 * <pre>{@code
 * try { coll.insertOne(doc); } catch (RuntimeException e) { if (e instanceof MongoError) ... }
 * }</pre>
 */
public interface MongoError {
}
