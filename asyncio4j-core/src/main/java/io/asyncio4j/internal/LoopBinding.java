package io.asyncio4j.internal;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.loop.EventLoop;

/**
 * asyncio's {@code mixins._LoopBoundMixin} for the sync primitives and queues: the object binds
 * to the running loop the first time it needs a future, and refuses any other loop afterwards.
 */
public final class LoopBinding {
    private EventLoop loop;

    /** A new pending future on the running loop, binding the owner to that loop on first use. */
    public <T> Future<T> createFuture(Object owner) {
        EventLoop running = Asyncio.getRunningLoop();
        if (loop == null) {
            loop = running;
        } else if (running != loop) {
            throw new IllegalStateException(owner + " is bound to a different event loop");
        }
        return new Future<>(running);
    }

    /**
     * Awaits a future that is only ever completed with a result or cancelled (never with a checked
     * exception), so that the primitives' blocking methods need not declare {@code throws Exception}.
     */
    public static <T> T await(Future<T> f) {
        try {
            return f.await();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw Sneaky.<RuntimeException>rethrow(e);
        }
    }
}
