package io.asyncio4j.net;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The buffers that {@link SocketTransport} coalesces small writes into: direct, 16 KiB, and
 * recycled through a free list per event loop ({@link #of}); a thread-local would not do, since
 * a task writes from its own virtual thread and the loop thread gives the buffer back. A fresh heap buffer per flush cost more than
 * the echo itself at 1 KiB (16 KiB zeroed, then copied again by the JDK into a temporary direct
 * buffer for the system call); a recycled direct buffer costs neither. The free list is bounded,
 * so a burst of many connections does not pin its peak memory; buffers of transports that close
 * with data queued are left to the garbage collector.
 */
final class WriteBuffers {
    /** The size of a coalescing buffer; bigger single writes get a heap buffer of their own. */
    static final int SIZE = 16 * 1024;
    /** At most this many free buffers (4 MiB) are kept per loop. */
    private static final int MAX_FREE = 256;
    private static final Object KEY = new Object();

    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();

    private WriteBuffers() {}

    /** The pool of {@code loop}; used only by code running on that loop. */
    static WriteBuffers of(io.asyncio4j.loop.EventLoop loop) {
        return loop.loopLocal(KEY, WriteBuffers::new);
    }

    /** An empty buffer with room for {@code n} bytes, in write mode. */
    ByteBuffer take(int n) {
        if (n > SIZE) {
            return ByteBuffer.allocate(n);
        }
        ByteBuffer b = free.pollLast();
        return b != null ? b : ByteBuffer.allocateDirect(SIZE);
    }

    /** Gives back a buffer that has been written out; only the pooled kind is kept. */
    void give(ByteBuffer b) {
        if (b.isDirect() && b.capacity() == SIZE && free.size() < MAX_FREE) {
            free.addLast(b.clear());
        }
    }
}
