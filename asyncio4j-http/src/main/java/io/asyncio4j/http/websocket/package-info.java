/**
 * WebSocket (RFC 6455) and permessage-deflate (RFC 7692), I/O-free: {@link
 * io.asyncio4j.http.websocket.WebSocketDecoder} (incremental frame parser and message assembler),
 * {@link io.asyncio4j.http.websocket.WebSocketEncoder}, {@link
 * io.asyncio4j.http.websocket.WebSocketHandshake} and {@link
 * io.asyncio4j.http.websocket.PerMessageDeflate}. The analog of aiohttp's {@code http_websocket}.
 */
package io.asyncio4j.http.websocket;
