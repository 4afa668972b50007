package io.asyncio4j.queue;

import java.util.ArrayDeque;
import java.util.Collections;

/**
 * A last-in, first-out {@link Queue} (a stack): asyncio's {@code LifoQueue}. Everything but the
 * order of items is {@link Queue}'s: maxsize, suspending put/get, join/taskDone, shutdown.
 *
 * <pre>{@code
 * LifoQueue<Integer> stack = new LifoQueue<>();
 * stack.putNowait(1);
 * stack.putNowait(2);
 * stack.getNowait();   // 2
 * stack.getNowait();   // 1
 * }</pre>
 *
 * @param <T> the item type
 */
public class LifoQueue<T> extends Queue<T> {
    /** An unbounded LIFO queue. */
    public LifoQueue() {
        this(0);
    }

    /** A LIFO queue holding at most {@code maxsize} items; 0 or less means unbounded. */
    public LifoQueue(int maxsize) {
        super(maxsize, Collections.asLifoQueue(new ArrayDeque<>()));
    }
}
