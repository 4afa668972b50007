package io.asyncio4j.net;

import io.asyncio4j.Future;
import io.asyncio4j.loop.EventLoop;

import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/** Suspends the current task until a channel is ready for some ops (the sock_* helpers). */
final class IoWait {
    private IoWait() {}

    static void awaitReady(EventLoop loop, SelectableChannel channel, int ops) throws Exception {
        Future<Void> f = loop.createFuture();
        SelectionKey key = loop.registerIo(channel, ops, () -> {
            if (!f.isDone()) {
                f.setResult(null);
            }
        });
        try {
            f.await();
        } finally {
            try {
                if (key.isValid()) {
                    key.interestOps(0);
                }
            } catch (CancelledKeyException ignored) {
                // closed meanwhile
            }
        }
    }
}
