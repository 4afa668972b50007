package io.asyncio4j.net;

/**
 * The read side of a transport: asyncio's {@code ReadTransport}.
 *
 * <pre>{@code
 * transport.pauseReading();   // dataReceived is not called until resumeReading()
 * transport.resumeReading();
 * }</pre>
 */
public interface ReadTransport extends BaseTransport {
    /** Whether the transport is receiving (not paused, not closing). */
    boolean isReading();

    /** Stops calling the protocol's receive methods until {@link #resumeReading()}; no-op if paused or closing. */
    void pauseReading();

    /** Resumes receiving; no-op if not paused or closing. */
    void resumeReading();
}
