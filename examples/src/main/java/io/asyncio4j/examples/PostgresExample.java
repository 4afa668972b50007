package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.TaskGroup;
import io.asyncio4j.postgres.PgPool;
import io.asyncio4j.postgres.PoolOptions;
import io.asyncio4j.postgres.Record;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * asyncio4j-postgres, the asyncpg way: a pool, a table, rows inserted by concurrent tasks, read
 * back in one query, a transaction, and a server-side cursor. Takes the DSN as its argument or
 * from {@code ASYNCIO4J_PG_DSN}.
 *
 * <pre>{@code
 * ./aio example postgres postgresql://postgres@127.0.0.1:5432/postgres
 * }</pre>
 */
public final class PostgresExample {
    private PostgresExample() {
    }

    public static void main(String[] args) throws Exception {
        String dsn = args.length > 0 ? args[0] : System.getenv("ASYNCIO4J_PG_DSN");
        if (dsn == null || dsn.isBlank()) {
            throw new IllegalArgumentException("give a DSN (postgresql://user@host:port/db) as the argument "
                    + "or in ASYNCIO4J_PG_DSN");
        }
        Asyncio.run(() -> {
            PgPool pool = PgPool.create(PoolOptions.of(dsn).withSize(1, 4));
            try {
                pool.execute("""
                        DROP TABLE IF EXISTS asyncio4j_example_users;
                        CREATE TABLE asyncio4j_example_users(id int PRIMARY KEY, name text NOT NULL, joined date)""");

                // 20 tasks insert one row each, sharing the pool's 4 connections
                TaskGroup.run(tg -> {
                    for (int i = 1; i <= 20; i++) {
                        int id = i;
                        tg.createTask(() -> pool.execute("INSERT INTO asyncio4j_example_users VALUES ($1, $2, $3)",
                                id, "user-" + id, LocalDate.of(2024, 1, 1).plusDays(id)));
                    }
                });

                // read them back
                List<Record> rows = pool.fetch("SELECT id, name, joined FROM asyncio4j_example_users ORDER BY id");
                System.out.println("inserted " + rows.size() + " rows concurrently");
                for (Record r : rows.subList(0, 3)) {
                    System.out.println(r.get("id") + " " + r.get("name") + " joined " + r.get("joined"));
                }

                // a transaction and a cursor on one lent connection
                long renamed = pool.acquire(conn -> conn.transaction(tx -> {
                    tx.execute("UPDATE asyncio4j_example_users SET name = upper(name) WHERE id % 5 = 0");
                    List<String> names = new ArrayList<>();
                    for (Record r : tx.cursor("SELECT name FROM asyncio4j_example_users WHERE name LIKE 'USER%' ORDER BY id")
                            .prefetch(2)) {
                        names.add(r.getString(0));
                    }
                    System.out.println("renamed in a transaction: " + names);
                    return (long) names.size();
                }));
                long total = pool.fetchVal("SELECT count(*) FROM asyncio4j_example_users");
                System.out.println(total + " rows, " + renamed + " renamed");
                pool.execute("DROP TABLE asyncio4j_example_users");
            } finally {
                pool.close();
            }
            return null;
        });
    }
}
