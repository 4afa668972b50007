package io.asyncio4j.http.client;

import java.util.List;

/**
 * {@link ClientResponse#json()} on a response whose {@code Content-Type} is not JSON: aiohttp's
 * {@code ContentTypeError}. Use {@code json(type, false)} to skip the check.
 *
 * <pre>{@code
 * try { resp.json(); } catch (ContentTypeError e) { resp.text(); }
 * }</pre>
 */
public class ContentTypeError extends ClientResponseError {
    /** The response had {@code contentType}. */
    public ContentTypeError(ClientResponse resp, String contentType) {
        super(resp.status(), "Attempt to decode JSON with unexpected mimetype: " + contentType, resp.url(),
                resp.headers(), List.of());
    }
}
