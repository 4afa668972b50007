package io.asyncio4j.http.client;

import io.asyncio4j.http.HttpHeaders;

import java.net.URI;
import java.util.List;

/**
 * The proxy refused to open a {@code CONNECT} tunnel (a non-2xx answer): aiohttp's
 * {@code ClientHttpProxyError}.
 *
 * <pre>{@code
 * try { session.get(url, new RequestOptions().proxy("http://proxy:3128")); }
 * catch (ClientHttpProxyError e) { e.status(); }   // e.g. 407
 * }</pre>
 */
public class ClientHttpProxyError extends ClientResponseError {
    /** The proxy answered {@code status} to CONNECT. */
    public ClientHttpProxyError(int status, String reason, URI proxy, HttpHeaders headers) {
        super(status, reason, proxy, headers, List.of());
    }
}
