package io.asyncio4j.queue;

/**
 * {@link Queue#getNowait} found the queue empty: asyncio's {@code QueueEmpty}. Unchecked.
 *
 * <pre>{@code
 * Queue<String> q = new Queue<>();
 * try {
 *     q.getNowait();
 * } catch (QueueEmpty e) {
 *     System.out.println("nothing yet");
 * }
 * }</pre>
 */
public class QueueEmpty extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueueEmpty() {
        super();
    }
}
