package io.asyncio4j.mongo;

/**
 * An operation used in a wrong state (PyMongo's {@code InvalidOperation}): a closed client, a
 * transaction committed twice, a session from another client.
 *
 * <pre>{@code
 * client.close(); client.getDatabase("db").runCommand(new Document("ping", 1)); // InvalidOperation
 * }</pre>
 */
public class InvalidOperation extends PyMongoError {
    /** An error with a message. */
    public InvalidOperation(String message) {
        super(message);
    }
}
