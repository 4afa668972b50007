/**
 * asyncio4j core: the event loop, Futures and Tasks (coroutines as loop-scheduled virtual threads),
 * structured concurrency, synchronisation primitives, queues and I/O.
 */
module io.asyncio4j.core {
    requires jdk.unsupported; // sun.misc.Signal for addSignalHandler and Ctrl+C in Asyncio.run
    requires jdk.jfr;         // jdk.VirtualThreadPinned events in debug mode
    exports io.asyncio4j;
    exports io.asyncio4j.loop;
    exports io.asyncio4j.sync;
    exports io.asyncio4j.queue;
    exports io.asyncio4j.net;
    exports io.asyncio4j.stream;
    exports io.asyncio4j.process;
    exports io.asyncio4j.files;
}
