package io.asyncio4j.mongo;

import org.bson.BsonDocument;

/**
 * The server answered a command with an error (PyMongo's {@code OperationFailure}): carries the
 * server's {@code code}, {@code codeName} and the whole reply.
 *
 * <pre>{@code
 * try { db.runCommand(new Document("nope", 1)); }
 * catch (OperationFailure e) { System.out.println(e.code() + " " + e.codeName()); }
 * }</pre>
 */
public class OperationFailure extends PyMongoError {
    private final int code;
    private final String codeName;
    private final BsonDocument details;

    /** A failure with the server's code, code name and reply (may be null). */
    public OperationFailure(String message, int code, String codeName, BsonDocument details) {
        super(message + (code != 0 ? " (code " + code + (codeName == null ? "" : " " + codeName) + ")" : ""));
        this.code = code;
        this.codeName = codeName;
        this.details = details;
    }

    /** The server's error code (0 if none). */
    public int code() {
        return code;
    }

    /** The server's code name, e.g. {@code "DuplicateKey"} (null if the server sent none). */
    public String codeName() {
        return codeName;
    }

    /** The server's reply or the write error document. */
    public BsonDocument details() {
        return details;
    }

    /** Whether the error carries the given error label. */
    public boolean hasErrorLabel(String label) {
        if (details == null || !details.isArray("errorLabels")) {
            return false;
        }
        return details.getArray("errorLabels").stream().anyMatch(v -> v.isString() && v.asString().getValue().equals(label));
    }
}
