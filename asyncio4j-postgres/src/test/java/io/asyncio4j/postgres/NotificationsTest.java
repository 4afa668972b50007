package io.asyncio4j.postgres;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.TimeoutError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.postgres.PgTestSupport.withConnection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class NotificationsTest {
    @Test
    void notificationsAsAnAsyncQueueAndIteration() throws Exception {
        ConnectOptions o = PgTestSupport.server().options();
        withConnection(conn -> {
            try (PgConnection sender = PgConnection.connect(o)) {
                PgNotifications sub = conn.notifications("q chan");
                assertThat(sub.poll()).isNull();
                assertThatThrownBy(() -> sub.get(Duration.ofMillis(50))).isInstanceOf(TimeoutError.class);
                sender.execute("select pg_notify('q chan', 'one')");
                Notification first = sub.get(Duration.ofSeconds(10));
                assertThat(first.payload()).isEqualTo("one");
                assertThat(first.pid()).isEqualTo(sender.getServerPid());

                Task<List<String>> reader = Asyncio.createTask(() -> {
                    List<String> got = new ArrayList<>();
                    for (Notification n : sub) {
                        got.add(n.payload());
                        if (got.size() == 3) {
                            sub.close();
                        }
                    }
                    return got;
                });
                for (int i = 0; i < 3; i++) {
                    sender.execute("select pg_notify('q chan', $1)", "n" + i);
                }
                assertThat(reader.await()).containsExactly("n0", "n1", "n2");
                assertThat(sub.isClosed()).isTrue();
                assertThat((Object) conn.fetchVal("select count(*) from pg_listening_channels()")).isEqualTo(0L);
                assertThatThrownBy(sub::get).isInstanceOf(PgInterfaceError.class);

                // closing the connection ends the iteration
                PgConnection other = PgConnection.connect(o);
                PgNotifications s2 = other.notifications("q2");
                int[] seen = {0};
                Task<Integer> counting = Asyncio.createTask(() -> {
                    for (Notification ignored : s2) {
                        seen[0]++;
                    }
                    return seen[0];
                });
                sender.execute("notify q2, 'x'");
                for (int i = 0; i < 500 && seen[0] == 0; i++) {
                    Asyncio.sleep(0.01); // a NOTIFY from another backend has no event to await here
                }
                other.close();
                assertThat(counting.await()).isEqualTo(1);
            }
        });
    }
}
