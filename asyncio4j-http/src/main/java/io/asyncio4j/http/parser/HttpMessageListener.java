package io.asyncio4j.http.parser;

import io.asyncio4j.http.HttpHeaders;
import java.nio.ByteBuffer;

/**
 * Receives what an {@link HttpParser} finds, in order: for each message one {@link #onHead}, any
 * number of {@link #onBody}, one {@link #onComplete}.
 *
 * <p>The analog of the callbacks aiohttp's C parser ({@code llhttp}) drives: {@code
 * on_headers_complete}, {@code on_body}, {@code on_message_complete}. Runs on the thread that calls
 * {@code feed} (the loop thread, in a Protocol).
 *
 * <pre>{@code
 * HttpParser p = HttpParser.forRequests(new HttpMessageListener() {
 *     public void onHead(MessageHead head) { current = (RequestHead) head; }
 *     public void onBody(ByteBuffer data) { body.write(data); }
 *     public void onComplete(HttpHeaders trailers) { dispatch(current); }
 * });
 * }</pre>
 */
public interface HttpMessageListener {
    /** A message head was parsed. */
    void onHead(MessageHead head);

    /**
     * Body octets: a view of the fed buffer, valid only during this call (copy what you keep; do not
     * modify it). Chunked framing is already removed.
     */
    void onBody(ByteBuffer data);

    /** The message is complete; {@code trailers} holds chunked trailer fields (usually empty). */
    void onComplete(HttpHeaders trailers);
}
