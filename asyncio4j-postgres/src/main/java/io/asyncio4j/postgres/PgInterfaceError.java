package io.asyncio4j.postgres;

/**
 * The client was used wrongly: a value that the parameter's type cannot take, a wrong number of
 * arguments, a closed connection, a nested transaction with its own isolation level. asyncpg:
 * {@code asyncpg.exceptions.InterfaceError} / {@code DataError} (client side).
 *
 * <pre>{@code
 * conn.fetch("select $1::int", "not a number"); // throws PgInterfaceError
 * }</pre>
 */
public class PgInterfaceError extends PgException {
    private static final long serialVersionUID = 1L;

    public PgInterfaceError(String message) {
        super(message);
    }

    public PgInterfaceError(String message, Throwable cause) {
        super(message, cause);
    }
}
