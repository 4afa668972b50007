package io.asyncio4j.mongo;

import org.bson.BsonValue;

import java.util.Map;

/**
 * The result of {@code bulkWrite} (PyMongo's {@code BulkWriteResult}).
 *
 * <pre>{@code
 * BulkWriteResult r = coll.bulkWrite(List.of(new WriteModel.InsertOne<>(doc), new WriteModel.DeleteOne(f)));
 * r.insertedCount(); r.deletedCount();
 * }</pre>
 *
 * @param insertedCount documents inserted
 * @param matchedCount documents matched by updates and replacements
 * @param modifiedCount documents modified
 * @param deletedCount documents deleted
 * @param upsertedCount documents upserted
 * @param upsertedIds upserted ids by the index of their operation
 * @param insertedIds inserted ids by the index of their operation
 * @param acknowledged false for {@code w: 0}
 */
public record BulkWriteResult(long insertedCount, long matchedCount, long modifiedCount, long deletedCount,
                              long upsertedCount, Map<Integer, BsonValue> upsertedIds,
                              Map<Integer, BsonValue> insertedIds, boolean acknowledged) {
}
