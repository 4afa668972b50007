package io.asyncio4j.http.parser;

/**
 * Why an HTTP/1.1 message was rejected, with the status a server answers it with.
 *
 * <p>The analog of aiohttp's {@code http_exceptions} ({@code BadStatusLine}, {@code
 * LineTooLong}, {@code InvalidHeader}, {@code TransferEncodingError}, ...), folded into one enum
 * carried by {@link HttpParseException}. For a response parser (client side) the status is only
 * informative: the client reports the exception to the caller.
 *
 * <pre>{@code
 * catch (HttpParseException e) {
 *     if (e.error() == HttpParseError.BODY_TOO_LARGE) log("413");
 *     respond(e.status(), e.getMessage());
 * }
 * }</pre>
 */
public enum HttpParseError {
    /** Malformed request line or status line. */
    INVALID_START_LINE(400),
    /** Request line longer than {@link HttpParserLimits#maxStartLineLength()}. */
    START_LINE_TOO_LONG(414),
    /** Method is not a token. */
    INVALID_METHOD(400),
    /** Request target empty, with forbidden octets, or in a form the method does not allow. */
    INVALID_TARGET(400),
    /** Version is not {@code HTTP/DIGIT.DIGIT}. */
    INVALID_VERSION(400),
    /** A well-formed version other than HTTP/1.x. */
    VERSION_NOT_SUPPORTED(505),
    /** Status code not three digits in 100..999. */
    INVALID_STATUS(400),
    /** A bare LF or a CR not followed by LF. */
    INVALID_LINE_ENDING(400),
    /** Empty field name, a non-token octet in it, or whitespace before the colon. */
    INVALID_HEADER_NAME(400),
    /** A control character (NUL, CR, LF, DEL, ...) in a field value, or no colon. */
    INVALID_HEADER_VALUE(400),
    /** A line folded with obs-fold (rejected in requests; unfolded in responses). */
    OBS_FOLD(400),
    /** One field line longer than {@link HttpParserLimits#maxFieldLineLength()}. */
    HEADER_FIELD_TOO_LARGE(431),
    /** Header (or trailer) section longer than {@link HttpParserLimits#maxHeaderSectionSize()}. */
    HEADER_SECTION_TOO_LARGE(431),
    /** More fields than {@link HttpParserLimits#maxHeaderCount()}. */
    TOO_MANY_HEADERS(431),
    /** HTTP/1.1 request without Host (when required). */
    MISSING_HOST(400),
    /** More than one Host field. */
    DUPLICATE_HOST(400),
    /** Content-Length not 1*DIGIT, overflowing, or several different values. */
    INVALID_CONTENT_LENGTH(400),
    /** Both Content-Length and Transfer-Encoding in a request. */
    CONFLICTING_FRAMING(400),
    /** Transfer-Encoding malformed, with chunked twice, or (requests) chunked not last. */
    INVALID_TRANSFER_ENCODING(400),
    /** A transfer coding this parser does not implement. */
    UNSUPPORTED_TRANSFER_ENCODING(501),
    /** Chunk size not 1*HEXDIG, overflowing, with whitespace or a prefix. */
    INVALID_CHUNK_SIZE(400),
    /** Malformed chunk extension. */
    INVALID_CHUNK_EXTENSION(400),
    /** Chunk size line longer than {@link HttpParserLimits#maxChunkLineLength()}. */
    CHUNK_LINE_TOO_LONG(400),
    /** Chunk data not followed by exactly CRLF. */
    INVALID_CHUNK_DATA_END(400),
    /** Body longer than {@link HttpParserLimits#maxBodySize()}. */
    BODY_TOO_LARGE(413),
    /** The connection closed in the middle of a message. */
    INCOMPLETE_MESSAGE(400);

    private final int status;

    HttpParseError(int status) {
        this.status = status;
    }

    /** The HTTP status a server responds with. */
    public int status() {
        return status;
    }
}
