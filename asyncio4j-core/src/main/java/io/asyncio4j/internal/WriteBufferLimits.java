package io.asyncio4j.internal;

import io.asyncio4j.net.WriteTransport;

/**
 * The watermark rule of asyncio's {@code set_write_buffer_limits}, shared by every
 * {@link WriteTransport}: a null {@code high} is 64 KiB (or 4 × {@code low} if {@code low} is
 * given), a null {@code low} is {@code high / 4}, and {@code high >= low >= 0} must hold.
 *
 * <pre>{@code
 * int[] lowHigh = WriteBufferLimits.resolve(null, 1024);   // {1024, 4096}
 * }</pre>
 */
public final class WriteBufferLimits {
    private WriteBufferLimits() {
    }

    /**
     * The {@code {low, high}} watermarks for {@code high} and {@code low} (either may be null).
     *
     * @throws IllegalArgumentException unless {@code high >= low >= 0}
     */
    public static int[] resolve(Integer high, Integer low) {
        int h = high != null ? high : low == null ? WriteTransport.DEFAULT_HIGH_WATER : 4 * low;
        int l = low != null ? low : h / 4;
        if (!(h >= l && l >= 0)) {
            throw new IllegalArgumentException("high (" + h + ") must be >= low (" + l + ") must be >= 0");
        }
        return new int[] {l, h};
    }
}
