package io.asyncio4j.http.parser;

import io.asyncio4j.http.HttpHeaders;
import io.asyncio4j.http.HttpVersion;
import java.util.List;

/**
 * A parsed response head ({@code HTTP/1.1 200 OK} plus headers).
 *
 * <p>The analog of aiohttp's {@code RawResponseMessage}.
 *
 * <pre>{@code
 * ResponseHead r = ...;
 * if (r.status() == 101 && r.upgrade()) startWebSocket();
 * }</pre>
 *
 * @param version the protocol version
 * @param status the status code (100..999)
 * @param reason the reason phrase (possibly empty)
 * @param headers the header fields
 * @param framing how the body is delimited
 * @param contentLength body length for CONTENT_LENGTH, 0 for NONE, -1 otherwise
 * @param transferCodings codings applied before chunked
 * @param keepAlive whether the connection may be reused
 * @param upgrade whether the connection switched protocols (101, or 2xx to CONNECT)
 */
public record ResponseHead(
        HttpVersion version,
        int status,
        String reason,
        HttpHeaders headers,
        BodyFraming framing,
        long contentLength,
        List<String> transferCodings,
        boolean keepAlive,
        boolean upgrade)
        implements MessageHead {
    /** True for 1xx responses other than 101 (interim: the final response follows). */
    public boolean isInterim() {
        return status >= 100 && status < 200 && status != 101;
    }
}
