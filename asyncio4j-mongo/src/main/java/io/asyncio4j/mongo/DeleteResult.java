package io.asyncio4j.mongo;

/**
 * The result of {@code deleteOne}/{@code deleteMany} (PyMongo's {@code DeleteResult}).
 *
 * <pre>{@code
 * long n = coll.deleteMany(new Document()).deletedCount();
 * }</pre>
 *
 * @param deletedCount documents deleted
 * @param acknowledged false for {@code w: 0}
 */
public record DeleteResult(long deletedCount, boolean acknowledged) {
}
