package io.asyncio4j.mongo;

import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.conversions.Bson;

/**
 * An index to create (PyMongo's {@code IndexModel}): keys, and the common options. The name
 * defaults to the server's convention ({@code field_1_other_-1}).
 *
 * <pre>{@code
 * coll.createIndexes(List.of(new IndexModel(new Document("email", 1)).unique(true)));
 * }</pre>
 */
public final class IndexModel {
    private final Bson keys;
    private String name;
    private boolean unique;
    private boolean sparse;
    private Long expireAfterSeconds;
    private Bson partialFilterExpression;

    /** An index on {@code keys}, e.g. {@code {"a": 1, "b": -1}}. */
    public IndexModel(Bson keys) {
        this.keys = keys;
    }

    /** Sets the name. */
    public IndexModel name(String name) {
        this.name = name;
        return this;
    }

    /** Makes the index unique. */
    public IndexModel unique(boolean unique) {
        this.unique = unique;
        return this;
    }

    /** Makes the index sparse. */
    public IndexModel sparse(boolean sparse) {
        this.sparse = sparse;
        return this;
    }

    /** A TTL index. */
    public IndexModel expireAfterSeconds(long seconds) {
        this.expireAfterSeconds = seconds;
        return this;
    }

    /** A partial index. */
    public IndexModel partialFilterExpression(Bson filter) {
        this.partialFilterExpression = filter;
        return this;
    }

    BsonDocument toDocument(org.bson.codecs.configuration.CodecRegistry registry) {
        BsonDocument k = Codecs.toBson(keys, registry);
        BsonDocument d = new BsonDocument("key", k).append("name", new BsonString(name != null ? name : defaultName(k)));
        if (unique) {
            d.put("unique", BsonBoolean.TRUE);
        }
        if (sparse) {
            d.put("sparse", BsonBoolean.TRUE);
        }
        if (expireAfterSeconds != null) {
            d.put("expireAfterSeconds", new org.bson.BsonInt64(expireAfterSeconds));
        }
        if (partialFilterExpression != null) {
            d.put("partialFilterExpression", Codecs.toBson(partialFilterExpression, registry));
        }
        return d;
    }

    static String defaultName(BsonDocument keys) {
        StringBuilder b = new StringBuilder();
        for (var e : keys.entrySet()) {
            if (!b.isEmpty()) {
                b.append('_');
            }
            b.append(e.getKey()).append('_');
            var v = e.getValue();
            b.append(v.isNumber() ? String.valueOf(v.asNumber().intValue()) : v.isString() ? v.asString().getValue() : v.toString());
        }
        return b.toString();
    }
}
