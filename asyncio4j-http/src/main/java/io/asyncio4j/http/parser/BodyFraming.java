package io.asyncio4j.http.parser;

/**
 * How the end of a message body is found (RFC 9112 §6.3).
 *
 * <p>aiohttp decides the same in {@code HttpPayloadParser} (length, chunked, read-until-EOF).
 *
 * <pre>{@code
 * if (head.framing() == BodyFraming.UNTIL_CLOSE) connectionReusable = false;
 * }</pre>
 */
public enum BodyFraming {
    /** No body: requests without length, HEAD responses, 1xx/204/304, Content-Length: 0. */
    NONE,
    /** Exactly {@code contentLength()} octets. */
    CONTENT_LENGTH,
    /** Chunked transfer coding, possibly with trailers. */
    CHUNKED,
    /** Everything until the connection closes (responses only). */
    UNTIL_CLOSE
}
