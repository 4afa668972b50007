package io.asyncio4j.http.server;

import io.asyncio4j.http.websocket.PerMessageDeflate;
import io.asyncio4j.http.websocket.WebSocketConnection;
import io.asyncio4j.http.websocket.WebSocketHandshake;
import io.asyncio4j.http.websocket.WebSocketHandshakeException;
import io.asyncio4j.http.websocket.WebSocketMessage;
import io.asyncio4j.http.websocket.WebSocketRole;
import io.asyncio4j.http.websocket.WebSocketSettings;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The server side of a WebSocket: {@link #prepare} performs the handshake (validates the
 * request, picks the first client-offered subprotocol we support, negotiates permessage-deflate)
 * and takes over the connection; then the handler receives and sends messages through the
 * {@link WebSocketConnection} API (also exposed here), and returns this response.
 *
 * <p>The analog of aiohttp's {@code web.WebSocketResponse}.
 *
 * <pre>{@code
 * app.router().get("/ws", req -> {
 *     WebSocketResponse ws = new WebSocketResponse().protocols(List.of("chat"));
 *     ws.prepare(req);
 *     for (WebSocketMessage m : ws) {
 *         if (m.type() == WebSocketMessage.Type.TEXT) ws.sendStr("echo: " + m.text());
 *     }
 *     return ws;
 * });
 * }</pre>
 */
public final class WebSocketResponse extends StreamResponse implements Iterable<WebSocketMessage> {
    private List<String> protocols = List.of();
    private boolean compress = true;
    private PerMessageDeflate.ServerOptions deflateOptions = PerMessageDeflate.ServerOptions.DEFAULT;
    private WebSocketSettings settings = WebSocketSettings.DEFAULTS;
    private WebSocketConnection ws;

    /** A WebSocket response with default settings (compression accepted, no subprotocols). */
    public WebSocketResponse() {
        status(101);
    }

    /** Subprotocols we support. */
    public WebSocketResponse protocols(List<String> v) {
        checkNotPrepared();
        protocols = List.copyOf(v);
        return this;
    }

    /** Whether to accept permessage-deflate (default true). */
    public WebSocketResponse compress(boolean v) {
        checkNotPrepared();
        compress = v;
        return this;
    }

    /** permessage-deflate server options (context takeover). */
    public WebSocketResponse deflateOptions(PerMessageDeflate.ServerOptions v) {
        checkNotPrepared();
        deflateOptions = v;
        return this;
    }

    /** Connection settings (max message size, autoPing, heartbeat, close timeout). */
    public WebSocketResponse settings(WebSocketSettings v) {
        checkNotPrepared();
        settings = v;
        return this;
    }

    /** A heartbeat: ping after {@code d} of silence, close if no pong within half of it. */
    public WebSocketResponse heartbeat(Duration d) {
        return settings(settings.heartbeat(d));
    }

    /** Largest message accepted (else close 1009). */
    public WebSocketResponse maxMessageSize(long n) {
        return settings(settings.maxMessageSize(n));
    }

    /** Whether {@code request} is a valid WebSocket upgrade (aiohttp's {@code can_prepare}). */
    public boolean canPrepare(Request request) {
        try {
            WebSocketHandshake.validateRequest(request.head());
            return request.connection().isUpgradeRequest(request);
        } catch (WebSocketHandshakeException e) {
            return false;
        }
    }

    /** Performs the handshake and switches the connection to WebSocket. */
    @Override
    public StreamResponse prepare(Request request) throws Exception {
        if (prepared) return this;
        String key;
        try {
            key = WebSocketHandshake.validateRequest(request.head());
        } catch (WebSocketHandshakeException e) {
            HttpException he = new HttpException(e.status(), e.getMessage());
            if (e.status() == 426) he.header("Sec-WebSocket-Version", "13");
            throw he;
        }
        HttpServerProtocol conn = request.connection();
        if (!conn.isUpgradeRequest(request)) throw HttpException.badRequest("not an upgrade request");
        String protocol = WebSocketHandshake.selectSubprotocol(request.headers(), protocols).orElse(null);
        Optional<PerMessageDeflate.Params> params = compress
                ? PerMessageDeflate.negotiateServer(request.headers().getAll("Sec-WebSocket-Extensions"), deflateOptions)
                : Optional.empty();
        WebSocketHandshake.responseHeaders(key, protocol, params.map(PerMessageDeflate.Params::toHeader).orElse(null))
                .forEach(headers()::set);
        sendHead(request, -1, false);
        eofWritten = true;
        PerMessageDeflate deflate = params.map(p -> new PerMessageDeflate(p, WebSocketRole.SERVER)).orElse(null);
        ws = new WebSocketConnection(conn.transport(), WebSocketRole.SERVER, deflate, protocol, settings);
        ByteBuffer rest = conn.upgrade(request, ws);
        conn.runner().register(ws);
        ws.start(rest);
        return this;
    }

    @Override
    void finish(Request request) throws Exception {
        if (!prepared) prepare(request);
    }

    /** Called when the handler returned: closes the WebSocket if the handler did not. */
    void handlerDone() throws Exception {
        if (ws != null && !ws.isClosed()) ws.close();
    }

    /** The connection (after {@link #prepare}). */
    public WebSocketConnection connection() {
        if (ws == null) throw new IllegalStateException("call prepare(request) first");
        return ws;
    }

    /** The negotiated subprotocol, or null. */
    public String protocol() {
        return connection().protocol();
    }

    /** See {@link WebSocketConnection#receive()}. */
    public WebSocketMessage receive() throws Exception {
        return connection().receive();
    }

    /** See {@link WebSocketConnection#receive(Duration)}. */
    public WebSocketMessage receive(Duration timeout) throws Exception {
        return connection().receive(timeout);
    }

    /** See {@link WebSocketConnection#receiveStr()}. */
    public String receiveStr() throws Exception {
        return connection().receiveStr();
    }

    /** See {@link WebSocketConnection#sendStr}. */
    public void sendStr(String s) throws Exception {
        connection().sendStr(s);
    }

    /** See {@link WebSocketConnection#sendBytes}. */
    public void sendBytes(byte[] b) throws Exception {
        connection().sendBytes(b);
    }

    /** See {@link WebSocketConnection#sendJson}. */
    public void sendJson(Object v) throws Exception {
        connection().sendJson(v);
    }

    /** See {@link WebSocketConnection#ping}. */
    public void ping(byte[] payload) throws Exception {
        connection().ping(payload);
    }

    /** See {@link WebSocketConnection#close(int, String)}. */
    public boolean close(int code, String reason) throws Exception {
        return connection().close(code, reason);
    }

    /** See {@link WebSocketConnection#close()}. */
    public boolean close() throws Exception {
        return connection().close();
    }

    /** Whether the WebSocket is closed or closing. */
    public boolean isClosed() {
        return ws != null && ws.isClosed();
    }

    /** The close code (see {@link WebSocketConnection#closeCode()}). */
    public int closeCode() {
        return connection().closeCode();
    }

    @Override
    public Iterator<WebSocketMessage> iterator() {
        return connection().iterator();
    }
}
