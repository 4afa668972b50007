package io.asyncio4j.http.parser;

/**
 * Size limits an {@link HttpParser} enforces, each failing with its own {@link HttpParseError}.
 *
 * <p>The analog of aiohttp's parser arguments {@code max_line_size}, {@code max_field_size},
 * {@code max_headers} and the server's {@code client_max_size}. Defaults ({@link #DEFAULTS}):
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>limit</th><th>default</th><th>error (status)</th></tr>
 *   <tr><td>request/status line</td><td>8190 octets (aiohttp's max_line_size)</td><td>414 (request)</td></tr>
 *   <tr><td>one field line</td><td>8190 octets (aiohttp's max_field_size)</td><td>431</td></tr>
 *   <tr><td>header section (field lines + CRLFs)</td><td>16384 octets (Node's default)</td><td>431</td></tr>
 *   <tr><td>field count</td><td>100 (Apache's LimitRequestFields)</td><td>431</td></tr>
 *   <tr><td>chunk-size line incl. extensions</td><td>4096 octets</td><td>400</td></tr>
 *   <tr><td>body</td><td>unlimited here; the server sets its own (1 MiB like aiohttp)</td><td>413</td></tr>
 * </table>
 *
 * <pre>{@code
 * HttpParserLimits limits = HttpParserLimits.DEFAULTS.withMaxBodySize(1 << 20);
 * HttpParser parser = HttpParser.forRequests(listener, limits);
 * }</pre>
 *
 * @param maxStartLineLength longest request or status line, CRLF excluded
 * @param maxFieldLineLength longest single field line, CRLF excluded
 * @param maxHeaderSectionSize longest header (or trailer) section, start line excluded
 * @param maxHeaderCount most fields in a header (or trailer) section
 * @param maxChunkLineLength longest chunk-size line, CRLF excluded
 * @param maxBodySize largest body (after removing chunked framing)
 * @param requireHost whether HTTP/1.1 requests must carry exactly one Host (RFC 9112 §3.2)
 */
public record HttpParserLimits(
        int maxStartLineLength,
        int maxFieldLineLength,
        int maxHeaderSectionSize,
        int maxHeaderCount,
        int maxChunkLineLength,
        long maxBodySize,
        boolean requireHost) {

    /** The defaults in the table above. */
    public static final HttpParserLimits DEFAULTS =
            new HttpParserLimits(8190, 8190, 16384, 100, 4096, Long.MAX_VALUE, true);

    /** Validates the values. */
    public HttpParserLimits {
        if (maxStartLineLength < 16 || maxFieldLineLength < 1 || maxHeaderSectionSize < 1
                || maxHeaderCount < 0 || maxChunkLineLength < 1 || maxBodySize < 0) {
            throw new IllegalArgumentException("invalid HTTP parser limits");
        }
    }

    /** A copy with another body limit. */
    public HttpParserLimits withMaxBodySize(long v) {
        return new HttpParserLimits(maxStartLineLength, maxFieldLineLength, maxHeaderSectionSize, maxHeaderCount,
                maxChunkLineLength, v, requireHost);
    }

    /** A copy with another start-line limit. */
    public HttpParserLimits withMaxStartLineLength(int v) {
        return new HttpParserLimits(v, maxFieldLineLength, maxHeaderSectionSize, maxHeaderCount,
                maxChunkLineLength, maxBodySize, requireHost);
    }

    /** A copy with other header limits. */
    public HttpParserLimits withHeaderLimits(int fieldLine, int section, int count) {
        return new HttpParserLimits(maxStartLineLength, fieldLine, section, count,
                maxChunkLineLength, maxBodySize, requireHost);
    }

    /** A copy with {@code requireHost} set. */
    public HttpParserLimits withRequireHost(boolean v) {
        return new HttpParserLimits(maxStartLineLength, maxFieldLineLength, maxHeaderSectionSize, maxHeaderCount,
                maxChunkLineLength, maxBodySize, v);
    }
}
