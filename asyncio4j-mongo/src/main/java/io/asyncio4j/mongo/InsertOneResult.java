package io.asyncio4j.mongo;

import org.bson.BsonValue;

/**
 * The result of {@code insertOne} (PyMongo's {@code InsertOneResult}).
 *
 * <pre>{@code
 * BsonValue id = coll.insertOne(new Document("x", 1)).insertedId();
 * }</pre>
 *
 * @param insertedId the document's {@code _id} (generated when it had none)
 * @param acknowledged false for {@code w: 0}
 */
public record InsertOneResult(BsonValue insertedId, boolean acknowledged) {
}
