package io.asyncio4j.mongo;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.TimeoutError;
import io.asyncio4j.loop.EventLoop;
import org.bson.BsonDocument;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The live topology: the current {@link TopologyDescription}, one {@link Server} (pool + monitor
 * task) per known member, and server selection that waits for the monitors. Each monitor runs
 * {@code hello} (or {@code isMaster}) on its own connection every {@code heartbeatFrequencyMS},
 * or at once when an operation failed or a selection is waiting. Loop-thread only.
 */
final class Topology {
    /** A server: its pool and its monitor. */
    final class Server {
        final ServerAddress address;
        final Pool pool;
        Task<Void> monitor;
        Future<Void> wake;
        double rtt = -1;

        Server(ServerAddress address) {
            this.address = address;
            this.pool = new Pool(address, settings);
        }

        void requestCheck() {
            if (wake != null && !wake.isDone()) {
                wake.setResult(null);
            }
        }

        private void monitorLoop() throws Exception {
            MongoConnection conn = null;
            Throwable lastError = null;
            try {
                while (!closed) {
                    ServerDescription sd;
                    try {
                        if (conn == null || conn.isClosed()) {
                            conn = MongoConnection.open(address, -1, settings, false);
                        }
                        long t0 = System.nanoTime();
                        BsonDocument reply = conn.command("admin", conn.helloCommand(), List.of(),
                                settings.connectTimeout());
                        double ms = (System.nanoTime() - t0) / 1e6;
                        rtt = rtt < 0 ? ms : 0.2 * ms + 0.8 * rtt;
                        sd = ServerDescription.fromHello(address, reply, rtt);
                        lastError = null;
                    } catch (CancelledError e) {
                        throw e;
                    } catch (Exception e) {
                        if (conn != null) {
                            conn.close();
                            conn = null;
                        }
                        rtt = -1;
                        pool.clear();
                        sd = ServerDescription.unknown(address, e);
                        if (lastError == null) {
                            lastError = e;
                            onDescription(sd);
                            continue; // the spec's one immediate retry after a network error
                        }
                        lastError = e;
                    }
                    onDescription(sd);
                    if (closed || !servers.containsKey(address)) {
                        return;
                    }
                    if (sd.type() != ServerDescription.Type.UNKNOWN) {
                        try {
                            pool.ensureMinSize();
                        } catch (CancelledError e) {
                            throw e;
                        } catch (Exception e) {
                            // the next check reports it
                        }
                    }
                    wake = EventLoop.current().createFuture();
                    Duration wait = sd.type() == ServerDescription.Type.UNKNOWN && !selectionWaiters.isEmpty()
                            ? MIN_HEARTBEAT : heartbeat;
                    try {
                        Asyncio.waitFor(wake, wait);
                    } catch (TimeoutError e) {
                        // time for the next check
                    }
                    if (sd.type() == ServerDescription.Type.UNKNOWN) {
                        Asyncio.sleep(MIN_HEARTBEAT); // do not hammer a server that is down
                    }
                }
            } finally {
                if (conn != null) {
                    conn.close();
                }
            }
        }
    }

    static final Duration MIN_HEARTBEAT = Duration.ofMillis(500);

    final ClientSettings settings;
    private final Duration heartbeat;
    private final Duration localThreshold;
    private final Random random = new Random();
    private final Map<ServerAddress, Server> servers = new HashMap<>();
    private final List<Future<Void>> selectionWaiters = new ArrayList<>();
    private TopologyDescription description;
    private boolean started;
    private boolean closed;
    private EventLoop loop;

    Topology(ClientSettings settings) {
        this.settings = settings;
        MongoUri u = settings.uri();
        this.heartbeat = u.heartbeatFrequency();
        this.localThreshold = u.localThreshold();
        this.description = TopologyDescription.initial(u.hosts(), u.replicaSet(), u.directConnection());
    }

    TopologyDescription description() {
        return description;
    }

    private void start() {
        if (closed) {
            throw new InvalidOperation("the client is closed");
        }
        EventLoop current = EventLoop.current();
        if (current == null) {
            throw new IllegalStateException("no running event loop: call inside a task");
        }
        if (started) {
            if (current != loop) {
                throw new InvalidOperation("this client belongs to another event loop (clients are bound to the loop "
                        + "that first used them, like PyMongo's AsyncMongoClient)");
            }
            return;
        }
        started = true;
        loop = current;
        syncServers();
    }

    private void syncServers() {
        for (ServerAddress a : description.servers().keySet()) {
            if (!servers.containsKey(a)) {
                Server s = new Server(a);
                servers.put(a, s);
                s.monitor = loop.createTask(() -> {
                    s.monitorLoop();
                    return null;
                }, "mongo-monitor-" + a);
            }
        }
        for (var it = servers.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!description.servers().containsKey(e.getKey())) {
                it.remove();
                e.getValue().monitor.cancel();
                e.getValue().pool.close();
            }
        }
    }

    void onDescription(ServerDescription sd) {
        if (closed) {
            return;
        }
        TopologyDescription next = description.apply(sd);
        if (next != description) {
            description = next;
            syncServers();
        }
        List<Future<Void>> w = new ArrayList<>(selectionWaiters);
        selectionWaiters.clear();
        for (Future<Void> f : w) {
            if (!f.isDone()) {
                f.setResult(null);
            }
        }
    }

    /** Marks a server Unknown after an operation's network or "not primary" error, and re-checks it. */
    void markUnknown(ServerAddress address, Throwable error, boolean clearPool) {
        Server s = servers.get(address);
        if (s == null) {
            return;
        }
        if (clearPool) {
            s.pool.clear();
        }
        onDescription(ServerDescription.unknown(address, error));
        s.requestCheck();
    }

    /** Selects a server for a write or a read, waiting up to {@code serverSelectionTimeoutMS}. */
    Server select(ReadPreference pref, boolean write) throws Exception {
        start();
        long deadline = System.nanoTime() + settings.uri().serverSelectionTimeout().toNanos();
        while (true) {
            ServerDescription sd = description.select(pref, write, localThreshold, random);
            if (sd != null) {
                Server s = servers.get(sd.address());
                if (s != null) {
                    return s;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                Throwable last = null;
                for (ServerDescription d : description.servers().values()) {
                    if (d.error() != null) {
                        last = d.error();
                    }
                }
                throw new ServerSelectionTimeoutError("no server " + (write ? "for writes" : "for read preference "
                        + pref.mode().wireName()) + " within " + settings.uri().serverSelectionTimeout() + ": "
                        + description + (last == null ? "" : ", last error: " + last), last);
            }
            Future<Void> f = loop.createFuture();
            selectionWaiters.add(f);
            servers.values().forEach(Server::requestCheck);
            try {
                Asyncio.waitFor(f, Duration.ofNanos(left));
            } catch (TimeoutError e) {
                // loop once more and report
            } finally {
                selectionWaiters.remove(f);
            }
        }
    }

    Server server(ServerAddress a) {
        return servers.get(a);
    }

    boolean isClosed() {
        return closed;
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Server s : servers.values()) {
            if (s.monitor != null) {
                s.monitor.cancel();
            }
            s.pool.close();
        }
        for (Future<Void> f : selectionWaiters) {
            if (!f.isDone()) {
                f.setResult(null);
            }
        }
    }
}
