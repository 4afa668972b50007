package io.asyncio4j.net;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coroutine;
import io.asyncio4j.loop.EventLoop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * N event loops on N platform threads, to use every core (asyncio runs one loop per process; this
 * is the Netty/uvloop-cluster way of scaling out). Each loop is independent: a connection, its
 * transport and its tasks stay on the loop that accepted it. {@link #createServer} listens on the
 * same port on every loop with {@code SO_REUSEPORT}, so the kernel spreads connections.
 *
 * <pre>{@code
 * try (LoopGroup group = new LoopGroup(Runtime.getRuntime().availableProcessors())) {
 *     LoopGroup.GroupServer server = group.createServer(Echo::new, "127.0.0.1", 8888);
 *     ...
 *     server.close();
 * }
 * }</pre>
 */
public final class LoopGroup implements AutoCloseable {
    private final List<EventLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean closed;

    /** Starts {@code n} loops, each running forever on its own platform thread. */
    public LoopGroup(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive");
        }
        CountDownLatch ready = new CountDownLatch(n);
        EventLoop[] made = new EventLoop[n];
        RuntimeException[] failure = new RuntimeException[1];
        for (int i = 0; i < n; i++) {
            int idx = i;
            Thread t = Thread.ofPlatform().name("asyncio4j-group-loop-" + i).daemon().unstarted(() -> {
                EventLoop loop;
                try {
                    loop = new EventLoop();
                } catch (RuntimeException e) {
                    failure[0] = e;
                    ready.countDown();
                    return;
                }
                made[idx] = loop;
                loop.callSoon(ready::countDown);
                try {
                    loop.runForever();
                } finally {
                    loop.close();
                }
            });
            threads.add(t);
            t.start();
        }
        try {
            ready.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the loops", e);
        }
        if (failure[0] != null) {
            close();
            throw failure[0];
        }
        loops.addAll(List.of(made));
    }

    /** A group of one loop per available processor. */
    public static LoopGroup perCore() {
        return new LoopGroup(Runtime.getRuntime().availableProcessors());
    }

    public int size() {
        return loops.size();
    }

    /** The loops, in order. */
    public List<EventLoop> loops() {
        return List.copyOf(loops);
    }

    /** The next loop, round robin. */
    public EventLoop next() {
        return loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
    }

    /** Runs {@code coroutine} as a task on {@code loop} of this group; thread-safe. */
    public <T> CompletableFuture<T> submit(EventLoop loop, Coroutine<T> coroutine) {
        return Asyncio.runCoroutineThreadsafe(coroutine, loop);
    }

    /** Runs {@code coroutine} once on every loop and waits (from a non-loop thread) for all results. */
    public <T> List<T> runOnEach(Coroutine<T> coroutine) throws Exception {
        List<CompletableFuture<T>> fs = new ArrayList<>();
        for (EventLoop l : loops) {
            fs.add(submit(l, coroutine));
        }
        List<T> out = new ArrayList<>();
        for (CompletableFuture<T> f : fs) {
            try {
                out.add(f.get());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception ex ? ex : e;
            }
        }
        return out;
    }

    /**
     * Listens on {@code host:port} on every loop with {@code SO_REUSEPORT} (port 0: the first loop
     * picks a free port, the others join it). Call from a thread that is not one of the group's.
     */
    public GroupServer createServer(Supplier<? extends BaseProtocol> protocolFactory, String host, int port,
                                    ServerOptions options) throws Exception {
        return createServer(() -> Net.createServer(protocolFactory, host, currentPort(), options), host, port, options);
    }

    /** {@link #createServer(Supplier, String, int, ServerOptions)} with default options. */
    public GroupServer createServer(Supplier<? extends BaseProtocol> protocolFactory, String host, int port)
            throws Exception {
        return createServer(protocolFactory, host, port, new ServerOptions());
    }

    /**
     * The general form: {@code starter} makes the server of one loop (e.g. with
     * {@code Streams.startServer}); it must bind {@code host} and the port it finds in
     * {@link #currentPort()} with {@link ServerOptions#reusePort(boolean)} set.
     */
    public GroupServer createServer(Coroutine<Server> starter, String host, int port, ServerOptions options)
            throws Exception {
        options.reusePort(true);
        List<Server> servers = new ArrayList<>();
        int actual = port;
        try {
            for (EventLoop l : loops) {
                int p = actual;
                Server s = submit(l, () -> {
                    PORT.set(p);
                    try {
                        return starter.call();
                    } finally {
                        PORT.remove();
                    }
                }).get();
                servers.add(s);
                actual = s.port();
            }
        } catch (ExecutionException e) {
            new GroupServer(servers).close();
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
        return new GroupServer(servers);
    }

    private static final ThreadLocal<Integer> PORT = new ThreadLocal<>();

    /** Inside a starter of {@link #createServer(Coroutine, String, int, ServerOptions)}: the port to bind. */
    public static int currentPort() {
        Integer p = PORT.get();
        if (p == null) {
            throw new IllegalStateException("not inside a LoopGroup server starter");
        }
        return p;
    }

    /** Stops every loop (their tasks are cancelled) and waits for the threads to end. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (EventLoop l : loops) {
            try {
                l.callSoonThreadsafe(l::stop);
            } catch (IllegalStateException alreadyClosed) {
                // fine
            }
        }
        for (Thread t : threads) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The servers of one port, one per loop. */
    public static final class GroupServer implements AutoCloseable {
        private final List<Server> servers;

        GroupServer(List<Server> servers) {
            this.servers = List.copyOf(servers);
        }

        /** The per-loop servers. */
        public List<Server> servers() {
            return servers;
        }

        /** The shared port. */
        public int port() {
            return servers.getFirst().port();
        }

        /** Closes every loop's server (from outside the group's threads) and waits until each is closed. */
        @Override
        public void close() {
            List<CompletableFuture<Void>> fs = new ArrayList<>();
            for (Server s : servers) {
                fs.add(Asyncio.runCoroutineThreadsafe(() -> {
                    s.close();
                    s.closeClients();
                    s.waitClosed();
                    return null;
                }, s.getLoop()));
            }
            for (CompletableFuture<Void> f : fs) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (ExecutionException e) {
                    // the loop is gone: nothing left to close
                }
            }
        }
    }
}
