package io.asyncio4j.postgres;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.TimeoutError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class PoolTest {
    interface PoolBody {
        void run(PgPool pool) throws Exception;
    }

    private static void withPool(PoolOptions o, PoolBody body) throws Exception {
        Asyncio.run(() -> {
            PgPool pool = PgPool.create(o);
            try {
                body.run(pool);
            } finally {
                pool.terminate();
            }
            return null;
        });
    }

    private static PoolOptions opts(int min, int max) {
        return PoolOptions.of(PgTestSupport.server().options()).withSize(min, max);
    }

    private static void waitClosed(PgConnection c) {
        for (int i = 0; i < 500 && !c.isClosed(); i++) {
            Asyncio.sleep(0.01);
        }
        assertThat(c.isClosed()).isTrue();
    }

    @Test
    void shortcutsAcquireScopeAndExplicitRelease() throws Exception {
        withPool(opts(2, 4), pool -> {
            assertThat(pool.size()).isEqualTo(2);
            assertThat(pool.idleSize()).isEqualTo(2);
            assertThat((Object) pool.fetchVal("select $1::int + 1", 41)).isEqualTo(42);
            assertThat(pool.fetch("select generate_series(1, 3)")).hasSize(3);
            assertThat(pool.fetchRow("select 1 as a, 'x' as b").get("b")).isEqualTo("x");
            assertThat(pool.execute("select 1")).isEqualTo("SELECT 1");
            pool.execute("create table if not exists pool_t(id int)");
            pool.executeMany("insert into pool_t values ($1)", List.of(new Object[] {1}, new Object[] {2}));
            int pid = pool.acquire(conn -> conn.getServerPid());
            assertThat(pid).isPositive();
            PgConnection c = pool.acquire();
            assertThat(pool.idleSize()).isEqualTo(1);
            assertThat((Object) c.fetchVal("select count(*) from pool_t")).isEqualTo(2L);
            pool.release(c);
            assertThatThrownBy(() -> pool.release(c)).isInstanceOf(IllegalArgumentException.class);
            assertThat(pool.idleSize()).isEqualTo(2);
            // 20 concurrent tasks through 4 connections
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                tasks.add(Asyncio.createTask(() -> pool.<Integer>fetchVal("select $1::int from pg_sleep(0.01)", n)));
            }
            for (int i = 0; i < 20; i++) {
                assertThat(tasks.get(i).await()).isEqualTo(i);
            }
            assertThat(pool.size()).isEqualTo(4);
            pool.execute("drop table pool_t");
        });
    }

    @Test
    void exhaustionAcquireTimeoutAndFifoHandOff() throws Exception {
        withPool(opts(0, 2), pool -> {
            PgConnection a = pool.acquire();
            PgConnection b = pool.acquire();
            assertThat(pool.size()).isEqualTo(2);
            assertThatThrownBy(() -> pool.acquire(Duration.ofMillis(100))).isInstanceOf(TimeoutError.class);
            Task<PgConnection> waiter = Asyncio.createTask(() -> pool.acquire(Duration.ofSeconds(10)));
            Asyncio.sleep(0.05);
            assertThat(waiter.isDone()).isFalse();
            pool.release(a);
            assertThat(waiter.await()).isSameAs(a);
            // a cancelled waiter does not keep (or lose) a connection
            Task<PgConnection> gaveUp = Asyncio.createTask(() -> pool.acquire());
            Asyncio.sleep(0.02);
            gaveUp.cancel();
            assertThatThrownBy(gaveUp::await).isInstanceOf(io.asyncio4j.CancelledError.class);
            pool.release(a);
            assertThat(pool.idleSize()).isEqualTo(1);
            pool.release(b);
            assertThat(pool.size()).isEqualTo(2);
            assertThat(pool.idleSize()).isEqualTo(2);
        });
    }

    @Test
    void releaseRollsBackAndResetsTheSession() throws Exception {
        withPool(opts(1, 1), pool -> {
            pool.execute("create table if not exists pool_reset(id int)");
            PgConnection c = pool.acquire();
            c.execute("SET application_name = 'dirty'");
            c.addListener("pool_chan", n -> { });
            c.execute("BEGIN");
            c.execute("insert into pool_reset values (1)");
            assertThat(c.isInTransaction()).isTrue();
            pool.release(c);
            PgConnection again = pool.acquire();
            assertThat(again).isSameAs(c);
            assertThat(again.isInTransaction()).isFalse();
            assertThat((Object) again.fetchVal("select current_setting('application_name')")).isEqualTo("");
            assertThat((Object) again.fetchVal("select count(*) from pool_reset")).isEqualTo(0L);
            assertThat((Object) again.fetchVal("select count(*) from pg_listening_channels()")).isEqualTo(0L);
            pool.release(again);
            pool.execute("drop table pool_reset");
        });
    }

    @Test
    void discardAllResetKeepsStatementsWorking() throws Exception {
        withPool(opts(1, 1).withResetQuery("DISCARD ALL"), pool -> {
            for (int i = 0; i < 3; i++) {
                assertThat((Object) pool.fetchVal("select $1::int * 3", i)).isEqualTo(i * 3);
            }
        });
    }

    @Test
    void brokenConnectionsFailClearlyAndAreReplaced() throws Exception {
        PgTestServer pg = PgTestSupport.server();
        withPool(opts(1, 1), pool -> {
            try (PgConnection admin = PgConnection.connect(pg.options())) {
                // an idle connection killed by the server is replaced on the next acquire
                PgConnection c = pool.acquire();
                int pid = c.getServerPid();
                pool.release(c);
                admin.execute("select pg_terminate_backend($1)", pid);
                waitClosed(c);
                int pid2 = pool.fetchVal("select pg_backend_pid()");
                assertThat(pid2).isNotEqualTo(pid);
                // a query in flight fails with a connection-level error, and the pool recovers
                PgConnection d = pool.acquire();
                Task<Object> sleeping = Asyncio.createTask(() -> d.fetchVal("select pg_sleep(30)"));
                for (int i = 0; i < 500; i++) {
                    Long n = admin.fetchVal("select count(*) from pg_stat_activity where pid = $1 and query like '%pg_sleep(30)%'",
                            d.getServerPid());
                    if (n == 1L) {
                        break;
                    }
                    Asyncio.sleep(0.01);
                }
                admin.execute("select pg_terminate_backend($1)", d.getServerPid());
                assertThatThrownBy(sleeping::await).isInstanceOfAny(AdminShutdown.class, PgConnectionError.class);
                assertThat(d.isClosed()).isTrue();
                assertThatThrownBy(() -> d.fetchVal("select 1")).isInstanceOf(PgConnectionError.class);
                pool.release(d);
                assertThat((Object) pool.fetchVal("select 7")).isEqualTo(7);
                assertThat(pool.size()).isEqualTo(1);
            }
        });
    }

    @Test
    void gracefulCloseWaitsForLentConnectionsAndTerminateClosesThem() throws Exception {
        PoolOptions two = opts(2, 2); // starts the server outside the loop: it blocks
        PoolOptions one = opts(1, 1);
        Asyncio.run(() -> {
            PgPool pool = PgPool.create(two);
            PgConnection c = pool.acquire();
            Task<Void> closing = Asyncio.createTask(() -> {
                pool.close();
                return null;
            });
            Asyncio.sleep(0.05);
            assertThat(closing.isDone()).isFalse();
            assertThat(pool.idleSize()).isZero();
            assertThatThrownBy(pool::acquire).isInstanceOf(PgInterfaceError.class);
            assertThat((Object) c.fetchVal("select 1")).isEqualTo(1); // still usable until released
            pool.release(c);
            closing.await();
            assertThat(c.isClosed()).isTrue();
            assertThat(pool.size()).isZero();

            PgPool pool2 = PgPool.create(one);
            PgConnection d = pool2.acquire();
            Task<Object> q = Asyncio.createTask(() -> d.fetchVal("select pg_sleep(30)"));
            Asyncio.sleep(0.05);
            pool2.terminate();
            assertThatThrownBy(q::await).isInstanceOf(PgConnectionError.class);
            assertThat(d.isClosed()).isTrue();
            return null;
        });
    }

    @Test
    void idleExpiryAndMaxLifetime() throws Exception {
        withPool(opts(1, 2).withMaxInactiveConnectionLifetime(Duration.ofMillis(100)), pool -> {
            PgConnection c = pool.acquire();
            pool.release(c);
            Asyncio.sleep(0.3);
            assertThat(c.isClosed()).isTrue();
            assertThat(pool.size()).isZero();
            assertThat((Object) pool.fetchVal("select 1")).isEqualTo(1);
        });
        withPool(opts(1, 1).withMaxLifetime(Duration.ofMillis(100)), pool -> {
            PgConnection c = pool.acquire();
            pool.release(c);
            Asyncio.sleep(0.15);
            PgConnection d = pool.acquire();
            assertThat(d).isNotSameAs(c);
            assertThat(c.isClosed()).isTrue();
            pool.release(d);
        });
    }

    @Test
    void aServerRestartFailsQueriesInFlightAndThePoolReconnects() throws Exception {
        PgTestServer pg = PgTestSupport.server();
        org.junit.jupiter.api.Assumptions.assumeTrue(pg.canRestart(), "needs the harness's own cluster");
        withPool(opts(2, 2), pool -> {
            PgConnection c = pool.acquire();
            Task<Object> sleeping = Asyncio.createTask(() -> c.fetchVal("select pg_sleep(30)"));
            Asyncio.sleep(0.05);
            Asyncio.toThread(() -> {
                pg.restart();
                return null;
            }).await();
            assertThatThrownBy(sleeping::await).isInstanceOfAny(AdminShutdown.class, PgConnectionError.class)
                    .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("terminating connection", "closed"));
            assertThat(c.isClosed()).isTrue();
            pool.release(c);
            // the idle one died too: both are replaced
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                tasks.add(Asyncio.createTask(() -> pool.<Integer>fetchVal("select 1")));
            }
            for (Task<Integer> t : tasks) {
                assertThat(t.await()).isEqualTo(1);
            }
            assertThat(pool.size()).isLessThanOrEqualTo(2);
        });
    }

    @Test
    void initRunsOnEveryNewConnectionAndExpireConnectionsReplacesThem() throws Exception {
        int[] inits = {0};
        PoolOptions o = opts(2, 2).withInit(conn -> {
            inits[0]++;
            conn.execute("SET application_name = 'pooled'"); // RESET ALL on release would undo a SET...
        }).withResetQuery("SELECT pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *;"); // ...so keep settings
        withPool(o, pool -> {
            assertThat(inits[0]).isEqualTo(2);
            assertThat((Object) pool.fetchVal("select current_setting('application_name')")).isEqualTo("pooled");
            PgConnection lent = pool.acquire();
            int idleBefore = pool.idleSize();
            assertThat(idleBefore).isEqualTo(1);
            pool.expireConnections();
            assertThat(pool.idleSize()).isZero();
            assertThat(lent.isClosed()).isFalse(); // lent: closed on release
            pool.release(lent);
            assertThat(lent.isClosed()).isTrue();
            assertThat((Object) pool.fetchVal("select current_setting('application_name')")).isEqualTo("pooled");
            assertThat(inits[0]).isEqualTo(3);
        });
    }
}
