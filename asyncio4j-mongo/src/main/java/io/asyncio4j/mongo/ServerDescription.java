package io.asyncio4j.mongo;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;
import org.bson.BsonValue;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the last {@code hello}/{@code isMaster} said about one server (the SDAM spec's
 * ServerDescription), with its average round-trip time.
 */
record ServerDescription(ServerAddress address, Type type, String setName, Set<ServerAddress> hosts,
                         ServerAddress primary, ServerAddress me, Integer setVersion, BsonObjectId electionId,
                         double rttMillis, BsonDocument tags, int maxWireVersion, Integer logicalSessionTimeoutMinutes,
                         Throwable error) {

    /** The SDAM server types. */
    enum Type { UNKNOWN, STANDALONE, MONGOS, RS_PRIMARY, RS_SECONDARY, RS_ARBITER, RS_OTHER, RS_GHOST;

        boolean isDataBearing() {
            return this == STANDALONE || this == MONGOS || this == RS_PRIMARY || this == RS_SECONDARY;
        }
    }

    static ServerDescription unknown(ServerAddress address, Throwable error) {
        return new ServerDescription(address, Type.UNKNOWN, null, Set.of(), null, null, null, null, 0, new BsonDocument(),
                0, null, error);
    }

    /** Parses a hello reply; {@code rttMillis} is the (averaged) round trip. */
    static ServerDescription fromHello(ServerAddress address, BsonDocument r, double rttMillis) {
        if (!Errors.isOk(r)) {
            return unknown(address, new OperationFailure("hello failed: " + r.toJson(), 0, null, r));
        }
        String setName = r.isString("setName") ? r.getString("setName").getValue() : null;
        boolean writable = flag(r, "isWritablePrimary") || flag(r, "ismaster") || flag(r, "isMaster");
        Type type;
        if (flag(r, "isreplicaset")) {
            type = Type.RS_GHOST;
        } else if ("isdbgrid".equals(r.isString("msg") ? r.getString("msg").getValue() : null)) {
            type = Type.MONGOS;
        } else if (setName != null) {
            if (flag(r, "hidden")) {
                type = Type.RS_OTHER;
            } else if (writable) {
                type = Type.RS_PRIMARY;
            } else if (flag(r, "secondary")) {
                type = Type.RS_SECONDARY;
            } else if (flag(r, "arbiterOnly")) {
                type = Type.RS_ARBITER;
            } else {
                type = Type.RS_OTHER;
            }
        } else {
            type = Type.STANDALONE;
        }
        Set<ServerAddress> hosts = new LinkedHashSet<>();
        for (String f : new String[] {"hosts", "passives", "arbiters"}) {
            if (r.isArray(f)) {
                for (BsonValue v : (BsonArray) r.get(f)) {
                    hosts.add(ServerAddress.parse(v.asString().getValue()));
                }
            }
        }
        return new ServerDescription(address, type, setName, Set.copyOf(hosts),
                r.isString("primary") ? ServerAddress.parse(r.getString("primary").getValue()) : null,
                r.isString("me") ? ServerAddress.parse(r.getString("me").getValue()) : null,
                r.isNumber("setVersion") ? r.getNumber("setVersion").intValue() : null,
                r.isObjectId("electionId") ? r.getObjectId("electionId") : null,
                rttMillis, r.isDocument("tags") ? r.getDocument("tags") : new BsonDocument(),
                r.getNumber("maxWireVersion", new BsonInt32(0)).intValue(),
                r.isNumber("logicalSessionTimeoutMinutes") ? r.getNumber("logicalSessionTimeoutMinutes").intValue() : null,
                null);
    }

    private static boolean flag(BsonDocument r, String name) {
        BsonValue v = r.get(name);
        if (v == null) {
            return false;
        }
        if (v.isBoolean()) {
            return v.asBoolean().getValue();
        }
        return v.isNumber() && v.asNumber().intValue() != 0;
    }

    /** Whether the server matches every tag of the tag set. */
    boolean matches(BsonDocument tagSet) {
        for (var e : tagSet.entrySet()) {
            if (!e.getValue().equals(tags.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
