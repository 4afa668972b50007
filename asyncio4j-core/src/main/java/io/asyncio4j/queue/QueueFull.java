package io.asyncio4j.queue;

/**
 * {@link Queue#putNowait} found the queue full: asyncio's {@code QueueFull}. Unchecked.
 *
 * <pre>{@code
 * Queue<String> q = new Queue<>(1);
 * q.putNowait("a");
 * try {
 *     q.putNowait("b");
 * } catch (QueueFull e) {
 *     System.out.println("no room");
 * }
 * }</pre>
 */
public class QueueFull extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueueFull() {
        super();
    }
}
