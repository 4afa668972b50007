package io.asyncio4j.queue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class OrderedQueuesTest {

    static <T> List<T> drain(Queue<T> q) {
        List<T> out = new ArrayList<>();
        while (!q.empty()) {
            out.add(q.getNowait());
        }
        return out;
    }

    @Test
    void lifoQueueReturnsNewestFirst() throws Exception {
        Asyncio.run(() -> {
            LifoQueue<Integer> q = new LifoQueue<>();
            for (int i = 1; i <= 4; i++) {
                q.put(i);
            }
            assertThat(q.toString()).startsWith("<LifoQueue maxsize=0");
            assertThat(q.get()).isEqualTo(4);
            q.putNowait(5);
            assertThat(drain(q)).containsExactly(5, 3, 2, 1);
        });
    }

    @Test
    void lifoQueueHonoursMaxsize() throws Exception {
        Asyncio.run(() -> {
            LifoQueue<String> q = new LifoQueue<>(2);
            q.putNowait("a");
            q.putNowait("b");
            assertThatThrownBy(() -> q.putNowait("c")).isInstanceOf(QueueFull.class);
            Task<Void> putter = Asyncio.createTask(() -> q.put("c"));
            Asyncio.sleep(0);
            assertThat(putter.isDone()).isFalse();
            assertThat(q.get()).isEqualTo("b");
            putter.await();
            assertThat(drain(q)).containsExactly("c", "a");
        });
    }

    @Test
    void priorityQueueUsesNaturalOrder() throws Exception {
        Asyncio.run(() -> {
            PriorityQueue<Integer> q = new PriorityQueue<>();
            for (int i : new int[] {5, 1, 4, 2, 3}) {
                q.put(i);
            }
            assertThat(q.get()).isEqualTo(1);
            q.putNowait(0);
            assertThat(drain(q)).containsExactly(0, 2, 3, 4, 5);
        });
    }

    record Job(int priority, String name) {
    }

    @Test
    void priorityQueueUsesAComparator() throws Exception {
        Asyncio.run(() -> {
            PriorityQueue<Job> q = new PriorityQueue<>(Comparator.comparingInt(Job::priority));
            q.putNowait(new Job(5, "later"));
            q.putNowait(new Job(1, "urgent"));
            q.putNowait(new Job(3, "soon"));
            assertThat(drain(q)).extracting(Job::name).containsExactly("urgent", "soon", "later");

            PriorityQueue<String> reversed = new PriorityQueue<>(2, Comparator.reverseOrder());
            reversed.putNowait("a");
            reversed.putNowait("c");
            assertThat(reversed.full()).isTrue();
            assertThatThrownBy(() -> reversed.putNowait("b")).isInstanceOf(QueueFull.class);
            assertThat(drain(reversed)).containsExactly("c", "a");
        });
    }

    @Test
    void priorityQueueRejectsItemsThatCannotBeCompared() throws Exception {
        Asyncio.run(() -> {
            PriorityQueue<Object> q = new PriorityQueue<>();
            assertThatThrownBy(() -> q.putNowait(new Object())).isInstanceOf(ClassCastException.class);
            assertThat(q.qsize()).isZero();
            assertThatThrownBy(q::taskDone).isInstanceOf(IllegalArgumentException.class); // nothing counted
        });
    }

    @Test
    void blockedGetterOfAPriorityQueueGetsTheSmallestItem() throws Exception {
        Asyncio.run(() -> {
            PriorityQueue<Integer> q = new PriorityQueue<>();
            Task<Integer> getter = Asyncio.createTask(q::get);
            Asyncio.sleep(0);
            q.putNowait(9);
            q.putNowait(2);             // both put before the getter runs
            assertThat(getter.await()).isEqualTo(2);
        });
    }
}
