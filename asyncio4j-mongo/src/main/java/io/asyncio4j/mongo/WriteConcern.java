package io.asyncio4j.mongo;

import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;

/**
 * How many members must acknowledge a write (PyMongo's {@code WriteConcern}): {@code w} (a number
 * or a tag like {@code "majority"}), {@code wtimeoutMS} and {@code j}. {@link #DEFAULT} sends no
 * {@code writeConcern} field, leaving the server's default.
 *
 * <pre>{@code
 * coll.withWriteConcern(WriteConcern.MAJORITY).insertOne(doc);
 * }</pre>
 *
 * @param w a non-negative Integer, a String tag, or null (server default)
 * @param wtimeoutMS the time limit, or null
 * @param journal whether to wait for the journal, or null
 */
public record WriteConcern(Object w, Integer wtimeoutMS, Boolean journal) {
    /** The server's default: no {@code writeConcern} is sent. */
    public static final WriteConcern DEFAULT = new WriteConcern(null, null, null);
    /** {@code w: 0}: unacknowledged. */
    public static final WriteConcern UNACKNOWLEDGED = new WriteConcern(0, null, null);
    /** {@code w: 1}. */
    public static final WriteConcern W1 = new WriteConcern(1, null, null);
    /** {@code w: "majority"}. */
    public static final WriteConcern MAJORITY = new WriteConcern("majority", null, null);

    /** Checks that {@code w} is an Integer, a String or null. */
    public WriteConcern {
        if (w != null && !(w instanceof Integer) && !(w instanceof String)) {
            throw new ConfigurationError("w must be an integer or a string, not " + w);
        }
    }

    /** Whether this is the server default. */
    public boolean isServerDefault() {
        return w == null && wtimeoutMS == null && journal == null;
    }

    /** Whether the server acknowledges writes. */
    public boolean isAcknowledged() {
        return !(Integer.valueOf(0).equals(w) && !Boolean.TRUE.equals(journal));
    }

    /** The {@code writeConcern} document. */
    public BsonDocument toDocument() {
        BsonDocument d = new BsonDocument();
        if (w instanceof Integer i) {
            d.put("w", new BsonInt32(i));
        } else if (w instanceof String s) {
            d.put("w", new BsonString(s));
        }
        if (wtimeoutMS != null) {
            d.put("wtimeout", new BsonInt64(wtimeoutMS));
        }
        if (journal != null) {
            d.put("j", BsonBoolean.valueOf(journal));
        }
        return d;
    }
}
