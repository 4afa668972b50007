package io.asyncio4j.http.parser;

import io.asyncio4j.http.HttpHeaders;
import io.asyncio4j.http.HttpVersion;
import java.util.List;

/**
 * The parsed head of an HTTP/1.1 message: start line, header fields and the decisions the parser
 * drew from them (body framing, keep-alive, upgrade).
 *
 * <p>The analog of aiohttp's {@code RawRequestMessage} / {@code RawResponseMessage}.
 *
 * <pre>{@code
 * switch (head) {
 *     case RequestHead r -> route(r.method(), r.target());
 *     case ResponseHead r -> complete(r.status());
 * }
 * }</pre>
 */
public sealed interface MessageHead permits RequestHead, ResponseHead {
    /** The protocol version of the message. */
    HttpVersion version();

    /** The header fields, in wire order with their original case. */
    HttpHeaders headers();

    /** How the body is delimited. */
    BodyFraming framing();

    /** The body length for {@link BodyFraming#CONTENT_LENGTH}, 0 for NONE, -1 otherwise. */
    long contentLength();

    /** Transfer codings other than the final {@code chunked} (e.g. {@code gzip}), in the order applied. */
    List<String> transferCodings();

    /** Whether the connection may carry another message after this one. */
    boolean keepAlive();

    /**
     * Whether the connection switches protocol after this message (request: {@code Upgrade} with
     * {@code Connection: upgrade}, or CONNECT; response: 101, or 2xx to CONNECT). The parser stops
     * after such a message; see {@link HttpParser#isUpgraded()}.
     */
    boolean upgrade();
}
