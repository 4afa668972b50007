package io.asyncio4j;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Several exceptions raised together: Python's {@code ExceptionGroup}/{@code BaseExceptionGroup},
 * raised by {@link TaskGroup} with every failure of its tasks. Each cause is also attached as a
 * suppressed exception, so a printed stack trace shows all of them.
 *
 * <pre>{@code
 * try {
 *     TaskGroup.run(tg -> { tg.createTask(a); tg.createTask(b); });
 * } catch (ExceptionGroup eg) {
 *     for (Throwable e : eg.exceptions()) System.out.println(e);
 * }
 * }</pre>
 */
public class ExceptionGroup extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Throwable> exceptions;

    public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
        super(message + " (" + exceptions.size() + " sub-exception" + (exceptions.size() == 1 ? "" : "s") + ")",
                null, true, true);
        if (exceptions.isEmpty()) {
            throw new IllegalArgumentException("an exception group needs at least one exception");
        }
        this.exceptions = List.copyOf(exceptions);
        for (Throwable t : this.exceptions) {
            addSuppressed(t);
        }
    }

    /** The exceptions, in the order they happened. */
    public List<Throwable> exceptions() {
        return exceptions;
    }

    /** The exceptions matching {@code condition} (searching nested groups), as a group, or null if none match. */
    public ExceptionGroup subgroup(Predicate<? super Throwable> condition) {
        List<Throwable> keep = new ArrayList<>();
        for (Throwable t : exceptions) {
            if (condition.test(t)) {
                keep.add(t);
            } else if (t instanceof ExceptionGroup g) {
                ExceptionGroup sub = g.subgroup(condition);
                if (sub != null) {
                    keep.add(sub);
                }
            }
        }
        return keep.isEmpty() ? null : new ExceptionGroup(messageOnly(), keep);
    }

    /** Whether any exception (in nested groups too) is an instance of {@code type}. */
    public boolean contains(Class<? extends Throwable> type) {
        return subgroup(type::isInstance) != null;
    }

    private String messageOnly() {
        String m = getMessage();
        int i = m.lastIndexOf(" (");
        return i > 0 ? m.substring(0, i) : m;
    }
}
