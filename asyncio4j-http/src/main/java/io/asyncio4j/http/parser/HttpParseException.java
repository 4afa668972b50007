package io.asyncio4j.http.parser;

/**
 * An HTTP/1.1 message that violates RFC 9112 or a configured limit.
 *
 * <p>The analog of aiohttp's {@code BadHttpMessage} (server side, answered with {@link #status()})
 * and of {@code ClientResponseError}'s "invalid response" cases (client side, {@link
 * #inResponse()} true). After throwing it the parser is dead: the connection must be closed
 * (after a server sent its error response).
 *
 * <pre>{@code
 * try {
 *     parser.feed(buffer);
 * } catch (HttpParseException e) {
 *     writeErrorResponse(e.status(), e.getMessage());
 *     transport.close();
 * }
 * }</pre>
 */
public final class HttpParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final HttpParseError error;
    private final boolean inResponse;

    /** Creates the exception for {@code error}, with a detail message. */
    public HttpParseException(HttpParseError error, boolean inResponse, String detail) {
        super((inResponse ? "invalid HTTP response: " : "invalid HTTP request: ") + detail, null, false, false);
        this.error = error;
        this.inResponse = inResponse;
    }

    /** What was wrong. */
    public HttpParseError error() {
        return error;
    }

    /** The status a server answers the bad request with (400, 413, 414, 431, 501 or 505). */
    public int status() {
        return error.status();
    }

    /** True when a response (client side) was being parsed. */
    public boolean inResponse() {
        return inResponse;
    }
}
