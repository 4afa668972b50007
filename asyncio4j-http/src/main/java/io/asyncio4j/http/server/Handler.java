package io.asyncio4j.http.server;

/**
 * A request handler: runs in the request's task and returns the response (plain sequential code).
 *
 * <p>The analog of an aiohttp handler {@code async def handler(request) -> web.StreamResponse}.
 *
 * <pre>{@code
 * Handler hello = req -> Response.text("Hello, " + req.matchInfo("name"));
 * app.router().get("/hello/{name}", hello);
 * }</pre>
 */
@FunctionalInterface
public interface Handler {
    /** Handles {@code request}; may throw {@link HttpException} for an error response. */
    StreamResponse handle(Request request) throws Exception;
}
