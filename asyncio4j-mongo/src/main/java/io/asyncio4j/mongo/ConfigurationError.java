package io.asyncio4j.mongo;

/**
 * A bad URI or option, or a feature that is not available (PyMongo's {@code ConfigurationError}),
 * e.g. contradictory TLS options, an unreadable {@code tlsCAFile} or a wrong
 * {@code tlsCertificateKeyFilePassword}.
 *
 * <pre>{@code
 * new AsyncMongoClient("mongodb://host/?tlsInsecure=true&tlsAllowInvalidHostnames=true"); // throws ConfigurationError
 * }</pre>
 */
public class ConfigurationError extends PyMongoError {
    /** An error with a message. */
    public ConfigurationError(String message) {
        super(message);
    }
}
