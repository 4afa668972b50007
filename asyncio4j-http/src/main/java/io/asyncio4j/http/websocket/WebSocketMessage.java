package io.asyncio4j.http.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/**
 * One message received on a {@link WebSocketConnection}: its {@link Type} and payload.
 *
 * <p>The analog of aiohttp's {@code WSMessage(type, data, extra)} with {@code WSMsgType}.
 * TEXT carries {@link #text()}, BINARY/PING/PONG carry {@link #data()}, CLOSE carries the peer's
 * {@link #code()} and {@link #reason()}, CLOSED means the connection is gone (code 1006 if it
 * ended without a close handshake), ERROR carries {@link #error()} (a protocol violation, an
 * oversized message, a heartbeat timeout).
 *
 * <pre>{@code
 * for (WebSocketMessage m : ws) {
 *     switch (m.type()) {
 *         case TEXT -> ws.sendStr("echo: " + m.text());
 *         case BINARY -> ws.sendBytes(m.data());
 *         default -> { }
 *     }
 * }
 * }</pre>
 *
 * @param type the kind of message
 * @param data payload of BINARY/PING/PONG (empty otherwise)
 * @param text payload of TEXT (null otherwise)
 * @param code close code of CLOSE/CLOSED (0 otherwise)
 * @param reason close reason of CLOSE (null otherwise)
 * @param error the failure of ERROR (null otherwise)
 */
public record WebSocketMessage(Type type, byte[] data, String text, int code, String reason, Throwable error) {
    private static final byte[] NONE = new byte[0];
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Message kinds (aiohttp's {@code WSMsgType}). */
    public enum Type {
        /** A text message. */
        TEXT,
        /** A binary message. */
        BINARY,
        /** A Ping (only delivered when autoPing is off). */
        PING,
        /** A Pong (only delivered when autoPing is off). */
        PONG,
        /** The peer's Close frame. */
        CLOSE,
        /** The connection is closed. */
        CLOSED,
        /** An error ended the connection. */
        ERROR
    }

    static WebSocketMessage text(String s) {
        return new WebSocketMessage(Type.TEXT, NONE, s, 0, null, null);
    }

    static WebSocketMessage binary(Type t, byte[] b) {
        return new WebSocketMessage(t, b, null, 0, null, null);
    }

    static WebSocketMessage close(int code, String reason) {
        return new WebSocketMessage(Type.CLOSE, NONE, null, code, reason, null);
    }

    static WebSocketMessage closed(int code) {
        return new WebSocketMessage(Type.CLOSED, NONE, null, code, null, null);
    }

    static WebSocketMessage error(Throwable t) {
        return new WebSocketMessage(Type.ERROR, NONE, null, 0, null, t);
    }

    /** TEXT as JSON (Jackson); BINARY is read as UTF-8 JSON too. */
    public JsonNode json() throws java.io.IOException {
        return JSON.readTree(text != null ? text.getBytes(StandardCharsets.UTF_8) : data);
    }

    /** TEXT (or BINARY) bound to {@code type} with Jackson. */
    public <T> T json(Class<T> type) throws java.io.IOException {
        return JSON.readValue(text != null ? text.getBytes(StandardCharsets.UTF_8) : data, type);
    }

    /** Whether this message ends the stream (CLOSE, CLOSED or ERROR). */
    public boolean isTerminal() {
        return type == Type.CLOSE || type == Type.CLOSED || type == Type.ERROR;
    }

    @Override
    public String toString() {
        return switch (type) {
            case TEXT -> "WebSocketMessage[TEXT " + (text.length() > 60 ? text.substring(0, 60) + "..." : text) + "]";
            case CLOSE, CLOSED -> "WebSocketMessage[" + type + " " + code + (reason == null ? "" : " " + reason) + "]";
            case ERROR -> "WebSocketMessage[ERROR " + error + "]";
            default -> "WebSocketMessage[" + type + " " + data.length + " bytes]";
        };
    }
}
