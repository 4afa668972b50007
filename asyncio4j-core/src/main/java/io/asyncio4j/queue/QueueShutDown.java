package io.asyncio4j.queue;

/**
 * A put to a queue that was {@link Queue#shutdown() shut down}, or a get from one that is shut
 * down and empty (or was shut down immediately): asyncio's {@code QueueShutDown} (Python 3.13).
 * Unchecked.
 *
 * <pre>{@code
 * while (true) {
 *     String job;
 *     try {
 *         job = queue.get();
 *     } catch (QueueShutDown e) {
 *         break;                 // producer is done and the queue is drained
 *     }
 *     handle(job);
 *     queue.taskDone();
 * }
 * }</pre>
 */
public class QueueShutDown extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueueShutDown() {
        super();
    }
}
