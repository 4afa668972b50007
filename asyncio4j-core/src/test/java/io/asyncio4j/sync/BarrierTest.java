package io.asyncio4j.sync;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class BarrierTest {

    static void yieldTimes(int n) {
        for (int i = 0; i < n; i++) {
            Asyncio.sleep(0);
        }
    }

    static List<Task<Integer>> arrivals(Barrier barrier, int n) {
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(Asyncio.createTask(barrier::await));
        }
        return tasks;
    }

    @Test
    void releasesAllPartiesWithTheirArrivalIndex() throws Exception {
        List<Integer> indices = Asyncio.run(() -> {
            Barrier barrier = new Barrier(3);
            assertThat(barrier.parties()).isEqualTo(3);
            List<Task<Integer>> tasks = arrivals(barrier, 2);
            yieldTimes(2);
            assertThat(barrier.nWaiting()).isEqualTo(2);
            assertThat(tasks).noneMatch(Task::isDone);
            assertThat(barrier.toString()).isEqualTo("<Barrier [filling, waiters:2/3]>");
            int mine = barrier.await();
            assertThat(mine).isEqualTo(2);
            List<Integer> result = new ArrayList<>(Asyncio.gather(tasks).await());
            result.add(mine);
            assertThat(barrier.nWaiting()).isZero();
            assertThat(barrier.broken()).isFalse();
            return result;
        });
        assertThat(indices).containsExactly(0, 1, 2);
    }

    @Test
    void singlePartyPassesAtOnce() throws Exception {
        Asyncio.run(() -> {
            Barrier barrier = new Barrier(1);
            assertThat(barrier.await()).isZero();
            assertThat(barrier.await()).isZero();
        });
    }

    @Test
    void isReusableAndArrivalsWhileDrainingWaitForTheNextRound() throws Exception {
        List<Integer> indices = Asyncio.run(() -> {
            Barrier barrier = new Barrier(2);
            // Four tasks created together: the first two pass, the last two form round two.
            List<Task<Integer>> tasks = arrivals(barrier, 4);
            List<Integer> result = new ArrayList<>(Asyncio.gather(tasks).await());
            assertThat(barrier.nWaiting()).isZero();
            assertThat(barrier.toString()).isEqualTo("<Barrier [filling, waiters:0/2]>");
            return result;
        });
        assertThat(indices).containsExactly(0, 1, 0, 1);
    }

    @Test
    void resetBreaksTheCurrentWaitersButNotTheBarrier() throws Exception {
        Asyncio.run(() -> {
            Barrier barrier = new Barrier(3);
            List<Task<Integer>> tasks = arrivals(barrier, 2);
            yieldTimes(2);
            barrier.reset();
            List<Object> outcomes = Asyncio.gather(true, tasks.get(0), tasks.get(1)).await();
            assertThat(outcomes).allSatisfy(o -> assertThat(o)
                    .isInstanceOf(BrokenBarrierError.class)
                    .hasFieldOrPropertyWithValue("message", "Abort or reset of barrier"));
            assertThat(barrier.broken()).isFalse();
            assertThat(barrier.nWaiting()).isZero();

            // Usable again.
            List<Task<Integer>> again = arrivals(barrier, 3);
            assertThat(Asyncio.gather(again).await()).containsExactly(0, 1, 2);
        });
    }

    @Test
    void resetOfAnEmptyBarrierKeepsItFilling() throws Exception {
        Asyncio.run(() -> {
            Barrier barrier = new Barrier(2);
            barrier.reset();
            assertThat(barrier.broken()).isFalse();
            List<Task<Integer>> tasks = arrivals(barrier, 2);
            assertThat(Asyncio.gather(tasks).await()).containsExactly(0, 1);
        });
    }

    @Test
    void abortBreaksWaitersAndLaterCallers() throws Exception {
        Asyncio.run(() -> {
            Barrier barrier = new Barrier(3);
            List<Task<Integer>> tasks = arrivals(barrier, 2);
            yieldTimes(2);
            barrier.abort();
            List<Object> outcomes = Asyncio.gather(true, tasks.get(0), tasks.get(1)).await();
            assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(BrokenBarrierError.class));
            assertThat(barrier.broken()).isTrue();
            assertThat(barrier.nWaiting()).isZero();
            assertThat(barrier.toString()).isEqualTo("<Barrier [broken]>");
            assertThatThrownBy(barrier::await)
                    .isInstanceOf(BrokenBarrierError.class)
                    .hasMessage("Barrier aborted");
            // reset() repairs an aborted barrier that nobody is in.
            barrier.reset();
            assertThat(barrier.broken()).isFalse();
        });
    }

    @Test
    void cancelledWaiterLeavesWithoutBreakingTheBarrier() throws Exception {
        Asyncio.run(() -> {
            Barrier barrier = new Barrier(2);
            Task<Integer> a = Asyncio.createTask(barrier::await);
            yieldTimes(2);
            assertThat(barrier.nWaiting()).isEqualTo(1);
            a.cancel();
            Asyncio.gather(true, a).await();
            assertThat(a.cancelled()).isTrue();
            assertThat(barrier.nWaiting()).isZero();
            assertThat(barrier.broken()).isFalse();
            List<Task<Integer>> tasks = arrivals(barrier, 2);
            assertThat(Asyncio.gather(tasks).await()).containsExactly(0, 1);
        });
    }

    @Test
    void partiesMustBePositive() {
        assertThatThrownBy(() -> new Barrier(0)).isInstanceOf(IllegalArgumentException.class).hasMessage("parties must be > 0");
    }
}
