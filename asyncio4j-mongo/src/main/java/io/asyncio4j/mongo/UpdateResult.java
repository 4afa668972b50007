package io.asyncio4j.mongo;

import org.bson.BsonValue;

/**
 * The result of {@code updateOne}/{@code updateMany}/{@code replaceOne} (PyMongo's
 * {@code UpdateResult}).
 *
 * <pre>{@code
 * UpdateResult r = coll.updateOne(eq("_id", 1), set("x", 2));
 * r.matchedCount(); r.modifiedCount(); r.upsertedId();
 * }</pre>
 *
 * @param matchedCount documents matched
 * @param modifiedCount documents changed
 * @param upsertedId the {@code _id} of an upserted document, or null
 * @param acknowledged false for {@code w: 0}
 */
public record UpdateResult(long matchedCount, long modifiedCount, BsonValue upsertedId, boolean acknowledged) {
}
