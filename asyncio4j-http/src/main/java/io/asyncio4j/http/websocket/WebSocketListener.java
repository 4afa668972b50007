package io.asyncio4j.http.websocket;

/**
 * Receives whole messages from a {@link WebSocketDecoder}: data messages reassembled from their
 * fragments (and decompressed), control frames as they arrive (also between fragments).
 *
 * <p>The analog of the {@code WSMessage} stream aiohttp's {@code WebSocketReader} feeds ({@code
 * WSMsgType.TEXT}, {@code BINARY}, {@code PING}, {@code PONG}, {@code CLOSE}).
 *
 * <pre>{@code
 * new WebSocketDecoder(WebSocketRole.SERVER, new WebSocketListener() {
 *     public void onText(String text) { queue.add(text); }
 *     public void onBinary(byte[] data) { queue.add(data); }
 *     public void onPing(byte[] payload) { transport.write(encoder.pong(payload)); }
 *     public void onPong(byte[] payload) { heartbeat.ok(); }
 *     public void onClose(int code, String reason) { closeHandshake(code); }
 * });
 * }</pre>
 */
public interface WebSocketListener {
    /** A complete text message (validated UTF-8). */
    void onText(String text);

    /** A complete binary message (a new array owned by the listener). */
    void onBinary(byte[] data);

    /** A Ping with its application data (at most 125 octets). */
    void onPing(byte[] payload);

    /** A Pong with its application data. */
    void onPong(byte[] payload);

    /** A Close frame: {@code code} is 1005 when the frame had no payload. */
    void onClose(int code, String reason);
}
