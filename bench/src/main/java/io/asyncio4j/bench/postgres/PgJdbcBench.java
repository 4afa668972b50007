package io.asyncio4j.bench.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pgjdbc side of {@code bench/run-pg-bench.sh}: the same workloads as {@link PgBench}, each
 * connection driven by its own plain virtual thread ({@code Thread.ofVirtual()}, default
 * scheduler; no asyncio4j loop involved). Batch insert is {@code addBatch}/{@code executeBatch}
 * of 1000 rows (pgjdbc pipelines a batch). Prints {@code name concurrency metric value} lines.
 *
 * <pre>{@code
 * java -cp 'bench/target/asyncio4j-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*' \
 *      io.asyncio4j.bench.postgres.PgJdbcBench postgresql://postgres@127.0.0.1:5432/postgres 3
 * }</pre>
 */
public final class PgJdbcBench {
    private PgJdbcBench() {
    }

    interface Op {
        long run(Connection c) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String dsn = args.length > 0 ? args[0] : System.getenv("ASYNCIO4J_PG_DSN");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        String only = args.length > 2 ? args[2] : "";
        String url = "jdbc:" + dsn.replaceFirst("^postgres(ql)?://([^@/]+)@", "postgresql://")
                + (dsn.contains("?") ? "&" : "?") + "user=" + user(dsn) + "&prepareThreshold=1&binaryTransfer=true";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_batch");
            s.execute("CREATE UNLOGGED TABLE bench_batch(a int, b text, c float8)");
        }
        Op small = c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT ?::int")) {
                ps.setInt(1, 42);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    rs.getInt(1);
                }
            }
            return 1;
        };
        Op large = c -> {
            long n = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM pg_type"); ResultSet rs = ps.executeQuery()) {
                int cols = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= cols; i++) {
                        rs.getObject(i);
                    }
                    n++;
                }
            }
            return n;
        };
        Op insert = c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_batch VALUES (?, ?, ?)")) {
                for (int i = 0; i < 1000; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "row-" + i);
                    ps.setDouble(3, i * 0.25);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return 1000;
        };
        for (int conc : new int[] {1, 10}) {
            run(url, only, "small", conc, "queries/s", small, seconds);
            run(url, only, "large", conc, "rows/s", large, seconds);
            run(url, only, "batch", conc, "rows/s", insert, seconds);
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_batch");
        }
    }

    private static String user(String dsn) {
        String rest = dsn.replaceFirst("^postgres(ql)?://", "");
        int at = rest.indexOf('@');
        return at < 0 ? System.getProperty("user.name") : rest.substring(0, at).split(":")[0];
    }

    private static void run(String url, String only, String name, int conc, String metric, Op op, double seconds)
            throws Exception {
        if (!only.isEmpty() && !only.equals(name)) {
            return;
        }
        List<Connection> conns = new ArrayList<>();
        for (int i = 0; i < conc; i++) {
            conns.add(DriverManager.getConnection(url));
        }
        try {
            measure(conns, op, Math.min(1.0, seconds / 2));
            PgBench.report(name, conc, metric, measure(conns, op, seconds));
        } finally {
            for (Connection c : conns) {
                c.close();
            }
        }
    }

    private static double measure(List<Connection> conns, Op op, double seconds) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        AtomicLong total = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (Connection c : conns) {
            threads.add(Thread.ofVirtual().start(() -> {
                long n = 0;
                try {
                    while (System.nanoTime() < end) {
                        n += op.run(c);
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
                total.addAndGet(n);
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return total.get() / ((System.nanoTime() - start) / 1e9);
    }
}
