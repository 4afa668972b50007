package io.asyncio4j.http.parser;

import io.asyncio4j.http.HttpHeaders;
import io.asyncio4j.http.HttpVersion;
import java.util.List;

/**
 * A parsed request head ({@code GET /path HTTP/1.1} plus headers).
 *
 * <p>The analog of aiohttp's {@code RawRequestMessage}.
 *
 * <pre>{@code
 * RequestHead r = ...;
 * if (r.expectContinue()) write("HTTP/1.1 100 Continue\r\n\r\n");
 * }</pre>
 *
 * @param method the method token, case preserved (methods are case-sensitive)
 * @param target the request target as sent (origin, absolute, authority or asterisk form)
 * @param version the protocol version
 * @param headers the header fields
 * @param framing how the body is delimited
 * @param contentLength body length for CONTENT_LENGTH, 0 for NONE, -1 for CHUNKED
 * @param transferCodings codings applied before chunked
 * @param keepAlive whether another request may follow on the connection
 * @param upgrade whether the client asks to switch protocols (or CONNECT)
 * @param expectContinue whether an HTTP/1.1 client sent {@code Expect: 100-continue}
 */
public record RequestHead(
        String method,
        String target,
        HttpVersion version,
        HttpHeaders headers,
        BodyFraming framing,
        long contentLength,
        List<String> transferCodings,
        boolean keepAlive,
        boolean upgrade,
        boolean expectContinue)
        implements MessageHead {}
