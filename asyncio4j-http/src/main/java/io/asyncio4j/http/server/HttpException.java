package io.asyncio4j.http.server;

import io.asyncio4j.http.HttpHeaders;
import io.asyncio4j.http.parser.HttpStatus;

/**
 * An HTTP error (or redirect) thrown from a handler or middleware and turned into a response.
 *
 * <p>The analog of aiohttp's {@code web.HTTPException} family ({@code HTTPNotFound},
 * {@code HTTPMethodNotAllowed}, {@code HTTPFound}, ...): throw it anywhere in request handling;
 * middlewares may catch it; the server answers with {@link #toResponse()}.
 *
 * <pre>{@code
 * app.router().get("/item/{id:\\d+}", req -> {
 *     Item item = db.find(req.matchInfo("id"));
 *     if (item == null) throw HttpException.notFound();
 *     return Response.json(item);
 * });
 * }</pre>
 */
public class HttpException extends RuntimeException {
    private final int status;
    private final HttpHeaders headers = new HttpHeaders();
    private final String text;

    /** An error with {@code status} and a text body (null: {@code "<status>: <reason>"}). */
    public HttpException(int status, String text) {
        super(status + " " + HttpStatus.reasonPhrase(status) + (text == null ? "" : ": " + text), null, false, false);
        this.status = status;
        this.text = text;
    }

    /** The status. */
    public int status() {
        return status;
    }

    /** Headers added to the response (e.g. {@code Allow}, {@code Location}). */
    public HttpHeaders headers() {
        return headers;
    }

    /** The body text, or null for the default. */
    public String text() {
        return text;
    }

    /** Adds a header and returns this. */
    public HttpException header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    /**
     * The response this exception stands for, as aiohttp builds it: the given text, else
     * {@code "<status>: <reason>"} as {@code text/plain} for every status (redirects and 2xx too),
     * except 204, 205 and 304, which aiohttp's {@code empty_body} classes send without a body.
     */
    public Response toResponse() {
        Response r;
        if (text != null) {
            r = Response.text(text);
        } else if (status == 204 || status == 205 || status == 304) {
            r = new Response();
        } else {
            r = Response.text(status + ": " + HttpStatus.reasonPhrase(status));
        }
        r.status(status);
        headers.forEach(r.headers()::add);
        return r;
    }

    /** 400 Bad Request. */
    public static HttpException badRequest(String text) {
        return new HttpException(400, text);
    }

    /** 403 Forbidden. */
    public static HttpException forbidden() {
        return new HttpException(403, null);
    }

    /** 404 Not Found. */
    public static HttpException notFound() {
        return new HttpException(404, null);
    }

    /** 405 Method Not Allowed with the {@code Allow} header. */
    public static HttpException methodNotAllowed(String method, java.util.Collection<String> allowed) {
        return new HttpException(405, null).header("Allow", String.join(",", allowed));
    }

    /** 413 Content Too Large. */
    public static HttpException payloadTooLarge(long max, long actual) {
        return new HttpException(413, "Maximum request body size " + max + " exceeded, actual body size " + actual);
    }

    /** A redirect (301, 302, 303, 307, 308) to {@code location}. */
    public static HttpException redirect(int status, String location) {
        return new HttpException(status, null).header("Location", location);
    }
}
