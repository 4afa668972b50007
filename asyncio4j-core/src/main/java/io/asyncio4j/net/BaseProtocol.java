package io.asyncio4j.net;

/**
 * The callbacks every protocol has: asyncio's {@code BaseProtocol}. All run on the loop thread;
 * an exception thrown by one is reported through the loop's exception handler and the connection
 * is closed (pauseWriting/resumeWriting: only reported).
 *
 * <pre>{@code
 * public void pauseWriting()  { transport.pauseReading(); }   // the peer does not keep up
 * public void resumeWriting() { transport.resumeReading(); }
 * }</pre>
 */
public interface BaseProtocol {
    /** The connection is closed: {@code exc} is null for a regular close or EOF, else the error. */
    default void connectionLost(Throwable exc) {
    }

    /** The transport's write buffer went over the high-water mark. */
    default void pauseWriting() {
    }

    /** The transport's write buffer drained to the low-water mark. */
    default void resumeWriting() {
    }
}
