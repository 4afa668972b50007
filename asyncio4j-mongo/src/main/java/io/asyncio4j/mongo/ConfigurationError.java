package io.asyncio4j.mongo;

/**
 * A bad URI or option, or a feature that is not available (PyMongo's {@code ConfigurationError}),
 * e.g. {@code tls=true} while {@code io.asyncio4j.net} has no TLS transport yet.
 *
 * <pre>{@code
 * new AsyncMongoClient("mongodb://host/?tls=true"); // throws ConfigurationError
 * }</pre>
 */
public class ConfigurationError extends PyMongoError {
    /** An error with a message. */
    public ConfigurationError(String message) {
        super(message);
    }
}
