package io.asyncio4j.mongo;

import org.bson.BsonDocument;

/**
 * Authentication failed (bad user/password, unsupported mechanism, a server proof that does not
 * verify). PyMongo raises {@code OperationFailure} with code 18; this subclass says it plainly.
 *
 * <pre>{@code
 * try (var c = new AsyncMongoClient("mongodb://u:wrong@host/")) { c.listDatabaseNames(); }
 * catch (AuthenticationFailure e) { ... }
 * }</pre>
 */
public class AuthenticationFailure extends OperationFailure {
    /** A failure with the server's code (18 for AuthenticationFailed) and reply. */
    public AuthenticationFailure(String message, int code, BsonDocument details) {
        super(message, code, "AuthenticationFailed", details);
    }
}
