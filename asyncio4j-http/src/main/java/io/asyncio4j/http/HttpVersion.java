package io.asyncio4j.http;

/**
 * An HTTP protocol version as it appears on the wire ({@code HTTP/1.1}).
 *
 * <p>The analog of aiohttp's {@code HttpVersion} named tuple ({@code HttpVersion11}).
 *
 * <pre>{@code
 * HttpVersion v = HttpVersion.HTTP_1_1;
 * assert v.toString().equals("HTTP/1.1") && v.isAtLeast11();
 * }</pre>
 *
 * @param major the major version (1 for everything this module speaks)
 * @param minor the minor version
 */
public record HttpVersion(int major, int minor) {
    /** HTTP/1.0. */
    public static final HttpVersion HTTP_1_0 = new HttpVersion(1, 0);
    /** HTTP/1.1. */
    public static final HttpVersion HTTP_1_1 = new HttpVersion(1, 1);

    /** Returns the shared constant for 1.0/1.1, a new record otherwise. */
    public static HttpVersion of(int major, int minor) {
        if (major == 1 && minor == 1) return HTTP_1_1;
        if (major == 1 && minor == 0) return HTTP_1_0;
        return new HttpVersion(major, minor);
    }

    /** True for HTTP/1.1 and later 1.x minors (treated as 1.1, RFC 9110 §2.5). */
    public boolean isAtLeast11() {
        return major > 1 || (major == 1 && minor >= 1);
    }

    @Override
    public String toString() {
        return "HTTP/" + major + "." + minor;
    }
}
