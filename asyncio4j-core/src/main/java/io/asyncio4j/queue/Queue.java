package io.asyncio4j.queue;

import io.asyncio4j.Future;
import io.asyncio4j.internal.LoopBinding;
import io.asyncio4j.sync.Event;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Objects;

/**
 * A first-in, first-out queue for producer and consumer tasks of one loop: asyncio's
 * {@code Queue}. With a {@code maxsize} above 0, {@link #put} suspends while the queue is full;
 * {@link #get} suspends while it is empty; {@code 0} (the default) means unbounded. Suspended
 * putters and getters are served in the order they arrived. {@link #qsize()} is exact, since no
 * other task of the loop runs between two statements of yours.
 *
 * <p><b>Work tracking.</b> Every item put counts as unfinished until a consumer calls
 * {@link #taskDone()} for it; {@link #join()} waits until none is unfinished.
 *
 * <p><b>Shutdown</b> (Python 3.13). After {@link #shutdown()}, puts throw {@link QueueShutDown} and
 * gets drain what is left, then throw it; {@link #shutdown(boolean) shutdown(true)} also discards
 * the items left (counting each as done, which may release {@link #join()}) so gets throw at once.
 * Either way every suspended {@code put} and {@code get} wakes up and re-checks.
 *
 * <p>Items may not be null (as in {@link java.util.concurrent.BlockingQueue}). Not thread-safe: use
 * it from tasks of one loop; from another thread, call {@code putNowait} through
 * {@code loop.callSoonThreadsafe}. Subclasses ({@link LifoQueue}, {@link PriorityQueue}) choose the
 * order by the storage they pass to {@link #Queue(int, java.util.Queue)}.
 *
 * <pre>{@code
 * Queue<String> jobs = new Queue<>(100);
 * Task<Void> worker = Asyncio.createTask(() -> {
 *     while (true) {
 *         String job = jobs.get();
 *         try {
 *             handle(job);
 *         } finally {
 *             jobs.taskDone();
 *         }
 *     }
 * });
 * for (String j : List.of("a", "b", "c")) {
 *     jobs.put(j);             // suspends while 100 jobs are waiting
 * }
 * jobs.join();                 // every job handled
 * worker.cancel();
 * }</pre>
 *
 * @param <T> the item type
 */
public class Queue<T> {
    private final LoopBinding binding = new LoopBinding();
    private final int maxsize;
    private final java.util.Queue<T> items;
    private final ArrayDeque<Future<Void>> getters = new ArrayDeque<>();
    private final ArrayDeque<Future<Void>> putters = new ArrayDeque<>();
    private final Event finished = new Event();
    private int unfinishedTasks;
    private boolean isShutdown;

    /** An unbounded FIFO queue. */
    public Queue() {
        this(0);
    }

    /** A FIFO queue holding at most {@code maxsize} items; 0 or less means unbounded. */
    public Queue(int maxsize) {
        this(maxsize, new ArrayDeque<>());
    }

    /**
     * A queue that keeps its items in {@code storage}, whose {@code offer}/{@code poll} decide the
     * order (asyncio's {@code _init}/{@code _put}/{@code _get} hooks). {@code storage} must be
     * empty and belong to this queue alone.
     */
    protected Queue(int maxsize, java.util.Queue<T> storage) {
        this.maxsize = maxsize;
        this.items = Objects.requireNonNull(storage, "storage");
        if (!storage.isEmpty()) {
            throw new IllegalArgumentException("storage must be empty");
        }
        finished.set();
    }

    /** The number of items in the queue. */
    public int qsize() {
        return items.size();
    }

    /** The most items the queue holds; 0 or less means unbounded. */
    public int maxsize() {
        return maxsize;
    }

    /** True if the queue holds no item. */
    public boolean empty() {
        return items.isEmpty();
    }

    /** True if the queue holds {@code maxsize} items; never true for an unbounded queue. */
    public boolean full() {
        return maxsize > 0 && qsize() >= maxsize;
    }

    /**
     * Puts {@code item} in the queue, suspending the current task while the queue is full.
     *
     * @throws QueueShutDown if the queue is shut down (also if that happens while waiting)
     * @throws io.asyncio4j.CancelledError if the task is cancelled while waiting; the item is
     *         then not in the queue
     */
    public void put(T item) {
        Objects.requireNonNull(item, "item");
        while (full()) {
            if (isShutdown) {
                throw new QueueShutDown();
            }
            Future<Void> putter = binding.createFuture(this);
            putters.addLast(putter);
            try {
                LoopBinding.await(putter);
            } catch (Throwable t) {
                putter.cancel(); // in case it is not done yet
                putters.removeFirstOccurrence(putter); // gone already if a get or shutdown woke it
                if (!full() && !putter.cancelled()) {
                    // We were woken by a get but cannot take the slot: pass the wake-up on.
                    wakeUpNext(putters);
                }
                throw t;
            }
        }
        putNowait(item);
    }

    /**
     * Puts {@code item} in the queue if there is room, without suspending.
     *
     * @throws QueueFull if the queue is full
     * @throws QueueShutDown if the queue is shut down
     */
    public void putNowait(T item) {
        Objects.requireNonNull(item, "item");
        if (isShutdown) {
            throw new QueueShutDown();
        }
        if (full()) {
            throw new QueueFull();
        }
        items.add(item);
        unfinishedTasks++;
        finished.clear();
        wakeUpNext(getters);
    }

    /**
     * Removes and returns the next item, suspending the current task while the queue is empty.
     *
     * @throws QueueShutDown if the queue is shut down and empty (also if that happens while
     *         waiting), or was shut down immediately
     * @throws io.asyncio4j.CancelledError if the task is cancelled while waiting; no item is then
     *         taken
     */
    public T get() {
        while (empty()) {
            if (isShutdown) {
                throw new QueueShutDown();
            }
            Future<Void> getter = binding.createFuture(this);
            getters.addLast(getter);
            try {
                LoopBinding.await(getter);
            } catch (Throwable t) {
                getter.cancel(); // in case it is not done yet
                getters.removeFirstOccurrence(getter); // gone already if a put or shutdown woke it
                if (!empty() && !getter.cancelled()) {
                    // We were woken by a put but cannot take the item: pass the wake-up on.
                    wakeUpNext(getters);
                }
                throw t;
            }
        }
        return getNowait();
    }

    /**
     * Removes and returns the next item if there is one, without suspending.
     *
     * @throws QueueEmpty if the queue is empty
     * @throws QueueShutDown if the queue is shut down and empty
     */
    public T getNowait() {
        if (empty()) {
            if (isShutdown) {
                throw new QueueShutDown();
            }
            throw new QueueEmpty();
        }
        T item = items.remove();
        wakeUpNext(putters);
        return item;
    }

    /**
     * Marks one item taken from the queue as processed: asyncio's {@code task_done()}. When every
     * item put has been marked, {@link #join()} returns.
     *
     * @throws IllegalArgumentException if called more times than items were put (asyncio's
     *         {@code ValueError}, which is {@code IllegalArgumentException} throughout asyncio4j)
     */
    public void taskDone() {
        if (unfinishedTasks <= 0) {
            throw new IllegalArgumentException("taskDone() called too many times");
        }
        unfinishedTasks--;
        if (unfinishedTasks == 0) {
            finished.set();
        }
    }

    /**
     * Suspends the current task until every item put has been marked by {@link #taskDone()} (or
     * discarded by {@link #shutdown(boolean) shutdown(true)}); returns at once if none is unfinished.
     */
    public void join() {
        if (unfinishedTasks > 0) {
            finished.await();
        }
    }

    /** {@link #shutdown(boolean) shutdown(false)}: puts fail, gets drain the queue, then fail. */
    public void shutdown() {
        shutdown(false);
    }

    /**
     * Shuts the queue down: from now on {@link #put}/{@link #putNowait} throw {@link QueueShutDown},
     * and {@link #get}/{@link #getNowait} throw it once the queue is empty. With
     * {@code immediate}, the items left are discarded at once, each counted as done for
     * {@link #join()}. Every task suspended in {@code put} or {@code get} is woken to re-check.
     * Calling it again is allowed (a later immediate shutdown still drains).
     */
    public void shutdown(boolean immediate) {
        isShutdown = true;
        if (immediate) {
            while (!empty()) {
                items.remove();
                if (unfinishedTasks > 0) {
                    unfinishedTasks--;
                }
            }
            if (unfinishedTasks == 0) {
                finished.set();
            }
        }
        // Every waiter re-checks, and finds the shutdown.
        wakeUpAll(getters);
        wakeUpAll(putters);
    }

    /** Wakes the first waiter that has not given up. */
    private static void wakeUpNext(ArrayDeque<Future<Void>> waiters) {
        while (!waiters.isEmpty()) {
            Future<Void> waiter = waiters.pollFirst();
            if (!waiter.isDone()) {
                waiter.setResult(null);
                break;
            }
        }
    }

    private static void wakeUpAll(ArrayDeque<Future<Void>> waiters) {
        while (!waiters.isEmpty()) {
            Future<Void> waiter = waiters.pollFirst();
            if (!waiter.isDone()) {
                waiter.setResult(null);
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<").append(getClass().getSimpleName());
        sb.append(" maxsize=").append(maxsize);
        if (!items.isEmpty()) {
            sb.append(" items=").append(new ArrayList<>(items));
        }
        if (!getters.isEmpty()) {
            sb.append(" getters[").append(getters.size()).append(']');
        }
        if (!putters.isEmpty()) {
            sb.append(" putters[").append(putters.size()).append(']');
        }
        if (unfinishedTasks != 0) {
            sb.append(" tasks=").append(unfinishedTasks);
        }
        if (isShutdown) {
            sb.append(" shutdown");
        }
        return sb.append('>').toString();
    }
}
