package io.asyncio4j.mongo;

import javax.net.ssl.SSLContext;

/**
 * Client options that a URI cannot carry (PyMongo's keyword arguments such as {@code tlsContext}).
 *
 * <pre>{@code
 * SSLContext ctx = ...;  // e.g. with a client certificate for X.509 / mutual TLS
 * try (AsyncMongoClient client = new AsyncMongoClient("mongodb://db.example.com/?tls=true",
 *         new MongoClientOptions().sslContext(ctx))) { ... }
 * }</pre>
 */
public final class MongoClientOptions {
    private SSLContext sslContext;

    /** Options with nothing set. */
    public MongoClientOptions() {
    }

    /**
     * The {@link SSLContext} for TLS connections, instead of one built from the URI's
     * {@code tlsCAFile} / {@code tlsAllowInvalidCertificates}. Setting it turns TLS on unless the
     * URI says {@code tls=false} (a contradiction, rejected). Host name verification (and SNI)
     * still happen unless the URI has {@code tlsAllowInvalidHostnames=true} or {@code tlsInsecure=true}.
     */
    public MongoClientOptions sslContext(SSLContext context) {
        this.sslContext = context;
        return this;
    }

    /** The SSL context, or null. */
    public SSLContext sslContext() {
        return sslContext;
    }
}
