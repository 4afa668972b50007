package io.asyncio4j.postgres;

/** Type OIDs of the built-in types this client knows (from {@code pg_type.dat}). */
final class Oids {
    static final int BOOL = 16, BYTEA = 17, CHAR = 18, NAME = 19, INT8 = 20, INT2 = 21, INT4 = 23, REGPROC = 24,
            TEXT = 25, OID = 26, JSON = 114, XML = 142, FLOAT4 = 700, FLOAT8 = 701, UNKNOWN = 705, CIDR = 650,
            INET = 869, BPCHAR = 1042, VARCHAR = 1043, DATE = 1082, TIME = 1083, TIMESTAMP = 1114,
            TIMESTAMPTZ = 1184, INTERVAL = 1186, TIMETZ = 1266, NUMERIC = 1700, REGCLASS = 2205, REGTYPE = 2206,
            RECORD = 2249, VOID = 2278, UUID = 2950, JSONB = 3802,
            INT4RANGE = 3904, NUMRANGE = 3906, TSRANGE = 3908, TSTZRANGE = 3910, DATERANGE = 3912, INT8RANGE = 3926;

    /** {element OID, array OID} pairs of the built-in array types. */
    static final int[][] ARRAYS = {
            {BOOL, 1000}, {BYTEA, 1001}, {CHAR, 1002}, {NAME, 1003}, {INT2, 1005}, {INT4, 1007}, {TEXT, 1009},
            {BPCHAR, 1014}, {VARCHAR, 1015}, {INT8, 1016}, {FLOAT4, 1021}, {FLOAT8, 1022}, {OID, 1028},
            {JSON, 199}, {XML, 143}, {CIDR, 651}, {INET, 1041}, {DATE, 1182}, {TIME, 1183}, {TIMESTAMP, 1115},
            {TIMESTAMPTZ, 1185}, {INTERVAL, 1187}, {TIMETZ, 1270}, {NUMERIC, 1231}, {UUID, 2951}, {JSONB, 3807},
            {RECORD, 2287}, {REGCLASS, 2210}, {REGTYPE, 2211},
            {INT4RANGE, 3905}, {NUMRANGE, 3907}, {TSRANGE, 3909}, {TSTZRANGE, 3911}, {DATERANGE, 3913},
            {INT8RANGE, 3927},
    };

    /** {range OID, subtype OID} pairs of the built-in range types. */
    static final int[][] RANGES = {
            {INT4RANGE, INT4}, {INT8RANGE, INT8}, {NUMRANGE, NUMERIC}, {TSRANGE, TIMESTAMP},
            {TSTZRANGE, TIMESTAMPTZ}, {DATERANGE, DATE},
    };

    private Oids() {
    }
}
