package io.asyncio4j.mongo;

import org.bson.BsonValue;

import java.util.List;

/**
 * The result of {@code insertMany} (PyMongo's {@code InsertManyResult}).
 *
 * <pre>{@code
 * List<BsonValue> ids = coll.insertMany(docs).insertedIds();
 * }</pre>
 *
 * @param insertedIds the {@code _id}s, in the order of the documents
 * @param acknowledged false for {@code w: 0}
 */
public record InsertManyResult(List<BsonValue> insertedIds, boolean acknowledged) {
}
