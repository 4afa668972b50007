package io.asyncio4j.mongo;

import org.bson.BsonDocument;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The client's view of the deployment (the SDAM spec's TopologyDescription) and server selection
 * (the server selection spec) on it. Immutable: {@link #apply} returns the next description.
 * Implemented rules: the topology-type transitions for Single, Unknown, Sharded and replica sets,
 * discovery of members from a primary's or secondary's host list, removal of members a primary
 * does not list, one primary at a time (an older primary by setVersion/electionId is ignored,
 * another primary is marked Unknown), and removal of servers whose {@code me} differs from their
 * address.
 */
record TopologyDescription(Type type, String setName, Map<ServerAddress, ServerDescription> servers,
                           Integer maxSetVersion, org.bson.BsonObjectId maxElectionId) {

    /** The SDAM topology types. */
    enum Type { UNKNOWN, SINGLE, SHARDED, REPLICA_SET_NO_PRIMARY, REPLICA_SET_WITH_PRIMARY }

    /** The initial description for a seed list. */
    static TopologyDescription initial(List<ServerAddress> seeds, String replicaSet, Boolean directConnection) {
        Map<ServerAddress, ServerDescription> m = new LinkedHashMap<>();
        for (ServerAddress a : seeds) {
            m.put(a, ServerDescription.unknown(a, null));
        }
        Type t;
        if (Boolean.TRUE.equals(directConnection)) {
            if (seeds.size() != 1) {
                throw new ConfigurationError("directConnection=true needs exactly one host");
            }
            t = Type.SINGLE;
        } else if (replicaSet != null) {
            t = Type.REPLICA_SET_NO_PRIMARY;
        } else {
            t = Type.UNKNOWN;
        }
        return new TopologyDescription(t, replicaSet, Map.copyOf(m), null, null);
    }

    /** The description after a server's new description, per the SDAM rules listed above. */
    TopologyDescription apply(ServerDescription sd) {
        if (!servers.containsKey(sd.address())) {
            return this;
        }
        Map<ServerAddress, ServerDescription> m = new LinkedHashMap<>(servers);
        m.put(sd.address(), sd);
        Type t = type;
        String set = setName;
        Integer maxSv = maxSetVersion;
        org.bson.BsonObjectId maxEid = maxElectionId;
        switch (type) {
            case SINGLE -> {
                return new TopologyDescription(t, set, Map.copyOf(m), maxSv, maxEid);
            }
            case UNKNOWN -> {
                switch (sd.type()) {
                    case STANDALONE -> {
                        if (servers.size() == 1) {
                            t = Type.SINGLE;
                        } else {
                            m.remove(sd.address());
                        }
                    }
                    case MONGOS -> t = Type.SHARDED;
                    case RS_PRIMARY, RS_SECONDARY, RS_ARBITER, RS_OTHER -> t = Type.REPLICA_SET_NO_PRIMARY;
                    default -> {
                    }
                }
            }
            case SHARDED -> {
                if (sd.type() != ServerDescription.Type.MONGOS && sd.type() != ServerDescription.Type.UNKNOWN) {
                    m.remove(sd.address());
                }
            }
            default -> {
            }
        }
        if (t == Type.REPLICA_SET_NO_PRIMARY || t == Type.REPLICA_SET_WITH_PRIMARY) {
            switch (sd.type()) {
                case STANDALONE, MONGOS -> m.remove(sd.address());
                case RS_PRIMARY -> {
                    if (set == null) {
                        set = sd.setName();
                    }
                    if (!sd.setName().equals(set)) {
                        m.remove(sd.address());
                        break;
                    }
                    if (sd.setVersion() != null && sd.electionId() != null && maxSv != null && maxEid != null
                            && (maxSv > sd.setVersion()
                            || (maxSv.equals(sd.setVersion()) && maxEid.compareTo(sd.electionId()) > 0))) {
                        m.put(sd.address(), ServerDescription.unknown(sd.address(),
                                new ConnectionFailure("stale primary (older setVersion/electionId)")));
                        break;
                    }
                    if (sd.setVersion() != null && sd.electionId() != null) {
                        maxSv = sd.setVersion();
                        maxEid = sd.electionId();
                    }
                    for (var e : new ArrayList<>(m.entrySet())) {
                        if (!e.getKey().equals(sd.address()) && e.getValue().type() == ServerDescription.Type.RS_PRIMARY) {
                            m.put(e.getKey(), ServerDescription.unknown(e.getKey(), null));
                        }
                    }
                    for (ServerAddress h : sd.hosts()) {
                        m.putIfAbsent(h, ServerDescription.unknown(h, null));
                    }
                    m.keySet().removeIf(a -> !sd.hosts().contains(a));
                }
                case RS_SECONDARY, RS_ARBITER, RS_OTHER -> {
                    if (set == null) {
                        set = sd.setName();
                    }
                    if (!sd.setName().equals(set)) {
                        m.remove(sd.address());
                        break;
                    }
                    boolean hasPrimary = m.values().stream().anyMatch(s -> s.type() == ServerDescription.Type.RS_PRIMARY);
                    if (!hasPrimary) {
                        for (ServerAddress h : sd.hosts()) {
                            m.putIfAbsent(h, ServerDescription.unknown(h, null));
                        }
                    }
                    if (sd.me() != null && !sd.me().equals(sd.address())) {
                        m.remove(sd.address());
                    }
                }
                default -> {
                }
            }
            t = m.values().stream().anyMatch(s -> s.type() == ServerDescription.Type.RS_PRIMARY)
                    ? Type.REPLICA_SET_WITH_PRIMARY : Type.REPLICA_SET_NO_PRIMARY;
        }
        return new TopologyDescription(t, set, Map.copyOf(m), maxSv, maxEid);
    }

    /** Whether any known server supports sessions (all data-bearing ones report a timeout). */
    Integer logicalSessionTimeoutMinutes() {
        Integer min = null;
        for (ServerDescription s : servers.values()) {
            if (s.type().isDataBearing()) {
                if (s.logicalSessionTimeoutMinutes() == null) {
                    return null;
                }
                min = min == null ? s.logicalSessionTimeoutMinutes() : Math.min(min, s.logicalSessionTimeoutMinutes());
            }
        }
        return min;
    }

    /**
     * Server selection: the candidates for a write (the primary, a standalone or mongos) or for a
     * read with {@code pref}, narrowed to the latency window (fastest round trip plus
     * {@code localThreshold}), one picked at random; null if none is suitable now.
     */
    ServerDescription select(ReadPreference pref, boolean write, Duration localThreshold, Random random) {
        List<ServerDescription> c = candidates(write ? ReadPreference.PRIMARY : pref);
        if (c.isEmpty()) {
            return null;
        }
        double min = c.stream().mapToDouble(ServerDescription::rttMillis).min().orElse(0);
        double limit = min + localThreshold.toNanos() / 1e6;
        List<ServerDescription> window = c.stream().filter(s -> s.rttMillis() <= limit).toList();
        return window.get(random.nextInt(window.size()));
    }

    /** The suitable servers before the latency window. */
    List<ServerDescription> candidates(ReadPreference pref) {
        Collection<ServerDescription> all = servers.values();
        return switch (type) {
            case UNKNOWN -> List.of();
            case SINGLE -> all.stream().filter(s -> s.type() != ServerDescription.Type.UNKNOWN).toList();
            case SHARDED -> all.stream().filter(s -> s.type() == ServerDescription.Type.MONGOS).toList();
            case REPLICA_SET_NO_PRIMARY, REPLICA_SET_WITH_PRIMARY -> {
                List<ServerDescription> primary = all.stream()
                        .filter(s -> s.type() == ServerDescription.Type.RS_PRIMARY).toList();
                List<ServerDescription> secondaries = all.stream()
                        .filter(s -> s.type() == ServerDescription.Type.RS_SECONDARY).toList();
                yield switch (pref.mode()) {
                    case PRIMARY -> primary;
                    case PRIMARY_PREFERRED -> primary.isEmpty() ? byTags(secondaries, pref) : primary;
                    case SECONDARY -> byTags(secondaries, pref);
                    case SECONDARY_PREFERRED -> {
                        List<ServerDescription> s = byTags(secondaries, pref);
                        yield s.isEmpty() ? primary : s;
                    }
                    case NEAREST -> {
                        List<ServerDescription> both = new ArrayList<>(primary);
                        both.addAll(secondaries);
                        yield byTags(both, pref);
                    }
                };
            }
        };
    }

    private static List<ServerDescription> byTags(List<ServerDescription> servers, ReadPreference pref) {
        if (pref.tagSets().isEmpty()) {
            return servers;
        }
        for (BsonDocument tagSet : pref.tagSets()) {
            List<ServerDescription> m = servers.stream().filter(s -> s.matches(tagSet)).toList();
            if (!m.isEmpty()) {
                return m;
            }
        }
        return List.of();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Topology[" + type + (setName == null ? "" : " " + setName) + ": ");
        for (ServerDescription s : servers.values()) {
            b.append(s.address()).append('=').append(s.type());
            if (s.error() != null) {
                b.append(" (").append(s.error().getMessage()).append(')');
            }
            b.append(' ');
        }
        return b.append(']').toString();
    }
}
