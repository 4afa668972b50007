package io.asyncio4j.mongo;

/**
 * Which version of the document {@code findOneAndUpdate}/{@code findOneAndReplace} return
 * (PyMongo's {@code ReturnDocument}).
 *
 * <pre>{@code
 * coll.findOneAndUpdate(filter, update, new FindOneAndOptions().returnDocument(ReturnDocument.AFTER));
 * }</pre>
 */
public enum ReturnDocument {
    /** The document as it was before the change (the default). */
    BEFORE,
    /** The document as it is after the change. */
    AFTER
}
