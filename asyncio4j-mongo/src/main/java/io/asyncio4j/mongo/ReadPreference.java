package io.asyncio4j.mongo;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;

import java.util.List;

/**
 * Which members of a replica set a read may go to (PyMongo's {@code ReadPreference}): the five
 * modes, optionally with tag sets. Selection among eligible servers uses the latency window
 * ({@code localThresholdMS}, 15 ms by default): a server is eligible when its average round trip
 * is within the window of the fastest one, and one of them is picked at random.
 *
 * <pre>{@code
 * AsyncCollection<Document> c = coll.withReadPreference(ReadPreference.SECONDARY_PREFERRED);
 * }</pre>
 *
 * @param mode the mode
 * @param tagSets tag sets, tried in order (empty: any)
 */
public record ReadPreference(Mode mode, List<BsonDocument> tagSets) {
    /** The modes. */
    public enum Mode {
        /** Only the primary (the default; all writes). */
        PRIMARY("primary"),
        /** The primary, or a secondary when there is none. */
        PRIMARY_PREFERRED("primaryPreferred"),
        /** Only secondaries. */
        SECONDARY("secondary"),
        /** Secondaries, or the primary when there is none. */
        SECONDARY_PREFERRED("secondaryPreferred"),
        /** Any data-bearing member within the latency window. */
        NEAREST("nearest");

        final String wireName;

        Mode(String wireName) {
            this.wireName = wireName;
        }

        /** The mode's name in URIs and on the wire, e.g. {@code secondaryPreferred}. */
        public String wireName() {
            return wireName;
        }

        static Mode parse(String s) {
            for (Mode m : values()) {
                if (m.wireName.equalsIgnoreCase(s)) {
                    return m;
                }
            }
            throw new ConfigurationError("unknown readPreference '" + s + "'");
        }
    }

    /** Primary only. */
    public static final ReadPreference PRIMARY = new ReadPreference(Mode.PRIMARY, List.of());
    /** Primary preferred. */
    public static final ReadPreference PRIMARY_PREFERRED = new ReadPreference(Mode.PRIMARY_PREFERRED, List.of());
    /** Secondary only. */
    public static final ReadPreference SECONDARY = new ReadPreference(Mode.SECONDARY, List.of());
    /** Secondary preferred. */
    public static final ReadPreference SECONDARY_PREFERRED = new ReadPreference(Mode.SECONDARY_PREFERRED, List.of());
    /** Nearest. */
    public static final ReadPreference NEAREST = new ReadPreference(Mode.NEAREST, List.of());

    /** Checks arguments: tag sets are not allowed with primary. */
    public ReadPreference {
        tagSets = List.copyOf(tagSets);
        if (mode == Mode.PRIMARY && !tagSets.isEmpty()) {
            throw new ConfigurationError("read preference primary cannot be combined with tags");
        }
    }

    /** The preference for a mode name ({@code primary}, {@code secondaryPreferred}, ...). */
    public static ReadPreference of(String mode) {
        return new ReadPreference(Mode.parse(mode), List.of());
    }

    /** This mode with tag sets. */
    public ReadPreference withTagSets(List<BsonDocument> tags) {
        return new ReadPreference(mode, tags);
    }

    /** The {@code $readPreference} document sent to mongos and replica set members. */
    public BsonDocument toDocument() {
        BsonDocument d = new BsonDocument("mode", new BsonString(mode.wireName));
        if (!tagSets.isEmpty()) {
            d.put("tags", new BsonArray(List.copyOf(tagSets)));
        }
        return d;
    }
}
