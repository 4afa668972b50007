package io.asyncio4j.postgres;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static io.asyncio4j.postgres.PgTestSupport.withConnection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class CursorAndCopyTest {
    @Test
    void cursorIterationPrefetchesAndNeedsATransaction() throws Exception {
        withConnection(conn -> {
            assertThatThrownBy(() -> conn.cursor("select 1").iterator().hasNext())
                    .isInstanceOf(PgInterfaceError.class).hasMessageContaining("transaction");
            conn.transaction(tx -> {
                List<Integer> seen = new ArrayList<>();
                for (Record r : tx.cursor("select generate_series(1, $1::int) as n", 100).prefetch(7)) {
                    seen.add(r.getInt("n"));
                }
                assertThat(seen).hasSize(100).startsWith(1, 2, 3).endsWith(99, 100);
                int defaultPrefetch = 0;
                for (Record ignored : tx.cursor("select generate_series(1, 120)")) {
                    defaultPrefetch++;
                }
                assertThat(defaultPrefetch).isEqualTo(120);
                assertThat(tx.cursor("select 1 where false").iterator().hasNext()).isFalse();
                // an error in the query surfaces from hasNext()
                assertThatThrownBy(() -> tx.cursor("select 1/0").iterator().hasNext())
                        .isInstanceOf(DivisionByZero.class);
                return null;
            });
            assertThat((Object) conn.fetchVal("select 5")).isEqualTo(5);
        });
    }

    @Test
    void cursorForwardFetchAndFetchRow() throws Exception {
        withConnection(conn -> conn.transaction(tx -> {
            PgCursor cur = tx.cursor("select generate_series(1, 20) as n").open();
            assertThat(cur.forward(5)).isEqualTo(5);
            assertThat(cur.fetch(3)).extracting(r -> r.getInt(0)).containsExactly(6, 7, 8);
            assertThat(cur.fetchRow().getInt(0)).isEqualTo(9);
            assertThat(cur.forward(100)).isEqualTo(11);
            assertThat(cur.fetch(5)).isEmpty();
            assertThat(cur.fetchRow()).isNull();
            cur.close();
            assertThatThrownBy(() -> cur.fetch(1)).isInstanceOf(PgInterfaceError.class);
            return null;
        }));
    }

    @Test
    void copyAMillionRecordsInAndOut() throws Exception {
        withConnection(conn -> {
            conn.execute("create temp table big(id int, name text, score float8)");
            int n = 1_000_000;
            Iterable<Object[]> rows = () -> new Iterator<>() {
                int i;

                public boolean hasNext() {
                    return i < n;
                }

                public Object[] next() {
                    i++;
                    return new Object[] {i, "name" + i, i * 0.5};
                }
            };
            // another task's query pipelined into the connection while the COPY streams
            Task<Object> other = Asyncio.createTask(() -> conn.fetchVal("select 41 + 1"));
            assertThat(conn.copyRecordsToTable("big", rows, List.of())).isEqualTo(n);
            assertThat(other.await()).isEqualTo(42);
            assertThat((Object) conn.fetchVal("select count(*) from big")).isEqualTo((long) n);
            assertThat((Object) conn.fetchVal("select sum(id) from big")).isEqualTo(500000500000L);
            long[] lines = {0};
            long[] bytes = {0};
            long copied = conn.copyFromTable("big", b -> {
                lines[0]++;
                bytes[0] += b.remaining();
            }, List.of("id", "name"), CopyFormat.TEXT);
            assertThat(copied).isEqualTo(n);
            assertThat(lines[0]).isEqualTo(n);
            assertThat(bytes[0]).isGreaterThan(10L * n);
        });
    }

    @Test
    void copyStreamsInTextCsvAndBinary() throws Exception {
        withConnection(conn -> {
            conn.execute("create temp table c1(id int primary key, note text)");
            String csv = "1,one\n2,\"two, with comma\"\n3,\n";
            assertThat(conn.copyToTable("c1", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                    List.of("id", "note"), CopyFormat.CSV)).isEqualTo(3);
            assertThat(conn.copyFromQueryLines("select id, note from c1 order by id", CopyFormat.CSV))
                    .containsExactly("1,one", "2,\"two, with comma\"", "3,");
            List<String> chunks = List.of("4\tfour\n", "5\t\\N\n");
            Iterator<String> it = chunks.iterator();
            assertThat(conn.copyToTable("c1", () -> it.hasNext()
                    ? ByteBuffer.wrap(it.next().getBytes(StandardCharsets.UTF_8)) : null, List.of(), CopyFormat.TEXT))
                    .isEqualTo(2);
            assertThat((Object) conn.fetchVal("select count(*) from c1 where note is null")).isEqualTo(2L);
            // binary out, binary in
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(conn.copyFromTable("c1", out, List.of(), CopyFormat.BINARY)).isEqualTo(5);
            conn.execute("create temp table c2 (like c1)");
            assertThat(conn.copyToTable("c2", new ByteArrayInputStream(out.toByteArray()), List.of(),
                    CopyFormat.BINARY)).isEqualTo(5);
            assertThat((Object) conn.fetchVal("select count(*) from c2 join c1 using (id) where c1.note is not distinct from c2.note"))
                    .isEqualTo(5L);
        });
    }

    @Test
    void copyErrorsLeaveTheConnectionUsable() throws Exception {
        withConnection(conn -> {
            conn.execute("create temp table ce(id int primary key)");
            assertThatThrownBy(() -> conn.copyRecordsToTable("ce", List.of(new Object[] {1}, new Object[] {1}), List.of()))
                    .isInstanceOf(UniqueViolation.class);
            assertThatThrownBy(() -> conn.copyToTable("no_such_table", new ByteArrayInputStream(new byte[0]), List.of(),
                    CopyFormat.TEXT)).isInstanceOf(UndefinedTable.class);
            InputStream failing = new InputStream() {
                int calls;

                @Override
                public int read() throws IOException {
                    throw new IOException("disk on fire");
                }

                @Override
                public int read(byte[] b) throws IOException {
                    if (calls++ == 0) {
                        b[0] = '7';
                        b[1] = '\n';
                        return 2;
                    }
                    throw new IOException("disk on fire");
                }
            };
            Task<Object> other = Asyncio.createTask(() -> conn.fetchVal("select 'still' || 'here'"));
            assertThatThrownBy(() -> conn.copyToTable("ce", failing, List.of(), CopyFormat.TEXT))
                    .isInstanceOf(IOException.class).hasMessage("disk on fire");
            assertThat(other.await()).isEqualTo("stillhere");
            assertThat((Object) conn.fetchVal("select count(*) from ce")).isEqualTo(0L);
            assertThatThrownBy(() -> conn.copyFromQuery("select 1/0", b -> { }, CopyFormat.TEXT))
                    .isInstanceOf(DivisionByZero.class);
            assertThatThrownBy(() -> conn.copyFromQuery("select generate_series(1, 100000)", b -> {
                throw new IllegalStateException("sink full");
            }, CopyFormat.TEXT)).hasMessage("sink full");
            assertThat((Object) conn.fetchVal("select 3")).isEqualTo(3);
        });
    }

    @Test
    void cancellingACopyMidStreamRollsItBackAndKeepsTheConnection() throws Exception {
        withConnection(conn -> {
            conn.execute("create temp table cc(id int, pad text)");
            long[] made = {0};
            Iterable<Object[]> endless = () -> new Iterator<>() {
                public boolean hasNext() {
                    return true;
                }

                public Object[] next() {
                    return new Object[] {(int) ++made[0], "padding padding padding"};
                }
            };
            Task<Long> copy = Asyncio.createTask(() -> conn.copyRecordsToTable("cc", endless, List.of()));
            for (int i = 0; i < 1000 && made[0] < 50_000; i++) {
                Asyncio.sleep(0.005); // the copy task yields between chunks
            }
            assertThat(made[0]).isGreaterThanOrEqualTo(50_000);
            copy.cancel();
            assertThatThrownBy(copy::await).isInstanceOf(io.asyncio4j.CancelledError.class);
            assertThat((Object) conn.fetchVal("select count(*) from cc")).isEqualTo(0L);
            assertThat(conn.isClosed()).isFalse();
        });
    }
}
