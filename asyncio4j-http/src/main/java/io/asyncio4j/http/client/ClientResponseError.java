package io.asyncio4j.http.client;

import io.asyncio4j.http.HttpHeaders;

import java.net.URI;
import java.util.List;

/**
 * An error about a received response: a status of 400 or more with {@code raiseForStatus}, too many
 * redirects, a body that is not the expected content type. aiohttp's {@code ClientResponseError}.
 *
 * <pre>{@code
 * try {
 *     session.get(url).raiseForStatus();
 * } catch (ClientResponseError e) {
 *     if (e.status() == 404) notFound();
 * }
 * }</pre>
 */
public class ClientResponseError extends ClientError {
    private final int status;
    private final URI url;
    private final HttpHeaders headers;
    private final List<ClientResponse> history;

    /** An error about the response to {@code url} with {@code status}. */
    public ClientResponseError(int status, String message, URI url, HttpHeaders headers,
                               List<ClientResponse> history) {
        super(status + ", message='" + message + "', url='" + url + "'");
        this.status = status;
        this.url = url;
        this.headers = headers;
        this.history = history == null ? List.of() : List.copyOf(history);
    }

    /** The response status. */
    public int status() {
        return status;
    }

    /** The URL of the response. */
    public URI url() {
        return url;
    }

    /** The response headers (may be empty). */
    public HttpHeaders headers() {
        return headers;
    }

    /** The redirect responses that led here, oldest first. */
    public List<ClientResponse> history() {
        return history;
    }
}
