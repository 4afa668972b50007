package io.asyncio4j.http.websocket;

import io.asyncio4j.http.HttpHeaders;
import io.asyncio4j.http.parser.RequestHead;
import io.asyncio4j.http.parser.ResponseHead;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The WebSocket opening handshake (RFC 6455 §4): key generation, {@code Sec-WebSocket-Accept},
 * request and response validation, subprotocol selection.
 *
 * <p>The analog of what aiohttp's {@code WebSocketResponse._handshake} (server) and {@code
 * ClientSession._ws_connect} (client) check.
 *
 * <pre>{@code
 * // server
 * String key = WebSocketHandshake.validateRequest(head);
 * String protocol = WebSocketHandshake.selectSubprotocol(head.headers(), List.of("chat")).orElse(null);
 * HttpHeaders h = WebSocketHandshake.responseHeaders(key, protocol, extensions);
 * // client
 * String key = WebSocketHandshake.generateKey();
 * String chosen = WebSocketHandshake.validateResponse(responseHead, key, List.of("chat"));
 * }</pre>
 */
public final class WebSocketHandshake {
    private WebSocketHandshake() {}

    /** The GUID of RFC 6455 §1.3. */
    public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** {@code base64(SHA-1(key + GUID))}. */
    public static String acceptKey(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 unavailable", e);
        }
    }

    /** A fresh {@code Sec-WebSocket-Key}: 16 random octets, base64. */
    public static String generateKey() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    /**
     * Server side: checks an upgrade request and returns its {@code Sec-WebSocket-Key}.
     *
     * @throws WebSocketHandshakeException with status 400, or 426 for a version other than 13
     *     (answer with {@code Sec-WebSocket-Version: 13})
     */
    public static String validateRequest(RequestHead head) {
        HttpHeaders h = head.headers();
        if (!head.method().equals("GET")) throw new WebSocketHandshakeException(400, "WebSocket handshake must be a GET");
        if (!head.version().isAtLeast11()) throw new WebSocketHandshakeException(400, "WebSocket handshake needs HTTP/1.1");
        if (!h.containsToken("Upgrade", "websocket")) throw new WebSocketHandshakeException(400, "Upgrade: websocket missing");
        if (!h.containsToken("Connection", "upgrade")) throw new WebSocketHandshakeException(400, "Connection: upgrade missing");
        if (h.count("Sec-WebSocket-Version") != 1 || !"13".equals(h.get("Sec-WebSocket-Version").strip())) {
            throw new WebSocketHandshakeException(426, "unsupported Sec-WebSocket-Version (only 13)");
        }
        if (h.count("Sec-WebSocket-Key") != 1) throw new WebSocketHandshakeException(400, "exactly one Sec-WebSocket-Key needed");
        String key = h.get("Sec-WebSocket-Key").strip();
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            decoded = null;
        }
        if (decoded == null || decoded.length != 16) throw new WebSocketHandshakeException(400, "invalid Sec-WebSocket-Key");
        return key;
    }

    /**
     * The first protocol of the client's {@code Sec-WebSocket-Protocol} list that the server
     * supports (aiohttp's rule: client order), if any.
     */
    public static Optional<String> selectSubprotocol(HttpHeaders requestHeaders, List<String> supported) {
        for (String value : requestHeaders.getAll("Sec-WebSocket-Protocol")) {
            for (String p : value.split(",")) {
                String proto = p.strip();
                if (!proto.isEmpty() && supported.contains(proto)) return Optional.of(proto);
            }
        }
        return Optional.empty();
    }

    /** The headers of the 101 response; {@code protocol} and {@code extensions} may be null. */
    public static HttpHeaders responseHeaders(String key, String protocol, String extensions) {
        HttpHeaders h = new HttpHeaders()
                .add("Upgrade", "websocket")
                .add("Connection", "Upgrade")
                .add("Sec-WebSocket-Accept", acceptKey(key));
        if (protocol != null) h.add("Sec-WebSocket-Protocol", protocol);
        if (extensions != null) h.add("Sec-WebSocket-Extensions", extensions);
        return h;
    }

    /** The headers of a client's upgrade request (add Host yourself); lists may be empty, extensions null. */
    public static HttpHeaders requestHeaders(String key, List<String> protocols, String extensions) {
        HttpHeaders h = new HttpHeaders()
                .add("Upgrade", "websocket")
                .add("Connection", "Upgrade")
                .add("Sec-WebSocket-Key", key)
                .add("Sec-WebSocket-Version", "13");
        if (!protocols.isEmpty()) h.add("Sec-WebSocket-Protocol", String.join(", ", protocols));
        if (extensions != null) h.add("Sec-WebSocket-Extensions", extensions);
        return h;
    }

    /**
     * Client side: checks the server's answer; returns the chosen subprotocol or null.
     *
     * @throws WebSocketHandshakeException (status 0) if the server did not accept correctly
     */
    public static String validateResponse(ResponseHead head, String sentKey, List<String> offeredProtocols) {
        HttpHeaders h = head.headers();
        if (head.status() != 101) throw new WebSocketHandshakeException(0, "expected 101 Switching Protocols, got " + head.status());
        if (!h.containsToken("Upgrade", "websocket")) throw new WebSocketHandshakeException(0, "Upgrade: websocket missing in response");
        if (!h.containsToken("Connection", "upgrade")) throw new WebSocketHandshakeException(0, "Connection: upgrade missing in response");
        String accept = h.get("Sec-WebSocket-Accept");
        if (accept == null || !accept.strip().equals(acceptKey(sentKey))) {
            throw new WebSocketHandshakeException(0, "Sec-WebSocket-Accept does not match the key");
        }
        String protocol = h.get("Sec-WebSocket-Protocol");
        if (protocol != null) {
            protocol = protocol.strip();
            if (!offeredProtocols.contains(protocol)) throw new WebSocketHandshakeException(0, "server chose a subprotocol we did not offer: " + protocol);
        }
        return protocol;
    }
}
