package io.asyncio4j.postgres;

import io.asyncio4j.Asyncio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.asyncio4j.postgres.PgTestSupport.withConnection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Timeout(60)
class ErrorsAndAuthTest {
    @Test
    void uniqueViolationCarriesEveryField() throws Exception {
        withConnection(conn -> {
            conn.execute("create temp table u(id int, email text constraint u_email_key unique)");
            conn.execute("insert into u values ($1, $2)", 1, "a@x");
            assertThatThrownBy(() -> conn.execute("insert into u values ($1, $2)", 2, "a@x"))
                    .isInstanceOfSatisfying(UniqueViolation.class, e -> {
                        assertThat(e).isInstanceOf(IntegrityConstraintViolation.class);
                        assertThat(e.sqlState()).isEqualTo("23505");
                        assertThat(e.constraintName()).isEqualTo("u_email_key");
                        assertThat(e.tableName()).isEqualTo("u");
                        assertThat(e.schemaName()).startsWith("pg_temp");
                        assertThat(e.detail()).contains("a@x");
                        assertThat(e.severity()).isEqualTo("ERROR");
                        assertThat(e.serverSourceFile()).isNotBlank();
                        // the stack trace points at the calling task, not the loop's parser
                        assertThat(e.getStackTrace()[0].getClassName()).isEqualTo(PgConnection.class.getName());
                    });
            // the connection is still usable
            assertThat((Object) conn.fetchVal("select count(*) from u")).isEqualTo(1L);
        });
    }

    @Test
    void sqlStateClasses() throws Exception {
        withConnection(conn -> {
            conn.execute("create temp table p(id int primary key); create temp table c(pid int references p(id), n int not null)");
            assertThatThrownBy(() -> conn.execute("insert into c values ($1, $2)", 5, 1))
                    .isInstanceOf(ForeignKeyViolation.class);
            assertThatThrownBy(() -> conn.execute("insert into c values (null, null)"))
                    .isInstanceOfSatisfying(NotNullViolation.class, e -> assertThat(e.columnName()).isEqualTo("n"));
            assertThatThrownBy(() -> conn.fetch("selec 1"))
                    .isInstanceOfSatisfying(SyntaxError.class, e -> {
                        assertThat(e).isInstanceOf(SyntaxErrorOrAccessRuleViolation.class);
                        assertThat(e.position()).isEqualTo(1);
                    });
            assertThatThrownBy(() -> conn.fetch("select * from no_such_table")).isInstanceOf(UndefinedTable.class);
            assertThatThrownBy(() -> conn.fetchVal("select 1/0")).isInstanceOf(DivisionByZero.class);
            assertThatThrownBy(() -> conn.execute("do $$ begin raise exception 'boom' using errcode = '40001'; end $$"))
                    .isInstanceOf(SerializationFailure.class).isInstanceOf(TransactionRollback.class);
            assertThatThrownBy(() -> conn.execute("do $$ begin raise exception 'x' using errcode = '40P01'; end $$"))
                    .isInstanceOf(DeadlockDetected.class);
            assertThatThrownBy(() -> conn.execute("do $$ begin raise exception 'hint' using hint = 'try again', errcode = '22023'; end $$"))
                    .isInstanceOfSatisfying(DataError.class, e -> assertThat(e.hint()).isEqualTo("try again"));
            assertThatThrownBy(() -> conn.fetchVal("select $1::int", "not a number"))
                    .isInstanceOf(PgInterfaceError.class);
            assertThatThrownBy(() -> conn.fetchVal("select $1::int, $2::int", 1)).isInstanceOf(PgInterfaceError.class);
            assertThat((Object) conn.fetchVal("select 2")).isEqualTo(2);
        });
    }

    @Test
    void noticesReachTheListener() throws Exception {
        withConnection(conn -> {
            var seen = new java.util.ArrayList<PostgresError>();
            conn.addNoticeListener(seen::add);
            conn.execute("do $$ begin raise notice 'hello %', 42; end $$");
            conn.fetchVal("select 1"); // the notice callback was scheduled before this round trip ended
            assertThat(seen).singleElement().satisfies(n -> {
                assertThat(n.messageText()).isEqualTo("hello 42");
                assertThat(n.severity()).isEqualTo("NOTICE");
            });
        });
    }

    private static void login(String user, String password) throws Exception {
        ConnectOptions o = PgTestSupport.server().options(user, password);
        Asyncio.run(() -> {
            try (PgConnection conn = PgConnection.connect(o)) {
                assertThat((Object) conn.fetchVal("select current_user::text")).isEqualTo(user);
            }
            return null;
        });
    }

    @Test
    void scramMd5AndCleartextLogins() throws Exception {
        assumeTrue(PgTestSupport.server().hasTestUsers(), "ASYNCIO4J_PG_DSN server: no md5/scram test users");
        login(PgTestServer.SCRAM_USER, PgTestServer.SCRAM_PASSWORD);
        login(PgTestServer.MD5_USER, PgTestServer.MD5_PASSWORD);
        login(PgTestServer.CLEAR_USER, PgTestServer.CLEAR_PASSWORD);
    }

    @Test
    void badCredentials() throws Exception {
        assumeTrue(PgTestSupport.server().hasTestUsers(), "ASYNCIO4J_PG_DSN server: no md5/scram test users");
        assertThatThrownBy(() -> login(PgTestServer.SCRAM_USER, "wrong")).isInstanceOf(InvalidPassword.class)
                .hasMessageContaining("password authentication failed");
        assertThatThrownBy(() -> login(PgTestServer.MD5_USER, "wrong")).isInstanceOf(InvalidPassword.class);
        assertThatThrownBy(() -> login(PgTestServer.CLEAR_USER, "wrong")).isInstanceOf(InvalidPassword.class);
        assertThatThrownBy(() -> login(PgTestServer.SCRAM_USER, null)).isInstanceOf(PgInterfaceError.class);
        ConnectOptions noDb = PgTestSupport.server().options().withDatabase("no_such_db");
        assertThatThrownBy(() -> Asyncio.run(() -> PgConnection.connect(noDb))).isInstanceOf(InvalidCatalogName.class);
    }

    @Test
    void unixSocket() throws Exception {
        assumeTrue(PgTestSupport.server().socketDir() != null, "external server");
        ConnectOptions o = PgTestSupport.server().options().withHost(PgTestSupport.server().socketDir().toString());
        Asyncio.run(() -> {
            try (PgConnection conn = PgConnection.connect(o)) {
                assertThat((Object) conn.fetchVal("select 7")).isEqualTo(7);
            }
            return null;
        });
    }

    @Test
    void connectionRefused() throws Exception {
        ConnectOptions o = PgTestSupport.server().options().withPort(1);
        assertThatThrownBy(() -> Asyncio.run(() -> PgConnection.connect(o))).isInstanceOf(PgConnectionError.class);
    }
}
