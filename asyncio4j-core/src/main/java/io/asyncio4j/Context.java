package io.asyncio4j;

import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * A mapping of {@link ContextVar}s to values: Python's {@code contextvars.Context}.
 *
 * <p>Every task runs in its own context, copied from its creator's when the task is created, so
 * a value set in a task is seen by the tasks and {@link Asyncio#toThread} calls it starts but a
 * change made in a child is never seen by its parent. Callbacks scheduled with
 * {@code callSoon}/{@code callLater} run in a copy of the context current when they were scheduled.
 * Copies are O(1): the mapping itself is immutable and replaced on every {@link ContextVar#set}.
 *
 * <pre>{@code
 * Context snapshot = Context.copyContext();
 * snapshot.run(() -> requestId.get());   // sees the values of the moment of the copy
 * }</pre>
 */
public final class Context {
    /** The current context of platform threads (the loop thread, executor threads) and of foreign virtual threads. */
    private static final ThreadLocal<Context> CURRENT = new ThreadLocal<>();

    /** A task's thread keeps its current context in its Task (no ThreadLocalMap per task); others in CURRENT. */
    private static Context getCurrent() {
        Task<?> t = Task.current();
        return t != null ? t.currentContext : CURRENT.get();
    }

    private static void setCurrent(Context c) {
        Task<?> t = Task.current();
        if (t != null) {
            t.currentContext = c;
        } else {
            CURRENT.set(c);
        }
    }

    static {
        io.asyncio4j.internal.Access.setContextOps(new io.asyncio4j.internal.Access.ContextOps() {
            @Override
            public Object capture() {
                Context c = getCurrent();
                return c == null || c.snapshot.vars().length == 0 ? null : c.snapshot;
            }

            @Override
            public Object enter(Object snapshot) {
                Context previous = getCurrent();
                if (snapshot != null || previous != null) {
                    setCurrent(snapshot == null ? null : new Context((Snapshot) snapshot));
                }
                return previous;
            }

            @Override
            public void exit(Object previous) {
                if (previous != null || getCurrent() != null) {
                    setCurrent((Context) previous);
                }
            }
        });
    }

    /** An immutable snapshot: parallel arrays of variables and values, small and copied on write. */
    record Snapshot(ContextVar<?>[] vars, Object[] values) {
        static final Snapshot EMPTY = new Snapshot(new ContextVar<?>[0], new Object[0]);

        int indexOf(ContextVar<?> var) {
            for (int i = 0; i < vars.length; i++) {
                if (vars[i] == var) {
                    return i;
                }
            }
            return -1;
        }

        Snapshot with(ContextVar<?> var, Object value) {
            int i = indexOf(var);
            if (i >= 0) {
                Object[] v = values.clone();
                v[i] = value;
                return new Snapshot(vars, v);
            }
            ContextVar<?>[] k = Arrays.copyOf(vars, vars.length + 1);
            Object[] v = Arrays.copyOf(values, values.length + 1);
            k[vars.length] = var;
            v[values.length] = value;
            return new Snapshot(k, v);
        }

        Snapshot without(ContextVar<?> var) {
            int i = indexOf(var);
            if (i < 0) {
                return this;
            }
            ContextVar<?>[] k = new ContextVar<?>[vars.length - 1];
            Object[] v = new Object[values.length - 1];
            for (int s = 0, d = 0; s < vars.length; s++) {
                if (s != i) {
                    k[d] = vars[s];
                    v[d++] = values[s];
                }
            }
            return new Snapshot(k, v);
        }
    }

    Snapshot snapshot;
    private boolean entered;

    Context(Snapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** A new empty context. */
    public Context() {
        this(Snapshot.EMPTY);
    }

    /** The context of the current thread or task (created empty on first use in a plain thread). */
    public static Context current() {
        Context c = getCurrent();
        if (c == null) {
            c = new Context();
            setCurrent(c);
        }
        return c;
    }

    /** {@code contextvars.copy_context()}: a shallow copy of the current context. */
    public static Context copyContext() {
        return new Context(current().snapshot);
    }

    /** A shallow copy of this context. */
    public Context copy() {
        return new Context(snapshot);
    }

    static Snapshot currentSnapshot() {
        Context c = getCurrent();
        return c == null ? Snapshot.EMPTY : c.snapshot;
    }

    /** Installs {@code c} as the current thread's context; returns the previous one (may be null). */
    static Context swap(Context c) {
        Context previous = getCurrent();
        setCurrent(c);
        return previous;
    }

    /**
     * Runs {@code body} in this context: every {@link ContextVar#set} inside it changes this context.
     * Like Python, a context may be entered by one caller at a time.
     */
    public <R> R run(Callable<R> body) throws Exception {
        if (entered) {
            throw new IllegalStateException("cannot enter context: " + this + " is already entered");
        }
        entered = true;
        Context previous = swap(this);
        try {
            return body.call();
        } finally {
            setCurrent(previous);
            entered = false;
        }
    }

    /** The value of {@code var} in this context, or null if it has none. */
    public <T> T get(ContextVar<T> var) {
        int i = snapshot.indexOf(var);
        return i < 0 ? null : var.cast(snapshot.values[i]);
    }

    /** Whether {@code var} has a value in this context. */
    public boolean containsKey(ContextVar<?> var) {
        return snapshot.indexOf(var) >= 0;
    }

    /** The number of variables with a value. */
    public int size() {
        return snapshot.vars.length;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Context{");
        for (int i = 0; i < snapshot.vars.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(snapshot.vars[i].name()).append('=').append(snapshot.values[i]);
        }
        return sb.append('}').toString();
    }
}
