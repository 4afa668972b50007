/**
 * asyncio4j-mongo: a MongoDB client (PyMongo's async client / Motor class) that speaks the wire
 * protocol (OP_MSG) on the asyncio4j event loop. BSON through {@code org.mongodb:bson}.
 */
module io.asyncio4j.mongo {
    requires io.asyncio4j.core;
    requires transitive org.mongodb.bson;
    requires org.mongodb.bson.record.codec;
    exports io.asyncio4j.mongo;
}
