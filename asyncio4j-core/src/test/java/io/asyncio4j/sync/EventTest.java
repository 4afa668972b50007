package io.asyncio4j.sync;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class EventTest {

    @Test
    void setWakesEveryWaiterInOrder() throws Exception {
        List<Integer> order = Asyncio.run(() -> {
            Event event = new Event();
            List<Integer> log = new ArrayList<>();
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int id = i;
                tasks.add(Asyncio.createTask(() -> {
                    event.await();
                    log.add(id);
                }));
            }
            Asyncio.sleep(0);
            assertThat(log).isEmpty();
            assertThat(event.toString()).isEqualTo("<Event [unset, waiters:3]>");
            event.set();
            assertThat(event.isSet()).isTrue();
            Asyncio.gather(tasks).await();
            assertThat(event.toString()).isEqualTo("<Event [set]>");
            return log;
        });
        assertThat(order).containsExactly(0, 1, 2);
    }

    @Test
    void waitReturnsAtOnceWhenSetAndBlocksAgainAfterClear() throws Exception {
        Asyncio.run(() -> {
            Event event = new Event();
            assertThat(event.isSet()).isFalse();
            event.set();
            event.set(); // idempotent
            event.await(); // does not suspend
            event.clear();
            assertThat(event.isSet()).isFalse();
            Task<Void> waiter = Asyncio.createTask(() -> event.await());
            Asyncio.sleep(0);
            Asyncio.sleep(0);
            assertThat(waiter.isDone()).isFalse();
            event.set();
            waiter.await();
        });
    }

    @Test
    void waiterWokenBySetReturnsEvenIfClearedBeforeItRuns() throws Exception {
        Asyncio.run(() -> {
            Event event = new Event();
            Task<Void> waiter = Asyncio.createTask(() -> event.await());
            Asyncio.sleep(0);
            event.set();
            event.clear();
            waiter.await();
            assertThat(event.isSet()).isFalse();
        });
    }

    @Test
    void cancelledWaiterLeavesTheEvent() throws Exception {
        Asyncio.run(() -> {
            Event event = new Event();
            Task<Void> waiter = Asyncio.createTask(() -> event.await());
            Asyncio.sleep(0);
            waiter.cancel();
            Asyncio.gather(true, waiter).await();
            assertThat(waiter.cancelled()).isTrue();
            assertThat(event.toString()).isEqualTo("<Event [unset]>");
        });
    }
}
