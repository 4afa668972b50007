package io.asyncio4j.http.parser;

import io.asyncio4j.http.HttpHeaders;
import io.asyncio4j.http.HttpVersion;
import java.nio.ByteBuffer;

/**
 * Serializes request and response heads (start line, fields, blank line) into a ByteBuffer.
 *
 * <p>The analog of aiohttp's {@code StreamWriter.write_headers} / {@code _serialize_headers}.
 * Every name must be a token and every value free of CR, LF, NUL and other controls (HTAB
 * allowed), so a caller cannot inject a header or split a response; violations throw
 * {@link IllegalArgumentException}. Output is ISO-8859-1, the inverse of what the parser decodes.
 *
 * <pre>{@code
 * HttpHeaders h = new HttpHeaders().add("Content-Length", "5");
 * ByteBuffer head = HttpHeadEncoder.response(HttpVersion.HTTP_1_1, 200, "OK", h);
 * transport.write(head);
 * }</pre>
 */
public final class HttpHeadEncoder {
    private HttpHeadEncoder() {}

    /** {@code METHOD target HTTP/x.y CRLF fields CRLF}. */
    public static ByteBuffer request(String method, String target, HttpVersion version, HttpHeaders headers) {
        if (!HttpSyntax.isToken(method)) throw new IllegalArgumentException("invalid method: " + method);
        if (target.isEmpty()) throw new IllegalArgumentException("empty request target");
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c > 0xff || !HttpSyntax.TARGET_CHAR[c]) throw new IllegalArgumentException("invalid character in request target");
        }
        int size = method.length() + 1 + target.length() + 1 + 8 + 2 + fieldsSize(headers) + 2;
        ByteBuffer b = ByteBuffer.allocate(size);
        put(b, method).put((byte) ' ');
        put(b, target).put((byte) ' ');
        put(b, version.toString()).put((byte) '\r').put((byte) '\n');
        putFields(b, headers);
        return b.flip();
    }

    /** {@code HTTP/x.y status reason CRLF fields CRLF}; a null reason uses the standard phrase. */
    public static ByteBuffer response(HttpVersion version, int status, String reason, HttpHeaders headers) {
        if (status < 100 || status > 999) throw new IllegalArgumentException("invalid status " + status);
        String r = reason == null ? HttpStatus.reasonPhrase(status) : reason;
        if (!HttpSyntax.isFieldValue(r)) throw new IllegalArgumentException("invalid reason phrase");
        int size = 8 + 1 + 3 + 1 + r.length() + 2 + fieldsSize(headers) + 2;
        ByteBuffer b = ByteBuffer.allocate(size);
        put(b, version.toString()).put((byte) ' ');
        b.put((byte) ('0' + status / 100)).put((byte) ('0' + status / 10 % 10)).put((byte) ('0' + status % 10));
        b.put((byte) ' ');
        put(b, r).put((byte) '\r').put((byte) '\n');
        putFields(b, headers);
        return b.flip();
    }

    /** The fields of {@code headers} followed by the empty line, as used for chunked trailers too. */
    public static ByteBuffer fields(HttpHeaders headers) {
        ByteBuffer b = ByteBuffer.allocate(fieldsSize(headers) + 2);
        putFields(b, headers);
        return b.flip();
    }

    private static int fieldsSize(HttpHeaders headers) {
        int n = 0;
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            String value = headers.value(i);
            if (!HttpSyntax.isToken(name)) throw new IllegalArgumentException("invalid header name: " + name);
            if (!HttpSyntax.isFieldValue(value)) throw new IllegalArgumentException("invalid character in value of " + name);
            n += name.length() + 2 + value.length() + 2;
        }
        return n;
    }

    private static void putFields(ByteBuffer b, HttpHeaders headers) {
        for (int i = 0; i < headers.size(); i++) {
            put(b, headers.name(i)).put((byte) ':').put((byte) ' ');
            put(b, headers.value(i)).put((byte) '\r').put((byte) '\n');
        }
        b.put((byte) '\r').put((byte) '\n');
    }

    private static ByteBuffer put(ByteBuffer b, String s) {
        for (int i = 0; i < s.length(); i++) b.put((byte) s.charAt(i));
        return b;
    }
}
