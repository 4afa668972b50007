/**
 * asyncio4j HTTP: the I/O-independent heart of the HTTP/1.1 and WebSocket support (what aiohttp's
 * {@code http_parser}, {@code http_writer} and {@code http_websocket} modules are to aiohttp):
 * an incremental HTTP/1.1 parser shared by client and server, head and chunked serializers, and
 * the RFC 6455 / RFC 7692 WebSocket codec with its handshake helpers.
 */
module io.asyncio4j.http {
    requires transitive io.asyncio4j.core;
    requires transitive com.fasterxml.jackson.databind;
    exports io.asyncio4j.http;
    exports io.asyncio4j.http.client;
    exports io.asyncio4j.http.parser;
    exports io.asyncio4j.http.websocket;
    exports io.asyncio4j.http.server;
}
