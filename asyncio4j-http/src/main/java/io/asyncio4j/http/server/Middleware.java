package io.asyncio4j.http.server;

/**
 * A middleware: wraps the handler chain (code before and after, error handling).
 *
 * <p>The analog of aiohttp's {@code @web.middleware async def mw(request, handler)}. The first
 * middleware added is the outermost.
 *
 * <pre>{@code
 * app.middleware((req, next) -> {
 *     long t0 = System.nanoTime();
 *     try {
 *         StreamResponse r = next.handle(req);
 *         r.headers().set("X-Time-Us", String.valueOf((System.nanoTime() - t0) / 1000));
 *         return r;
 *     } catch (HttpException e) {
 *         if (e.status() == 404) return Response.text("custom 404").status(404);
 *         throw e;
 *     }
 * });
 * }</pre>
 */
@FunctionalInterface
public interface Middleware {
    /** Handles {@code request}, usually calling {@code next.handle(request)}. */
    StreamResponse handle(Request request, Handler next) throws Exception;
}
