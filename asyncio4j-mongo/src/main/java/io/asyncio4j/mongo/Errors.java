package io.asyncio4j.mongo;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

import java.util.Set;

/** Turns server replies into the exception hierarchy. */
final class Errors {
    /** "Not writable primary" and "node is recovering" codes (retryable; the server must be re-checked). */
    static final Set<Integer> NOT_PRIMARY_OR_RECOVERING = Set.of(10107, 13435, 13436, 11600, 11602, 189, 91);
    /** Codes retryable reads and writes retry on (besides network errors). */
    static final Set<Integer> RETRYABLE = Set.of(11600, 11602, 10107, 13435, 13436, 189, 91, 7, 6, 89, 9001, 262, 134);

    private Errors() {
    }

    static boolean isOk(BsonDocument reply) {
        BsonValue ok = reply.get("ok");
        return ok != null && ok.isNumber() && ok.asNumber().doubleValue() == 1.0;
    }

    /** Throws for a reply whose {@code ok} is not 1, then for write errors and write concern errors. */
    static void check(BsonDocument reply) {
        if (!isOk(reply)) {
            int code = reply.getNumber("code", new BsonInt32(0)).intValue();
            String msg = reply.getString("errmsg", new BsonString("command failed")).getValue();
            String codeName = reply.isString("codeName") ? reply.getString("codeName").getValue() : null;
            if (code == 11000 || code == 11001 || code == 12582) {
                throw duplicateKey(msg, code, reply);
            }
            if (code == 18) {
                throw new AuthenticationFailure(msg, code, reply);
            }
            throw new OperationFailure(msg, code, codeName, reply);
        }
    }

    /** For single-document writes: the first write error as an exception, then a write concern error. */
    static void checkWrite(BsonDocument reply) {
        check(reply);
        if (reply.isArray("writeErrors") && !reply.getArray("writeErrors").isEmpty()) {
            BsonDocument we = reply.getArray("writeErrors").get(0).asDocument();
            int code = we.getNumber("code", new BsonInt32(0)).intValue();
            String msg = we.getString("errmsg", new BsonString("write error")).getValue();
            if (code == 11000 || code == 11001 || code == 12582) {
                throw duplicateKey(msg, code, we);
            }
            throw new WriteError(msg, code, we.isString("codeName") ? we.getString("codeName").getValue() : null, we);
        }
        checkWriteConcern(reply);
    }

    static void checkWriteConcern(BsonDocument reply) {
        if (reply.isDocument("writeConcernError")) {
            BsonDocument wce = reply.getDocument("writeConcernError");
            throw new OperationFailure("write concern error: " + wce.getString("errmsg", new BsonString("")).getValue(),
                    wce.getNumber("code", new BsonInt32(64)).intValue(),
                    wce.isString("codeName") ? wce.getString("codeName").getValue() : "WriteConcernFailed", reply);
        }
    }

    static DuplicateKeyError duplicateKey(String msg, int code, BsonDocument details) {
        BsonDocument pattern = details.isDocument("keyPattern") ? details.getDocument("keyPattern") : null;
        BsonDocument value = details.isDocument("keyValue") ? details.getDocument("keyValue") : null;
        int dup = msg.indexOf("dup key: ");
        if (value == null && dup >= 0) {
            try {
                value = BsonDocument.parse(msg.substring(dup + "dup key: ".length()).trim());
            } catch (RuntimeException e) {
                value = null;
            }
        }
        if (value == null) {
            value = new BsonDocument();
        }
        if (pattern == null) {
            pattern = new BsonDocument();
            for (String k : value.keySet()) {
                pattern.put(k, new BsonInt32(1));
            }
        }
        String text = msg.contains("dup key") ? msg : msg + " dup key: " + value.toJson();
        return new DuplicateKeyError(text, code, details, pattern, value);
    }

    static int code(Throwable t) {
        return t instanceof OperationFailure f ? f.code() : 0;
    }

    /** Network errors and the retryable server codes. */
    static boolean isRetryable(Throwable t) {
        if (t instanceof ConnectionFailure || t instanceof NetworkTimeout) {
            return true;
        }
        if (t instanceof OperationFailure f) {
            return RETRYABLE.contains(f.code()) || f.hasErrorLabel("RetryableWriteError");
        }
        return false;
    }

    static BsonArray labels(BsonDocument reply) {
        return reply.isArray("errorLabels") ? reply.getArray("errorLabels") : new BsonArray();
    }
}
