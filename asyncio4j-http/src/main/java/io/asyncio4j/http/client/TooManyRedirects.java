package io.asyncio4j.http.client;

import java.util.List;

/**
 * A request was redirected {@code maxRedirects} times: aiohttp's {@code TooManyRedirects}.
 * {@link #history()} holds every redirect response, oldest first.
 *
 * <pre>{@code
 * try { session.get(url, new RequestOptions().maxRedirects(3)); }
 * catch (TooManyRedirects e) { e.history().size(); }   // 3
 * }</pre>
 */
public class TooManyRedirects extends ClientResponseError {
    /** Raised after {@code last}, the final redirect response. */
    public TooManyRedirects(ClientResponse last, List<ClientResponse> history) {
        super(last.status(), "Too many redirects", last.url(), last.headers(), history);
    }
}
