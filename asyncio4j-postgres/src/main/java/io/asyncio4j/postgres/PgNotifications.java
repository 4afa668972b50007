package io.asyncio4j.postgres;

import io.asyncio4j.Asyncio;
import io.asyncio4j.queue.Queue;
import io.asyncio4j.queue.QueueShutDown;

import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * The notifications of one {@code LISTEN} channel as an asynchronous queue: made by
 * {@link PgConnection#notifications(String)}; the async-iteration counterpart of
 * {@link PgConnection#addListener} (in asyncpg one writes a listener that feeds an
 * {@code asyncio.Queue}; this is that queue). Unbounded: notifications wait here until taken.
 * Use it from tasks of the connection's loop.
 *
 * <pre>{@code
 * try (PgNotifications events = conn.notifications("events")) {
 *     Notification first = events.get(Duration.ofSeconds(5));   // TimeoutError if none comes
 *     for (Notification n : events) {                           // until closed
 *         System.out.println(n.payload());
 *     }
 * }
 * }</pre>
 */
public final class PgNotifications implements Iterable<Notification>, AutoCloseable {
    private final PgConnection conn;
    private final String channel;
    private final Queue<Notification> queue = new Queue<>();
    private final Consumer<Notification> listener = this::offer;
    private boolean closed;

    PgNotifications(PgConnection conn, String channel) {
        this.conn = conn;
        this.channel = channel;
    }

    /** The channel listened to. */
    public String channel() {
        return channel;
    }

    Consumer<Notification> listener() {
        return listener;
    }

    private void offer(Notification n) {
        if (!closed) {
            queue.putNowait(n);
        }
    }

    /** The next notification, waiting for it; throws {@link PgInterfaceError} once closed and drained. */
    public Notification get() {
        try {
            return queue.get();
        } catch (QueueShutDown e) {
            throw closedError();
        }
    }

    /** {@link #get()} for at most {@code timeout}; then {@link io.asyncio4j.TimeoutError}. */
    public Notification get(Duration timeout) throws Exception {
        return Asyncio.timeout(timeout, () -> get());
    }

    /** The next notification if one is waiting, else null. */
    public Notification poll() {
        return queue.empty() ? null : queue.getNowait();
    }

    /** How many notifications are waiting. */
    public int pending() {
        return queue.qsize();
    }

    /** Whether the subscription (or its connection) is closed. */
    public boolean isClosed() {
        return closed;
    }

    private PgException closedError() {
        return conn.isClosed() ? new PgConnectionError("the connection is closed")
                : new PgInterfaceError("the notification subscription is closed");
    }

    /**
     * Waits for each notification in turn; {@code hasNext()} returns false once the subscription
     * or the connection is closed and the waiting ones are taken.
     */
    @Override
    public Iterator<Notification> iterator() {
        return new Iterator<>() {
            private Notification next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = queue.get();
                    } catch (QueueShutDown e) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public Notification next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Notification n = next;
                next = null;
                return n;
            }
        };
    }

    /** Stops listening (UNLISTEN if no one else listens on the channel); waiting notifications can still be taken. */
    @Override
    public void close() throws Exception {
        if (!closed) {
            shutdown();
            conn.unsubscribe(this);
        }
    }

    void shutdown() {
        closed = true;
        queue.shutdown();
    }
}
