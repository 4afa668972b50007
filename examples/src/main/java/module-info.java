/** Runnable examples, one per example of asyncio's documentation. */
module io.asyncio4j.examples {
    requires io.asyncio4j.core;
    requires io.asyncio4j.postgres;
    requires io.asyncio4j.mongo;
    requires io.asyncio4j.http;
    exports io.asyncio4j.examples;
}
