/**
 * The HTTP/1.1 server, aiohttp.web for asyncio4j: {@link io.asyncio4j.http.server.Application}
 * with a {@link io.asyncio4j.http.server.Router} and {@link io.asyncio4j.http.server.Middleware}s,
 * run by an {@link io.asyncio4j.http.server.AppRunner}; handlers take a
 * {@link io.asyncio4j.http.server.Request} and return a {@link io.asyncio4j.http.server.Response},
 * {@link io.asyncio4j.http.server.StreamResponse}, {@link io.asyncio4j.http.server.FileResponse}
 * or {@link io.asyncio4j.http.server.WebSocketResponse}. See {@code docs/http.md}.
 */
package io.asyncio4j.http.server;
