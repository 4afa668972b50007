package io.asyncio4j.mongo;

import org.bson.conversions.Bson;

import java.time.Duration;

/**
 * Options of {@code find} (PyMongo's {@code find} keyword arguments): projection, sort, skip,
 * limit, batch size, maxTimeMS, hint and comment. A fluent builder; null fields are not sent.
 *
 * <pre>{@code
 * coll.find(new Document("i", new Document("$lt", 5)),
 *           new FindOptions().sort(new Document("i", -1)).limit(2).batchSize(100));
 * }</pre>
 */
public final class FindOptions {
    Bson projection;
    Bson sort;
    Bson hint;
    int skip;
    int limit;
    Integer batchSize;
    Duration maxTime;
    String comment;

    /** Empty options. */
    public FindOptions() {
    }

    /** Fields to include/exclude. */
    public FindOptions projection(Bson projection) {
        this.projection = projection;
        return this;
    }

    /** Sort order, e.g. {@code {"i": -1}}. */
    public FindOptions sort(Bson sort) {
        this.sort = sort;
        return this;
    }

    /** Documents to skip. */
    public FindOptions skip(int skip) {
        this.skip = skip;
        return this;
    }

    /** At most this many documents (0: no limit; negative: at most |limit| in a single batch). */
    public FindOptions limit(int limit) {
        this.limit = limit;
        return this;
    }

    /** Documents per batch (first batch and each getMore). */
    public FindOptions batchSize(int batchSize) {
        this.batchSize = batchSize;
        return this;
    }

    /** The server-side time limit ({@code maxTimeMS}). */
    public FindOptions maxTime(Duration maxTime) {
        this.maxTime = maxTime;
        return this;
    }

    /** An index hint. */
    public FindOptions hint(Bson hint) {
        this.hint = hint;
        return this;
    }

    /** A comment shown in the server's logs and profiler. */
    public FindOptions comment(String comment) {
        this.comment = comment;
        return this;
    }
}
