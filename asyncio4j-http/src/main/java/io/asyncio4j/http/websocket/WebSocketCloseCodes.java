package io.asyncio4j.http.websocket;

/**
 * Close status codes of RFC 6455 §7.4 and which of them may appear in a Close frame.
 *
 * <p>The analog of aiohttp's {@code WSCloseCode} enum.
 *
 * <pre>{@code
 * WebSocketCloseCodes.isValidOnWire(1000); // true
 * WebSocketCloseCodes.isValidOnWire(1005); // false: "no status" is never sent
 * }</pre>
 */
public final class WebSocketCloseCodes {
    private WebSocketCloseCodes() {}

    /** 1000: normal closure. */
    public static final int NORMAL = 1000;
    /** 1001: going away. */
    public static final int GOING_AWAY = 1001;
    /** 1002: protocol error. */
    public static final int PROTOCOL_ERROR = 1002;
    /** 1003: unsupported data. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** 1005: no status code was present (reported locally, never sent). */
    public static final int NO_STATUS = 1005;
    /** 1006: closed abnormally (reported locally, never sent). */
    public static final int ABNORMAL = 1006;
    /** 1007: invalid payload data (e.g. bad UTF-8). */
    public static final int INVALID_DATA = 1007;
    /** 1008: policy violation. */
    public static final int POLICY_VIOLATION = 1008;
    /** 1009: message too big. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** 1010: mandatory extension missing. */
    public static final int MANDATORY_EXTENSION = 1010;
    /** 1011: internal error. */
    public static final int INTERNAL_ERROR = 1011;

    /**
     * True for codes a Close frame may carry: 1000-1003, 1007-1011 (1012-1014 are registered by
     * IANA and accepted too), and 3000-4999. 1004-1006, 1015, other 1xxx and everything outside
     * 1000-4999 are invalid on the wire.
     */
    public static boolean isValidOnWire(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}
