package io.asyncio4j.postgres;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.postgres.PgTestSupport.withConnection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class PipelineCancelNotifyTxTest {
    @Test
    void concurrentTasksPipelineAndOneFailureDoesNotPoisonOthers() throws Exception {
        withConnection(conn -> {
            conn.execute("create temp table pl(id int primary key)");
            List<Task<Object>> tasks = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                tasks.add(Asyncio.createTask(() -> {
                    if (n == 25) {
                        return conn.fetchVal("select 1/0");
                    }
                    if (n == 30) {
                        return conn.execute("insert into pl values ($1), ($1)", n); // duplicate key
                    }
                    return conn.fetchVal("select $1::int * 2", n);
                }));
            }
            List<Object> results = Asyncio.gather(true, new ArrayList<Future<?>>(tasks)).await();
            for (int i = 0; i < 50; i++) {
                if (i == 25) {
                    assertThat(results.get(i)).isInstanceOf(DivisionByZero.class);
                } else if (i == 30) {
                    assertThat(results.get(i)).isInstanceOf(UniqueViolation.class);
                } else {
                    assertThat(results.get(i)).isEqualTo(i * 2);
                }
            }
            assertThat((Object) conn.fetchVal("select count(*) from pl")).isEqualTo(0L);
            // several queries were in flight at once
            conn.fetchVal("select pg_backend_pid()"); // cached: the tasks below only Bind/Execute
            List<Future<?>> inFlight = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                inFlight.add(Asyncio.createTask(() -> conn.fetchVal("select pg_backend_pid()")));
            }
            Asyncio.sleep(0); // let every task write its query
            assertThat(conn.protocol.inFlightCount()).isGreaterThan(1);
            Asyncio.gather(inFlight).await();
        });
    }

    @Test
    void executeManyIsPipelinedAndAtomic() throws Exception {
        withConnection(conn -> {
            conn.execute("create temp table em(id int primary key, v text)");
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                rows.add(new Object[] {i, "v" + i});
            }
            conn.executeMany("insert into em values ($1, $2)", rows);
            assertThat((Object) conn.fetchVal("select count(*) from em")).isEqualTo(1000L);
            List<Object[]> bad = List.of(new Object[] {5000, "a"}, new Object[] {1, "dup"}, new Object[] {5001, "b"});
            assertThatThrownBy(() -> conn.executeMany("insert into em values ($1, $2)", bad))
                    .isInstanceOf(UniqueViolation.class);
            assertThat((Object) conn.fetchVal("select count(*) from em")).isEqualTo(1000L);
        });
    }

    @Test
    void cancellingATaskCancelsItsQueryAndTheConnectionStaysUsable() throws Exception {
        PgTestServer pg = PgTestSupport.server();
        withConnection(conn -> {
            try (PgConnection watcher = PgConnection.connect(pg.options())) {
                int pid = conn.getServerPid();
                Task<Object> sleeper = Asyncio.createTask(() -> conn.fetchVal("select pg_sleep(10)"));
                // wait until the server runs the query (deterministic: ask the server)
                while (!Boolean.TRUE.equals(watcher.fetchVal(
                        "select exists(select 1 from pg_stat_activity where pid = $1 and state = 'active'"
                                + " and query like 'select pg_sleep%')", pid))) {
                    Asyncio.sleep(0.01);
                }
                long start = System.nanoTime();
                sleeper.cancel();
                assertThatThrownBy(sleeper::await).isInstanceOf(CancelledError.class);
                assertThat((Object) conn.fetchVal("select 42")).isEqualTo(42);
                assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
                // the server really stopped the query
                assertThat((Object) watcher.fetchVal(
                        "select count(*) from pg_stat_activity where pid = $1 and query like 'select pg_sleep%' and state = 'active'",
                        pid)).isEqualTo(0L);
            }
        });
    }

    @Test
    void waitForTimeoutCancelsTheQuery() throws Exception {
        withConnection(conn -> {
            conn.execute("set statement_timeout = '20s'");
            assertThatThrownBy(() -> Asyncio.waitFor(Asyncio.createTask(() -> conn.fetchVal("select pg_sleep(10)")), 0.5))
                    .isInstanceOf(io.asyncio4j.TimeoutError.class);
            assertThat((Object) conn.fetchVal("select 'alive'")).isEqualTo("alive");
        });
    }

    @Test
    void listenNotifyAcrossConnections() throws Exception {
        PgTestServer pg = PgTestSupport.server();
        withConnection(listener -> {
            Future<Notification> got = Asyncio.getRunningLoop().createFuture();
            listener.addListener("jobs channel", n -> {
                if (!got.isDone()) {
                    got.setResult(n);
                }
            });
            try (PgConnection sender = PgConnection.connect(pg.options())) {
                sender.execute("select pg_notify($1, $2)", "jobs channel", "payload ü");
                Notification n = Asyncio.waitFor(got, 10);
                assertThat(n.channel()).isEqualTo("jobs channel");
                assertThat(n.payload()).isEqualTo("payload ü");
                assertThat(n.pid()).isEqualTo(sender.getServerPid());
            }
        });
    }

    @Test
    void transactionsAndSavepoints() throws Exception {
        withConnection(conn -> {
            conn.execute("create temp table tx(id int)");
            conn.transaction(tx -> tx.execute("insert into tx values (1)"));
            assertThat(conn.isInTransaction()).isFalse();
            assertThatThrownBy(() -> conn.transaction(tx -> {
                tx.execute("insert into tx values (2)");
                throw new IllegalStateException("boom");
            })).isInstanceOf(IllegalStateException.class);
            assertThat((Object) conn.fetchVal("select array_agg(id order by id) from tx")).isEqualTo(List.of(1));

            conn.transaction(outer -> {
                outer.execute("insert into tx values (3)");
                assertThatThrownBy(() -> outer.transaction(inner -> {
                    inner.execute("insert into tx values (4)");
                    return inner.fetchVal("select 1/0");
                })).isInstanceOf(DivisionByZero.class);
                outer.transaction(inner -> inner.execute("insert into tx values (5)"));
                assertThat(outer.isInTransaction()).isTrue();
                return null;
            });
            assertThat((Object) conn.fetchVal("select array_agg(id order by id) from tx")).isEqualTo(List.of(1, 3, 5));

            String iso = conn.transaction(new TransactionOptions(IsolationLevel.SERIALIZABLE, true, true),
                    tx -> tx.fetchVal("select current_setting('transaction_isolation')"));
            assertThat(iso).isEqualTo("serializable");
            assertThatThrownBy(() -> conn.transaction(new TransactionOptions(IsolationLevel.DEFAULT, true, false),
                    tx -> tx.execute("create table ro_test(x int)"))).isInstanceOf(ReadOnlySqlTransaction.class);
            assertThat(conn.isInTransaction()).isFalse();
        });
    }

    @Test
    void explicitPrepareAndStatementCache() throws Exception {
        withConnection(conn -> {
            try (PgPreparedStatement ps = conn.prepare("select $1::int + $2::int as sum")) {
                assertThat(ps.columnNames()).containsExactly("sum");
                assertThat(ps.parameterTypes()).containsExactly(23, 23);
                assertThat((Object) ps.fetchVal(1, 2)).isEqualTo(3);
                assertThat(ps.fetchRow(5, 5).getInt("sum")).isEqualTo(10);
            }
            // more distinct statements than the cache holds: old ones are evicted and closed
            for (int i = 0; i < 150; i++) {
                assertThat((Object) conn.fetchVal("select " + i + " + $1::int", 1)).isEqualTo(i + 1);
            }
            long prepared = conn.fetchVal("select count(*) from pg_prepared_statements");
            assertThat(prepared).isLessThanOrEqualTo(101L);
            // a cached plan invalidated by a schema change is prepared again
            conn.execute("create temp table sc(a int)");
            conn.execute("insert into sc values (1)");
            assertThat(conn.fetch("select * from sc")).hasSize(1);
            conn.execute("alter table sc add column b int");
            assertThat(conn.fetch("select * from sc").get(0).keys()).containsExactly("a", "b");
        });
    }

    @Test
    void terminatedBackendFailsTheQueryClearly() throws Exception {
        PgTestServer pg = PgTestSupport.server();
        withConnection(admin -> {
            PgConnection victim = PgConnection.connect(pg.options());
            Task<Object> q = Asyncio.createTask(() -> victim.fetchVal("select pg_sleep(10)"));
            while (!Boolean.TRUE.equals(admin.fetchVal("select exists(select 1 from pg_stat_activity where pid = $1"
                    + " and state = 'active' and query like 'select pg_sleep%')", victim.getServerPid()))) {
                Asyncio.sleep(0.01);
            }
            assertThat((Object) admin.fetchVal("select pg_terminate_backend($1)", victim.getServerPid())).isEqualTo(true);
            assertThatThrownBy(q::await).isInstanceOf(AdminShutdown.class);
            assertThatThrownBy(() -> victim.fetchVal("select 1")).isInstanceOf(PgConnectionError.class);
            assertThat(victim.isClosed()).isTrue();
        });
    }
}
