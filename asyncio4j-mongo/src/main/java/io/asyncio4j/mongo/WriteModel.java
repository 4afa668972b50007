package io.asyncio4j.mongo;

import org.bson.conversions.Bson;

/**
 * One operation of a {@code bulkWrite} (PyMongo's {@code InsertOne}, {@code UpdateOne},
 * {@code UpdateMany}, {@code ReplaceOne}, {@code DeleteOne}, {@code DeleteMany}). Filters and
 * updates are {@link Bson} (a {@code Document}, a {@code BsonDocument} or a builder from
 * {@code com.mongodb.client.model} if present).
 *
 * <pre>{@code
 * coll.bulkWrite(List.of(
 *     new WriteModel.InsertOne<>(new Document("_id", 1)),
 *     new WriteModel.UpdateOne<>(new Document("_id", 1), new Document("$set", new Document("x", 2)), false),
 *     new WriteModel.DeleteMany<>(new Document("x", 3))), true);
 * }</pre>
 *
 * @param <T> the collection's document type
 */
public sealed interface WriteModel<T> {
    /** Inserts a document. @param document the document */
    record InsertOne<T>(T document) implements WriteModel<T> {
    }

    /** Updates the first match. @param filter filter @param update update @param upsert insert when none matches */
    record UpdateOne<T>(Bson filter, Bson update, boolean upsert) implements WriteModel<T> {
    }

    /** Updates every match. @param filter filter @param update update @param upsert insert when none matches */
    record UpdateMany<T>(Bson filter, Bson update, boolean upsert) implements WriteModel<T> {
    }

    /** Replaces the first match. @param filter filter @param replacement the new document @param upsert insert when none matches */
    record ReplaceOne<T>(Bson filter, T replacement, boolean upsert) implements WriteModel<T> {
    }

    /** Deletes the first match. @param filter filter */
    record DeleteOne<T>(Bson filter) implements WriteModel<T> {
    }

    /** Deletes every match. @param filter filter */
    record DeleteMany<T>(Bson filter) implements WriteModel<T> {
    }
}
