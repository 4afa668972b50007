package io.asyncio4j;

import java.util.NoSuchElementException;

/**
 * A context variable: Python's {@code contextvars.ContextVar}. Each task sees the value of the
 * context it was created in; {@link #set} changes only the current task's context.
 *
 * <pre>{@code
 * static final ContextVar<String> REQUEST_ID = new ContextVar<>("request_id");
 *
 * REQUEST_ID.set("r-42");
 * Asyncio.createTask(() -> log(REQUEST_ID.get()));   // the child sees "r-42"
 * }</pre>
 *
 * @param <T> the value type
 */
public final class ContextVar<T> {
    private static final Object NO_DEFAULT = new Object();

    private final String name;
    private final Object defaultValue;

    /** A variable without a default: {@link #get()} throws until it is set. */
    public ContextVar(String name) {
        this.name = name;
        this.defaultValue = NO_DEFAULT;
    }

    /** A variable whose {@link #get()} returns {@code defaultValue} until it is set. */
    public ContextVar(String name, T defaultValue) {
        this.name = name;
        this.defaultValue = defaultValue;
    }

    public String name() {
        return name;
    }

    /** The value in the current context, else the default; throws {@link NoSuchElementException} if neither. */
    public T get() {
        Context.Snapshot s = Context.currentSnapshot();
        int i = s.indexOf(this);
        if (i >= 0) {
            return cast(s.values()[i]);
        }
        if (defaultValue != NO_DEFAULT) {
            return cast(defaultValue);
        }
        throw new NoSuchElementException("ContextVar '" + name + "' has no value (LookupError)");
    }

    /** The value in the current context, else {@code fallback} (the variable's own default is ignored). */
    public T get(T fallback) {
        Context.Snapshot s = Context.currentSnapshot();
        int i = s.indexOf(this);
        return i >= 0 ? cast(s.values()[i]) : fallback;
    }

    /** Sets the value in the current context; the token restores the previous state with {@link #reset}. */
    public Token<T> set(T value) {
        Context ctx = Context.current();
        Context.Snapshot s = ctx.snapshot;
        int i = s.indexOf(this);
        Token<T> token = new Token<>(this, ctx, i >= 0, i >= 0 ? s.values()[i] : null);
        ctx.snapshot = s.with(this, value);
        return token;
    }

    /** Restores the value this variable had before the {@link #set} that returned {@code token}. */
    public void reset(Token<T> token) {
        // The order of the checks is CPython's: a used token is a RuntimeError before anything else.
        if (token.used) {
            throw new IllegalStateException("token has already been used once");
        }
        if (token.var != this) {
            throw new IllegalArgumentException("token was created by a different ContextVar");
        }
        Context ctx = Context.current();
        if (token.context != ctx) {
            throw new IllegalArgumentException("token was created in a different Context");
        }
        token.used = true;
        ctx.snapshot = token.hadValue ? ctx.snapshot.with(this, token.oldValue) : ctx.snapshot.without(this);
    }

    @SuppressWarnings("unchecked")
    T cast(Object o) {
        return (T) o;
    }

    @Override
    public String toString() {
        return "ContextVar{" + name + "}";
    }

    /** What {@link ContextVar#set} returns: Python's {@code contextvars.Token}. */
    public static final class Token<T> {
        private final ContextVar<T> var;
        private final Context context;
        private final boolean hadValue;
        private final Object oldValue;
        private boolean used;

        Token(ContextVar<T> var, Context context, boolean hadValue, Object oldValue) {
            this.var = var;
            this.context = context;
            this.hadValue = hadValue;
            this.oldValue = oldValue;
        }

        public ContextVar<T> var() {
            return var;
        }

        /** The previous value, or null if the variable had none. */
        public T oldValue() {
            return hadValue ? var.cast(oldValue) : null;
        }
    }
}
