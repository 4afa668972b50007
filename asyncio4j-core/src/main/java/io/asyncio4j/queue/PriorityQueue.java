package io.asyncio4j.queue;

import java.util.Comparator;
import java.util.Objects;

/**
 * A {@link Queue} that hands out the smallest item first: asyncio's {@code PriorityQueue}. Items
 * are ordered by their natural order ({@link Comparable}) or by a {@link Comparator}; an item that
 * cannot be compared makes the put throw {@link ClassCastException} (asyncio's {@code TypeError})
 * and is not added. Items that compare equal come out in no particular order (a binary heap, like
 * asyncio's {@code heapq}); add a sequence number to the key if you need FIFO among equals.
 * Everything else is {@link Queue}'s: maxsize, suspending put/get, join/taskDone, shutdown.
 *
 * <pre>{@code
 * record Job(int priority, String name) {}
 * PriorityQueue<Job> jobs = new PriorityQueue<>(Comparator.comparingInt(Job::priority));
 * jobs.putNowait(new Job(5, "later"));
 * jobs.putNowait(new Job(1, "urgent"));
 * jobs.getNowait().name();   // "urgent"
 * }</pre>
 *
 * @param <T> the item type
 */
public class PriorityQueue<T> extends Queue<T> {
    /** An unbounded queue ordering {@link Comparable} items by their natural order. */
    public PriorityQueue() {
        this(0);
    }

    /** A queue of at most {@code maxsize} {@link Comparable} items (0 or less: unbounded). */
    public PriorityQueue(int maxsize) {
        super(maxsize, new java.util.PriorityQueue<>());
    }

    /** An unbounded queue ordering items by {@code comparator}. */
    public PriorityQueue(Comparator<? super T> comparator) {
        this(0, comparator);
    }

    /** A queue of at most {@code maxsize} items (0 or less: unbounded) ordered by {@code comparator}. */
    public PriorityQueue(int maxsize, Comparator<? super T> comparator) {
        super(maxsize, new java.util.PriorityQueue<>(Objects.requireNonNull(comparator, "comparator")));
    }
}
