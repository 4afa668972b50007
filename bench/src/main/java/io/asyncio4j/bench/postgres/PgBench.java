package io.asyncio4j.bench.postgres;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.postgres.PgConnection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The asyncio4j-postgres side of {@code bench/run-pg-bench.sh}: every workload on one event loop
 * (one thread), as asyncpg runs on one asyncio loop. Twin of {@code bench/pg_bench_asyncpg.py} and
 * {@link PgJdbcBench}. Prints one line per workload: {@code name concurrency metric value}.
 *
 * <ul>
 *   <li>{@code small}: {@code SELECT $1::int} with {@code fetchVal}, queries/s;</li>
 *   <li>{@code large}: {@code SELECT * FROM pg_type} with {@code fetch}, rows/s;</li>
 *   <li>{@code batch}: {@code executeMany} of 1000 rows into a table, rows/s;</li>
 *   <li>at 1 and 10 connections (one task per connection, each waiting for its result before the
 *       next query);</li>
 *   <li>{@code pipelined}: 32 tasks sharing one connection, queries/s, against {@code small c=1}.</li>
 * </ul>
 *
 * <pre>{@code
 * java --add-opens java.base/java.lang=ALL-UNNAMED -cp 'bench/target/asyncio4j-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*' \
 *      io.asyncio4j.bench.postgres.PgBench postgresql://postgres@127.0.0.1:5432/postgres 3
 * }</pre>
 */
public final class PgBench {
    private PgBench() {
    }

    interface Op {
        /** Runs one operation; returns the units done (queries or rows). */
        long run(PgConnection conn) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String dsn = args.length > 0 ? args[0] : System.getenv("ASYNCIO4J_PG_DSN");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        String only = args.length > 2 ? args[2] : "";
        Asyncio.run(() -> {
            try (PgConnection setup = PgConnection.connect(dsn)) {
                setup.execute("DROP TABLE IF EXISTS bench_batch; CREATE UNLOGGED TABLE bench_batch(a int, b text, c float8)");
            }
            List<Object[]> batch = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                batch.add(new Object[] {i, "row-" + i, i * 0.25});
            }
            Op small = c -> {
                c.fetchVal("SELECT $1::int", 42);
                return 1;
            };
            Op large = c -> c.fetch("SELECT * FROM pg_type").size();
            Op insert = c -> {
                c.executeMany("INSERT INTO bench_batch VALUES ($1, $2, $3)", batch);
                return batch.size();
            };
            for (int conc : new int[] {1, 10}) {
                run(dsn, only, "small", conc, "queries/s", small, seconds);
                run(dsn, only, "large", conc, "rows/s", large, seconds);
                run(dsn, only, "batch", conc, "rows/s", insert, seconds);
            }
            if (only.isEmpty() || only.equals("pipelined")) {
                report("pipelined", 32, "queries/s", pipelined(dsn, 32, seconds));
            }
            try (PgConnection setup = PgConnection.connect(dsn)) {
                setup.execute("DROP TABLE IF EXISTS bench_batch");
            }
            return null;
        });
    }

    private static void run(String dsn, String only, String name, int conc, String metric, Op op, double seconds)
            throws Exception {
        if (!only.isEmpty() && !only.equals(name)) {
            return;
        }
        List<PgConnection> conns = new ArrayList<>();
        for (int i = 0; i < conc; i++) {
            conns.add(PgConnection.connect(dsn));
        }
        try {
            measure(conns, op, Math.min(1.0, seconds / 2)); // warm-up (JIT, statement cache)
            report(name, conc, metric, measure(conns, op, seconds));
        } finally {
            conns.forEach(PgConnection::close);
        }
    }

    /** Each connection runs {@code op} in a loop in its own task until the time is up; units per second. */
    private static double measure(List<PgConnection> conns, Op op, double seconds) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        List<Future<?>> tasks = new ArrayList<>();
        for (PgConnection c : conns) {
            Task<Long> t = Asyncio.createTask(() -> {
                long n = 0;
                while (System.nanoTime() < end) {
                    n += op.run(c);
                }
                return n;
            });
            tasks.add(t);
        }
        long total = 0;
        for (Object n : Asyncio.gather(tasks).await()) {
            total += (Long) n;
        }
        return total / ((System.nanoTime() - start) / 1e9);
    }

    /** {@code tasks} tasks share one connection: their queries are pipelined. */
    private static double pipelined(String dsn, int tasks, double seconds) throws Exception {
        try (PgConnection c = PgConnection.connect(dsn)) {
            List<PgConnection> same = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                same.add(c);
            }
            Op small = conn -> {
                conn.fetchVal("SELECT $1::int", 42);
                return 1;
            };
            measure(same, small, Math.min(1.0, seconds / 2));
            return measure(same, small, seconds);
        }
    }

    static void report(String name, int conc, String metric, double value) {
        System.out.println(String.format(Locale.ROOT, "%s %d %s %.0f", name, conc, metric, value));
        System.out.flush();
    }
}
