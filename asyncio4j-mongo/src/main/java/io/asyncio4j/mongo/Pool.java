package io.asyncio4j.mongo;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Future;
import io.asyncio4j.TimeoutError;
import io.asyncio4j.loop.EventLoop;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The connection pool of one server (the CMAP spec, simplified): at most {@code maxPoolSize}
 * connections, {@code minPoolSize} kept open by the monitor, waiters served first-come
 * first-served, and a generation number that {@link #clear()} bumps after a network error so that
 * every connection of the old generation is closed when it comes back instead of being reused.
 * All state is touched on the loop thread only.
 */
final class Pool {
    private final ServerAddress address;
    private final ClientSettings settings;
    private final ArrayDeque<MongoConnection> idle = new ArrayDeque<>();
    private final ArrayDeque<Future<MongoConnection>> waiters = new ArrayDeque<>();
    private final int maxSize;
    private final int minSize;
    private int total;
    private int generation;
    private boolean closed;

    Pool(ServerAddress address, ClientSettings settings) {
        this.address = address;
        this.settings = settings;
        this.maxSize = settings.uri().maxPoolSize() <= 0 ? Integer.MAX_VALUE : settings.uri().maxPoolSize();
        this.minSize = settings.uri().minPoolSize();
        if (minSize > maxSize) {
            throw new ConfigurationError("minPoolSize " + minSize + " exceeds maxPoolSize " + maxSize);
        }
    }

    /** Takes an idle connection, opens a new one below the maximum, or waits for one. */
    MongoConnection checkout(Duration waitTimeout) throws Exception {
        if (closed) {
            throw new InvalidOperation("the client is closed");
        }
        MongoConnection c = takeIdle();
        if (c != null) {
            return c;
        }
        if (total < maxSize && waiters.isEmpty()) {
            total++;
            return openReserved();
        }
        Future<MongoConnection> f = EventLoop.current().createFuture();
        waiters.add(f);
        MongoConnection got;
        try {
            got = waitTimeout == null ? f.await() : Asyncio.waitFor(f, waitTimeout);
        } catch (TimeoutError e) {
            waiters.remove(f);
            throw new WaitQueueTimeoutError("no connection to " + address + " became free within " + waitTimeout
                    + " (maxPoolSize " + maxSize + ")");
        } catch (CancelledError e) {
            waiters.remove(f);
            if (f.isDone() && !f.cancelled() && f.exception() == null) {
                giveBack(f.resultNow()); // handed to us just as we were cancelled
            }
            throw e;
        }
        return got != null ? got : openReserved();
    }

    private void giveBack(MongoConnection c) {
        if (c == null) {
            total--;
            serveWaiter();
        } else {
            checkin(c);
        }
    }

    private MongoConnection takeIdle() {
        MongoConnection c;
        while ((c = idle.pollLast()) != null) {
            if (c.isClosed() || c.generation != generation) {
                c.close();
                total--;
                continue;
            }
            return c;
        }
        return null;
    }

    /** Opens a connection for a slot already counted in {@code total}. */
    private MongoConnection openReserved() throws Exception {
        try {
            return MongoConnection.open(address, generation, settings);
        } catch (Throwable t) {
            total--;
            serveWaiter();
            throw t;
        }
    }

    /** Returns a connection; a closed or stale one is dropped and its slot given to a waiter. */
    void checkin(MongoConnection c) {
        if (closed || c.isClosed() || c.generation != generation) {
            c.close();
            total--;
            serveWaiter();
            return;
        }
        Future<MongoConnection> w;
        while ((w = waiters.poll()) != null) {
            if (!w.isDone()) {
                w.setResult(c);
                return;
            }
        }
        idle.addLast(c);
    }

    private void serveWaiter() {
        if (total >= maxSize) {
            return;
        }
        Future<MongoConnection> w;
        while ((w = waiters.poll()) != null) {
            if (!w.isDone()) {
                total++;
                w.setResult(null); // the waiter opens a new connection in this slot
                return;
            }
        }
    }

    /** Bumps the generation and closes the idle connections (after a network error). */
    void clear() {
        generation++;
        MongoConnection c;
        while ((c = idle.poll()) != null) {
            c.close();
            total--;
        }
        serveWaiter();
    }

    /** Opens connections up to {@code minPoolSize} (called by the monitor). */
    void ensureMinSize() throws Exception {
        while (!closed && total < minSize) {
            total++;
            checkin(openReserved());
        }
    }

    void close() {
        closed = true;
        MongoConnection c;
        while ((c = idle.poll()) != null) {
            c.close();
            total--;
        }
        Future<MongoConnection> w;
        while ((w = waiters.poll()) != null) {
            if (!w.isDone()) {
                w.setException(new InvalidOperation("the client was closed"));
            }
        }
    }

    int total() {
        return total;
    }

    int idleCount() {
        return idle.size();
    }

    int generation() {
        return generation;
    }
}
