package io.asyncio4j.mongo;

import org.bson.BsonDocument;
import org.bson.BsonString;

import java.time.Duration;

/** What every part of a client needs from its URI, computed once. */
record ClientSettings(MongoUri uri, Credential credential, BsonDocument clientMetadata, MongoTls tls) {
    static ClientSettings from(MongoUri uri) {
        return from(uri, null);
    }

    /** {@code tls} is null when TLS is off. */
    static ClientSettings from(MongoUri uri, MongoClientOptions options) {
        Credential cred = null;
        if (uri.username() != null) {
            String mech = uri.authMechanism();
            if (mech != null && !mech.equals("SCRAM-SHA-1") && !mech.equals("SCRAM-SHA-256")) {
                throw new ConfigurationError("authMechanism " + mech + " is not supported (SCRAM-SHA-1, SCRAM-SHA-256)");
            }
            cred = new Credential(uri.username(), uri.password() == null ? "" : uri.password(), uri.authSource(), mech);
        }
        MongoTls tls = MongoTls.from(uri, options);
        BsonDocument meta = new BsonDocument()
                .append("driver", new BsonDocument("name", new BsonString("asyncio4j-mongo"))
                        .append("version", new BsonString("0.1.0")))
                .append("os", new BsonDocument("type", new BsonString(System.getProperty("os.name", "unknown")))
                        .append("name", new BsonString(System.getProperty("os.name", "unknown")))
                        .append("architecture", new BsonString(System.getProperty("os.arch", "unknown")))
                        .append("version", new BsonString(System.getProperty("os.version", "unknown"))))
                .append("platform", new BsonString("Java " + Runtime.version() + " asyncio4j"));
        if (uri.appName() != null) {
            meta.put("application", new BsonDocument("name", new BsonString(uri.appName())));
        }
        return new ClientSettings(uri, cred, meta, tls);
    }

    Duration connectTimeout() {
        return uri.connectTimeout();
    }
}
