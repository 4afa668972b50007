package io.asyncio4j.mongo;

import org.bson.BsonDocument;
import org.bson.BsonDocumentReader;
import org.bson.BsonDocumentWrapper;
import org.bson.BsonObjectId;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonValueCodecProvider;
import org.bson.codecs.Codec;
import org.bson.codecs.CollectibleCodec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodecProvider;
import org.bson.codecs.EnumCodecProvider;
import org.bson.codecs.IterableCodecProvider;
import org.bson.codecs.MapCodecProvider;
import org.bson.codecs.ValueCodecProvider;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.codecs.jsr310.Jsr310CodecProvider;
import org.bson.codecs.pojo.PojoCodecProvider;
import org.bson.codecs.record.RecordCodecProvider;
import org.bson.conversions.Bson;

/** The default codec registry and the conversions between user documents and BSON. */
final class Codecs {
    /**
     * Values, BSON values, Documents, maps, iterables, enums, java.time, records (through
     * {@code bson-record-codec}) and POJOs ({@link PojoCodecProvider} in automatic mode).
     */
    static final CodecRegistry DEFAULT_REGISTRY = CodecRegistries.fromProviders(
            new ValueCodecProvider(), new BsonValueCodecProvider(), new DocumentCodecProvider(),
            new IterableCodecProvider(), new MapCodecProvider(), new Jsr310CodecProvider(), new EnumCodecProvider(),
            new RecordCodecProvider(), PojoCodecProvider.builder().automatic(true).build());

    private Codecs() {
    }

    /** A filter/update/projection ({@code Bson}, a Document, or null) as a BsonDocument. */
    static BsonDocument toBson(Object o, CodecRegistry registry) {
        if (o == null) {
            return new BsonDocument();
        }
        if (o instanceof BsonDocument d) {
            return d;
        }
        BsonDocument d = o instanceof Bson b ? b.toBsonDocument(BsonDocument.class, registry)
                : BsonDocumentWrapper.asBsonDocument(o, registry);
        return d instanceof BsonDocumentWrapper<?> w ? materialize(w, registry) : d;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static BsonDocument materialize(BsonDocumentWrapper<?> w, CodecRegistry registry) {
        Object wrapped = w.getWrappedDocument();
        BsonDocument out = new BsonDocument();
        Codec codec = registry.get(wrapped.getClass());
        codec.encode(new org.bson.BsonDocumentWriter(out), wrapped, org.bson.codecs.EncoderContext.builder().build());
        return out;
    }

    static Document toDocument(BsonDocument d, CodecRegistry registry) {
        return decode(d, Document.class, registry);
    }

    static <T> T decode(BsonDocument d, Class<T> type, CodecRegistry registry) {
        Codec<T> codec = registry.get(type);
        if (d instanceof RawBsonDocument raw) {
            return raw.decode(codec);
        }
        return codec.decode(new BsonDocumentReader(d), DecoderContext.builder().build());
    }

    /** An encoded document for insert, and its {@code _id} (generated when absent, as PyMongo does). */
    record Encoded(RawBsonDocument document, BsonValue id) {
    }

    @SuppressWarnings("unchecked")
    static <T> Encoded encodeForInsert(T doc, Codec<T> codec) {
        if (codec instanceof CollectibleCodec<?> cc) {
            CollectibleCodec<T> c = (CollectibleCodec<T>) cc;
            doc = c.generateIdIfAbsentFromDocument(doc);
            RawBsonDocument raw = new RawBsonDocument(doc, codec);
            return new Encoded(raw, raw.get("_id"));
        }
        RawBsonDocument raw = doc instanceof RawBsonDocument r ? r : new RawBsonDocument(doc, codec);
        BsonValue id = raw.get("_id");
        if (id == null) {
            BsonDocument withId = new BsonDocument("_id", new BsonObjectId());
            withId.putAll(raw);
            raw = new RawBsonDocument(withId, new org.bson.codecs.BsonDocumentCodec());
            id = withId.get("_id");
        }
        return new Encoded(raw, id);
    }
}
