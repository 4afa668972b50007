package io.asyncio4j;

/**
 * Thrown by {@link Asyncio#run} when Ctrl+C (SIGINT) cancelled the main task: Python's
 * {@code KeyboardInterrupt}. By then the main task's {@code finally} blocks have run and every
 * other task was cancelled and awaited.
 *
 * <pre>{@code
 * try {
 *     Asyncio.run(Server::serveForever);
 * } catch (KeyboardInterrupt e) {
 *     System.exit(130);
 * }
 * }</pre>
 */
public class KeyboardInterrupt extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KeyboardInterrupt() {
        super("interrupted by SIGINT (Ctrl+C)");
    }
}
