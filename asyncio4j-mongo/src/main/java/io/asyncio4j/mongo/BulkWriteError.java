package io.asyncio4j.mongo;

import org.bson.BsonDocument;

import java.util.List;

/**
 * One or more writes of a {@code insertMany}/{@code bulkWrite} failed (PyMongo's
 * {@code BulkWriteError}): {@link #writeErrors()} has each failed write's {@code index},
 * {@code code} and {@code errmsg}; {@link #partialResult()} what was done.
 *
 * <pre>{@code
 * try { coll.insertMany(docs); } catch (BulkWriteError e) { e.writeErrors().get(0).getInt32("index"); }
 * }</pre>
 */
public class BulkWriteError extends OperationFailure {
    private final List<BsonDocument> writeErrors;
    private final BulkWriteResult partialResult;

    /** A bulk write error with its write errors and the result of what succeeded. */
    public BulkWriteError(List<BsonDocument> writeErrors, BulkWriteResult partialResult) {
        super("batch op errors occurred: " + writeErrors, 65, "MultipleErrorsOccurred", null);
        this.writeErrors = List.copyOf(writeErrors);
        this.partialResult = partialResult;
    }

    /** The failed writes, as the server reported them (index relative to the whole request). */
    public List<BsonDocument> writeErrors() {
        return writeErrors;
    }

    /** The counts of what succeeded before/around the errors. */
    public BulkWriteResult partialResult() {
        return partialResult;
    }
}
