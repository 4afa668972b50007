package io.asyncio4j.http.websocket;

/**
 * Which end of a WebSocket connection this codec runs at; decides the masking rules (RFC 6455
 * §5.1: clients mask every frame, servers never do).
 *
 * <p>aiohttp passes the same as {@code is_client} / {@code mask=True}.
 *
 * <pre>{@code
 * WebSocketDecoder d = new WebSocketDecoder(WebSocketRole.SERVER, listener);
 * }</pre>
 */
public enum WebSocketRole {
    /** Sends masked frames, receives unmasked ones. */
    CLIENT,
    /** Sends unmasked frames, receives masked ones. */
    SERVER
}
