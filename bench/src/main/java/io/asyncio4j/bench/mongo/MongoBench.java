package io.asyncio4j.bench.mongo;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.mongo.AsyncCollection;
import io.asyncio4j.mongo.AsyncMongoClient;
import org.bson.Document;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Inserts/s and finds/s (findOne by _id) at 1 and 64 concurrent tasks, asyncio4j-mongo next to
 * the official reactive-streams driver, against the same in-process mongo-java-server (or a URI
 * given as the first argument). Run through {@code bench/mongo-bench.sh}; not a test.
 *
 * <pre>{@code
 * java --add-opens java.base/java.lang=ALL-UNNAMED -cp ... io.asyncio4j.bench.mongo.MongoBench [uri] [ops] [rounds]
 * }</pre>
 */
public final class MongoBench {
    private MongoBench() {
    }

    public static void main(String[] args) throws Exception {
        MongoServer server = null;
        String uri;
        if (args.length > 0 && args[0].startsWith("mongodb://")) {
            uri = args[0];
        } else {
            server = new MongoServer(new MemoryBackend().version(ServerVersion.MONGO_4_0));
            server.bind("127.0.0.1", 0);
            InetSocketAddress a = server.getLocalAddress();
            uri = "mongodb://127.0.0.1:" + a.getPort();
        }
        int ops = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        System.out.printf("server %s, %d ops per measurement, best of %d rounds%n", uri, ops, rounds);
        System.out.printf("%-10s %5s %14s %14s %8s%n", "op", "tasks", "asyncio4j/s", "reactive/s", "ratio");
        try (MongoClient rs = MongoClients.create(uri)) {
            for (String op : List.of("insert", "find")) {
                for (int conc : new int[] {1, 64}) {
                    double ours = 0;
                    double theirs = 0;
                    for (int r = 0; r < rounds; r++) {
                        ours = Math.max(ours, runOurs(uri, op, conc, ops, r));
                        theirs = Math.max(theirs, runReactive(rs, op, conc, ops, r));
                    }
                    System.out.printf(Locale.ROOT, "%-10s %5d %14.0f %14.0f %8.2f%n", op, conc, ours, theirs, ours / theirs);
                }
            }
        } finally {
            if (server != null) {
                server.shutdownNow();
            }
        }
    }

    private static double runOurs(String uri, String op, int conc, int ops, int round) throws Exception {
        return Asyncio.run(() -> {
            try (AsyncMongoClient client = new AsyncMongoClient(uri + "/?maxPoolSize=100")) {
                AsyncCollection<Document> c = client.getDatabase("bench").getCollection("ours_" + conc + "_" + round);
                c.findOne(); // connect and warm up
                AtomicInteger next = new AtomicInteger();
                long t0 = System.nanoTime();
                List<Task<Void>> tasks = new ArrayList<>();
                for (int t = 0; t < conc; t++) {
                    tasks.add(Asyncio.createTask(() -> {
                        int i;
                        while ((i = next.getAndIncrement()) < ops) {
                            if (op.equals("insert")) {
                                c.insertOne(new Document("_id", i).append("name", "n" + i).append("v", i));
                            } else {
                                if (c.findOne(new Document("_id", i)) == null) {
                                    throw new IllegalStateException("missing " + i);
                                }
                            }
                        }
                    }));
                }
                Asyncio.gather(tasks).await();
                return ops / ((System.nanoTime() - t0) / 1e9);
            }
        });
    }

    private static double runReactive(MongoClient client, String op, int conc, int ops, int round) throws Exception {
        MongoCollection<Document> c = client.getDatabase("bench").getCollection("rs_" + conc + "_" + round);
        first(c.find().first()).join();
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int t = 0; t < conc; t++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            step(c, op, ops, next, done);
            workers.add(done);
        }
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
        return ops / ((System.nanoTime() - t0) / 1e9);
    }

    private static void step(MongoCollection<Document> c, String op, int ops, AtomicInteger next,
                             CompletableFuture<Void> done) {
        int i = next.getAndIncrement();
        if (i >= ops) {
            done.complete(null);
            return;
        }
        CompletableFuture<?> f = op.equals("insert")
                ? first(c.insertOne(new Document("_id", i).append("name", "n" + i).append("v", i)))
                : first(c.find(new Document("_id", i)).first());
        f.whenComplete((v, e) -> {
            if (e != null) {
                done.completeExceptionally(e);
            } else if (v == null) {
                done.completeExceptionally(new IllegalStateException("missing " + i));
            } else {
                step(c, op, ops, next, done);
            }
        });
    }

    /** The first element of a publisher (null if none). */
    static <T> CompletableFuture<T> first(Publisher<T> p) {
        CompletableFuture<T> f = new CompletableFuture<>();
        p.subscribe(new Subscriber<T>() {
            @Override
            public void onSubscribe(Subscription s) {
                s.request(1);
            }

            @Override
            public void onNext(T t) {
                f.complete(t);
            }

            @Override
            public void onError(Throwable t) {
                f.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                f.complete(null);
            }
        });
        return f;
    }
}
