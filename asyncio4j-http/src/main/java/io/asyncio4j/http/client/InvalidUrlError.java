package io.asyncio4j.http.client;

/**
 * The URL cannot be requested (not absolute, no host, scheme other than http/https):
 * aiohttp's {@code InvalidURL}.
 *
 * <pre>{@code
 * session.get("ftp://example.test/");   // throws InvalidUrlError
 * }</pre>
 */
public class InvalidUrlError extends ClientError {
    /** An error naming the URL. */
    public InvalidUrlError(String url, String why) {
        super("invalid URL " + url + ": " + why);
    }
}
