package io.asyncio4j.mongo;

import org.bson.conversions.Bson;

/**
 * Options of {@code findOneAndUpdate}/{@code findOneAndReplace}/{@code findOneAndDelete}
 * (PyMongo's keyword arguments of {@code find_one_and_*}): projection, sort, upsert and
 * {@link ReturnDocument}.
 *
 * <pre>{@code
 * Document after = coll.findOneAndUpdate(new Document("_id", "counter"), new Document("$inc", new Document("n", 1)),
 *         new FindOneAndOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
 * }</pre>
 */
public final class FindOneAndOptions {
    Bson projection;
    Bson sort;
    boolean upsert;
    ReturnDocument returnDocument = ReturnDocument.BEFORE;

    /** Default options: return the document before, no upsert. */
    public FindOneAndOptions() {
    }

    /** Fields of the returned document. */
    public FindOneAndOptions projection(Bson projection) {
        this.projection = projection;
        return this;
    }

    /** Which document to pick when several match. */
    public FindOneAndOptions sort(Bson sort) {
        this.sort = sort;
        return this;
    }

    /** Insert when nothing matches (update/replace only). */
    public FindOneAndOptions upsert(boolean upsert) {
        this.upsert = upsert;
        return this;
    }

    /** Return the document before or after the change. */
    public FindOneAndOptions returnDocument(ReturnDocument returnDocument) {
        this.returnDocument = returnDocument;
        return this;
    }
}
