package io.asyncio4j;

/**
 * An operation not allowed in the future's current state, such as setting the result of a done
 * future or reading the result of a pending one: asyncio's {@code InvalidStateError}.
 *
 * <pre>{@code
 * Future<Integer> f = loop.createFuture();
 * f.setResult(1);
 * f.setResult(2);   // throws InvalidStateError
 * }</pre>
 */
public class InvalidStateError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public InvalidStateError(String message) {
        super(message);
    }
}
