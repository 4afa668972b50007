package io.asyncio4j.postgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static io.asyncio4j.postgres.PgTestSupport.withConnection;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class ConnectionBasicsTest {
    @Test
    void selectOne() throws Exception {
        withConnection(conn -> {
            int one = conn.fetchVal("select 1");
            assertThat(one).isEqualTo(1);
            assertThat(conn.getServerParameter("server_version")).isNotBlank();
            assertThat(conn.getServerPid()).isPositive();
        });
    }

    @Test
    void executeFetchRecords() throws Exception {
        withConnection(conn -> {
            conn.execute("create temp table t(id int primary key, name text)");
            assertThat(conn.execute("insert into t values ($1, $2)", 1, "one")).isEqualTo("INSERT 0 1");
            conn.execute("insert into t values ($1, $2)", 2, null);
            List<Record> rows = conn.fetch("select id, name from t order by id");
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).get("id")).isEqualTo(1);
            assertThat(rows.get(0).get(1)).isEqualTo("one");
            assertThat(rows.get(1).get("name")).isNull();
            assertThat(rows.get(0).keys()).containsExactly("id", "name");
            assertThat(conn.fetchRow("select * from t where id = $1", 3)).isNull();
            assertThat(conn.fetchRow("select * from t where id = $1", 2).getInt("id")).isEqualTo(2);
            assertThat(conn.execute("update t set name = 'x'")).isEqualTo("UPDATE 2");
        });
    }
}
