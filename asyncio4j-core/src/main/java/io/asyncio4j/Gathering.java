package io.asyncio4j;

import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.loop.TimerHandle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** The composition functions behind {@link Asyncio}: gather, wait, shield, as_completed (asyncio's tasks.py). */
final class Gathering {
    private Gathering() {}

    @SuppressWarnings("unchecked")
    static <T> Future<T> ensureFuture(EventLoop loop, Object arg) {
        if (arg instanceof Future<?> f) {
            if (f.getLoop() != loop) {
                throw new IllegalArgumentException("The future belongs to a different loop than the one specified");
            }
            return (Future<T>) f;
        }
        if (arg instanceof Coroutine<?> c) {
            return (Future<T>) loop.createTask(c);
        }
        if (arg instanceof VoidCoroutine c) {
            return (Future<T>) loop.createTask(c);
        }
        if (arg instanceof CompletionStage<?> s) {
            return (Future<T>) Asyncio.wrapFuture(s, loop);
        }
        throw new IllegalArgumentException("An asyncio.Future, a coroutine or an awaitable is required, not " + arg);
    }

    // ------------------------------------------------------------------ gather

    @SuppressWarnings("unchecked")
    static <T> Future<List<T>> gather(EventLoop loop, List<? extends Future<? extends T>> futures, boolean returnExceptions) {
        return (Future<List<T>>) (Future<?>) gatherObjects(loop, futures, returnExceptions);
    }

    static Future<List<Object>> gatherObjects(EventLoop loop, List<? extends Future<?>> futures, boolean returnExceptions) {
        if (futures.isEmpty()) {
            Future<List<Object>> outer = new Future<>(loop);
            outer.setResult(new ArrayList<>());
            return outer;
        }
        List<Future<?>> children = new ArrayList<>(futures.size());
        Map<Future<?>, Boolean> unique = new IdentityHashMap<>();
        List<Future<?>> alreadyDone = new ArrayList<>();
        GatheringFuture outer = new GatheringFuture(loop, children, returnExceptions);
        for (Future<?> f : futures) {
            if (f.getLoop() != loop) {
                throw new IllegalArgumentException("futures are attached to different loops");
            }
            if (unique.put(f, Boolean.TRUE) == null) {
                outer.total++;
                if (f.isDone()) {
                    alreadyDone.add(f);
                } else {
                    f.addDoneCallback(outer::childDone);
                }
            }
            children.add(f);
        }
        for (Future<?> f : alreadyDone) {
            outer.childDone(f);
        }
        return outer;
    }

    /** asyncio's {@code _GatheringFuture}: cancelling it cancels the children. */
    static final class GatheringFuture extends Future<List<Object>> {
        private final List<Future<?>> children;
        private final boolean returnExceptions;
        private int total;
        private int finished;
        private boolean cancelRequested;

        GatheringFuture(EventLoop loop, List<Future<?>> children, boolean returnExceptions) {
            super(loop);
            this.children = children;
            this.returnExceptions = returnExceptions;
        }

        @Override
        public boolean cancel(String message) {
            if (isDone()) {
                return false;
            }
            boolean any = false;
            for (Future<?> child : children) {
                if (child.cancel(message)) {
                    any = true;
                }
            }
            if (any) {
                cancelRequested = true;
            }
            return any;
        }

        void childDone(Future<?> f) {
            finished++;
            if (isDone()) {
                if (!f.cancelled()) {
                    f.exception(); // mark it retrieved: the gather already reported its outcome
                }
                return;
            }
            if (!returnExceptions) {
                if (f.cancelled()) {
                    completeException(f.makeCancelledError());
                    return;
                }
                Throwable e = f.exception();
                if (e != null) {
                    completeException(e);
                    return;
                }
            }
            if (finished == total) {
                List<Object> results = new ArrayList<>(children.size());
                for (Future<?> child : children) {
                    if (child.cancelled()) {
                        String m = child.cancelMessage();
                        results.add(new CancelledError(m == null ? "" : m));
                    } else {
                        Throwable e = child.exception();
                        results.add(e != null ? e : child.resultNow());
                    }
                }
                if (cancelRequested) {
                    completeException(f.makeCancelledErrorOrNew());
                } else {
                    completeResult(results);
                }
            }
        }
    }

    // ------------------------------------------------------------------ wait

    static <T> Asyncio.Done<T> wait(EventLoop loop, Collection<? extends Future<? extends T>> futures, Duration timeout,
                                    Asyncio.ReturnWhen returnWhen) {
        if (futures.isEmpty()) {
            throw new IllegalArgumentException("Set of Tasks/Futures is empty.");
        }
        Set<Future<? extends T>> fs = identitySet(futures);
        Future<Void> waiter = new Future<>(loop);
        TimerHandle[] timer = new TimerHandle[1];
        if (timeout != null) {
            timer[0] = loop.callLater(timeout, () -> {
                if (!waiter.isDone()) {
                    waiter.setResult(null);
                }
            });
        }
        int[] counter = {fs.size()};
        Consumer<Future<? extends T>> onCompletion = f -> {
            counter[0]--;
            if (counter[0] <= 0 || returnWhen == Asyncio.ReturnWhen.FIRST_COMPLETED
                    || (returnWhen == Asyncio.ReturnWhen.FIRST_EXCEPTION && !f.cancelled() && f.exception() != null)) {
                if (timer[0] != null) {
                    timer[0].cancel();
                }
                if (!waiter.isDone()) {
                    waiter.setResult(null);
                }
            }
        };
        List<Consumer<Future<?>>> registered = new ArrayList<>();
        for (Future<? extends T> f : fs) {
            addCallback(f, onCompletion, registered);
        }
        try {
            awaitQuietly(waiter);
        } finally {
            if (timer[0] != null) {
                timer[0].cancel();
            }
            int i = 0;
            for (Future<? extends T> f : fs) {
                removeCallback(f, registered.get(i++));
            }
        }
        Set<Future<? extends T>> done = new LinkedHashSet<>();
        Set<Future<? extends T>> pending = new LinkedHashSet<>();
        for (Future<? extends T> f : fs) {
            (f.isDone() ? done : pending).add(f);
        }
        return new Asyncio.Done<>(done, pending);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> void addCallback(Future<? extends T> f, Consumer<Future<? extends T>> cb,
                                        List<Consumer<Future<?>>> registered) {
        Consumer c = x -> cb.accept((Future<? extends T>) x);
        ((Future) f).addDoneCallback(c);
        registered.add(c);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void removeCallback(Future<?> f, Consumer<Future<?>> cb) {
        ((Future) f).removeDoneCallback(cb);
    }

    private static <F> Set<F> identitySet(Collection<? extends F> items) {
        Set<F> set = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        List<F> order = new ArrayList<>();
        for (F f : items) {
            if (set.add(f)) {
                order.add(f);
            }
        }
        return new LinkedHashSet<>(order); // Futures use identity equality
    }

    /** Awaits a future that can only finish normally or be cancelled (with the task). */
    static void awaitQuietly(Future<?> f) {
        try {
            f.await();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** asyncio's {@code _cancel_and_wait}: cancels {@code fut} and waits until it is done. */
    static void cancelAndWait(Future<?> fut) {
        Future<Void> waiter = new Future<>(fut.getLoop());
        Consumer<Future<?>> release = f -> {
            if (!waiter.isDone()) {
                waiter.setResult(null);
            }
        };
        addAny(fut, release);
        try {
            fut.cancel();
            awaitQuietly(waiter);
        } finally {
            removeAny(fut, release);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void addAny(Future<?> f, Consumer<Future<?>> cb) {
        ((Future) f).addDoneCallback(cb);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void removeAny(Future<?> f, Consumer<Future<?>> cb) {
        ((Future) f).removeDoneCallback(cb);
    }

    // ------------------------------------------------------------------ shield

    static <T> Future<T> shield(Future<T> inner) {
        if (inner.isDone()) {
            return inner;
        }
        Future<T> outer = new Future<>(inner.getLoop());
        Consumer<Future<T>> innerDone = in -> {
            if (outer.cancelled()) {
                if (!in.cancelled()) {
                    in.exception(); // mark retrieved
                }
                return;
            }
            if (in.cancelled()) {
                outer.cancel();
            } else {
                Throwable e = in.exception();
                if (e != null) {
                    outer.setException(e);
                } else {
                    outer.setResult(in.resultNow());
                }
            }
        };
        inner.addDoneCallback(innerDone);
        outer.addDoneCallback(o -> {
            if (!inner.isDone()) {
                inner.removeDoneCallback(innerDone);
            }
        });
        return outer;
    }

    // ------------------------------------------------------------------ as_completed

    static <T> List<Future<T>> asCompleted(EventLoop loop, Collection<? extends Future<? extends T>> futures,
                                           Duration timeout) {
        Set<Future<? extends T>> todo = identitySet(futures);
        List<Future<T>> slots = new ArrayList<>(todo.size());
        for (int i = 0; i < todo.size(); i++) {
            slots.add(new Future<>(loop));
        }
        int[] next = {0};
        TimerHandle[] timer = new TimerHandle[1];
        List<Consumer<Future<?>>> registered = new ArrayList<>();
        Consumer<Future<? extends T>> onCompletion = f -> {
            if (!todo.remove(f)) {
                return;
            }
            Future<T> slot = slots.get(next[0]++);
            if (f.cancelled()) {
                slot.completeException(f.makeCancelledError());
            } else if (f.exception() != null) {
                slot.completeException(f.exception());
            } else {
                slot.completeResult(f.resultNow());
            }
            slot.suppressUnretrievedReport();
            if (todo.isEmpty() && timer[0] != null) {
                timer[0].cancel();
            }
        };
        List<Future<? extends T>> order = new ArrayList<>(todo);
        for (Future<? extends T> f : order) {
            addCallback(f, onCompletion, registered);
        }
        if (!todo.isEmpty() && timeout != null) {
            timer[0] = loop.callLater(timeout, () -> {
                int i = 0;
                for (Future<? extends T> f : order) {
                    removeCallback(f, registered.get(i++));
                }
                todo.clear();
                while (next[0] < slots.size()) {
                    Future<T> slot = slots.get(next[0]++);
                    slot.completeException(new TimeoutError("as_completed timed out"));
                    slot.suppressUnretrievedReport();
                }
            });
        }
        return slots;
    }
}
