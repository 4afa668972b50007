package io.asyncio4j.loop;

import java.util.Map;

/**
 * Receives errors nobody else can: a callback that threw, a task whose exception was never
 * retrieved, a failed protocol callback. asyncio's {@code loop.set_exception_handler(handler)}.
 * The context map uses asyncio's keys: {@code message} (always), and when present
 * {@code exception}, {@code future}, {@code task}, {@code handle}, {@code protocol},
 * {@code transport}, {@code socket}, {@code source_traceback}.
 *
 * <pre>{@code
 * loop.setExceptionHandler((l, ctx) -> log.warn(ctx.get("message") + ": " + ctx.get("exception")));
 * }</pre>
 */
@FunctionalInterface
public interface ExceptionHandler {
    void handle(EventLoop loop, Map<String, Object> context);
}
