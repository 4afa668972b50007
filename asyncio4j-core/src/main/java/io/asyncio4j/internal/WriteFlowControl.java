package io.asyncio4j.internal;

import io.asyncio4j.net.WriteTransport;

/**
 * The writability state of one write transport, as asyncio's {@code FlowControlMixin} keeps it:
 * the watermarks ({@link WriteBufferLimits}) and whether the protocol was told to pause writing.
 * The transport counts its buffered bytes and calls the protocol; this class only says when. Loop
 * thread only.
 *
 * <pre>{@code
 * if (flow.pauseNeeded(buffered)) {
 *     protocol.pauseWriting();
 * }
 * }</pre>
 */
public final class WriteFlowControl {
    private int high = WriteTransport.DEFAULT_HIGH_WATER;
    private int low = WriteTransport.DEFAULT_HIGH_WATER / 4;
    private boolean paused;

    /** {@code set_write_buffer_limits}; the caller then checks both watermarks again. */
    public void setLimits(Integer high, Integer low) {
        int[] limits = WriteBufferLimits.resolve(high, low);
        this.low = limits[0];
        this.high = limits[1];
    }

    /** The {@code {low, high}} watermarks. */
    public int[] limits() {
        return new int[] {low, high};
    }

    /** Whether the protocol was told to pause writing and has not been told to resume yet. */
    public boolean isPaused() {
        return paused;
    }

    /** Whether {@code buffered} is above the high-water mark while not paused (nothing changes). */
    public boolean wouldPause(long buffered) {
        return !paused && buffered > high;
    }

    /** True (and now paused) when {@code buffered} is above the high-water mark and not yet paused. */
    public boolean pauseNeeded(long buffered) {
        if (!wouldPause(buffered)) {
            return false;
        }
        paused = true;
        return true;
    }

    /** True (and no longer paused) when paused and {@code buffered} is down to the low-water mark. */
    public boolean resumeNeeded(long buffered) {
        if (!paused || buffered > low) {
            return false;
        }
        paused = false;
        return true;
    }
}
