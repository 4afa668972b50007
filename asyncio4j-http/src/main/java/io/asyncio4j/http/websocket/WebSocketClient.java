package io.asyncio4j.http.websocket;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.http.HttpHeaders;
import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.http.parser.HttpHeadEncoder;
import io.asyncio4j.http.parser.HttpMessageListener;
import io.asyncio4j.http.parser.HttpParseException;
import io.asyncio4j.http.parser.HttpParser;
import io.asyncio4j.http.parser.MessageHead;
import io.asyncio4j.http.parser.ResponseHead;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.net.ConnectOptions;
import io.asyncio4j.net.Connection;
import io.asyncio4j.net.Net;
import io.asyncio4j.net.Protocol;
import io.asyncio4j.net.Transport;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

/**
 * Opens client WebSockets ({@code ws://} URLs): connects, sends the upgrade request (with a
 * permessage-deflate offer unless disabled), parses the {@code 101} with the HTTP response
 * parser, checks {@code Sec-WebSocket-Accept}, the subprotocol and the extension answer, and
 * returns a {@link WebSocketConnection} that masks every frame. {@code wss://} runs over TLS (SNI and host-name verification; see {@link #connect(URI, Options, javax.net.ssl.SSLContext)}), which
 * the core does not provide yet.
 *
 * <p>The analog of aiohttp's {@code ClientSession.ws_connect}.
 *
 * <pre>{@code
 * WebSocketConnection ws = WebSocketClient.connect("ws://127.0.0.1:8080/chat",
 *         WebSocketClient.Options.DEFAULTS.protocols(List.of("chat")).heartbeat(Duration.ofSeconds(20)));
 * ws.sendJson(Map.of("hello", "world"));
 * System.out.println(ws.receiveStr());
 * ws.close();
 * }</pre>
 */
public final class WebSocketClient {
    private WebSocketClient() {}

    /**
     * Client options.
     *
     * @param protocols subprotocols to offer, in preference order
     * @param compress offer permessage-deflate
     * @param headers extra request headers (Origin, Authorization, ...), or null
     * @param handshakeTimeout connect + handshake limit
     * @param settings connection behaviour (message size, heartbeat, ...)
     */
    public record Options(List<String> protocols, boolean compress, HttpHeaders headers, Duration handshakeTimeout,
                          WebSocketSettings settings) {
        /** No subprotocols, compression offered, 10 s handshake, default settings. */
        public static final Options DEFAULTS = new Options(List.of(), true, null, Duration.ofSeconds(10), WebSocketSettings.DEFAULTS);

        /** A copy with {@code protocols}. */
        public Options protocols(List<String> v) {
            return new Options(List.copyOf(v), compress, headers, handshakeTimeout, settings);
        }

        /** A copy with {@code compress}. */
        public Options compress(boolean v) {
            return new Options(protocols, v, headers, handshakeTimeout, settings);
        }

        /** A copy with extra {@code headers}. */
        public Options headers(HttpHeaders v) {
            return new Options(protocols, compress, v, handshakeTimeout, settings);
        }

        /** A copy with {@code handshakeTimeout}. */
        public Options handshakeTimeout(Duration v) {
            return new Options(protocols, compress, headers, v, settings);
        }

        /** A copy with {@code settings}. */
        public Options settings(WebSocketSettings v) {
            return new Options(protocols, compress, headers, handshakeTimeout, v);
        }

        /** A copy with a heartbeat. */
        public Options heartbeat(Duration v) {
            return settings(settings.heartbeat(v));
        }
    }

    /** Connects with {@link Options#DEFAULTS}. */
    public static WebSocketConnection connect(String url) throws Exception {
        return connect(URI.create(url), Options.DEFAULTS);
    }

    /** Connects with {@code options}. */
    public static WebSocketConnection connect(String url, Options options) throws Exception {
        return connect(URI.create(url), options);
    }

    /** Connects to {@code uri} ({@code ws://} or {@code wss://host[:port]/path?query}); wss trusts the JDK's default CAs. */
    public static WebSocketConnection connect(URI uri, Options options) throws Exception {
        return connect(uri, options, null);
    }

    /**
     * Connects to {@code uri}; for {@code wss://} the TLS handshake uses {@code sslContext} (null: the
     * JDK's default), with SNI and host-name verification against the URL's host.
     */
    public static WebSocketConnection connect(URI uri, Options options, javax.net.ssl.SSLContext sslContext)
            throws Exception {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean tls = scheme.equals("wss") || scheme.equals("https");
        if (!tls && !scheme.equals("ws") && !scheme.equals("http")) {
            throw new IllegalArgumentException("not a ws:// or wss:// URL: " + uri);
        }
        String host = uri.getHost();
        if (host == null) throw new IllegalArgumentException("no host in " + uri);
        int port = uri.getPort() < 0 ? (tls ? 443 : 80) : uri.getPort();
        ConnectOptions connectOptions = new ConnectOptions();
        if (tls) {
            connectOptions.ssl(sslContext != null ? sslContext : javax.net.ssl.SSLContext.getDefault());
        }
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String key = WebSocketHandshake.generateKey();
        HttpHeaders h = WebSocketHandshake.requestHeaders(key, options.protocols(),
                options.compress() ? PerMessageDeflate.clientOffer(false, false) : null);
        String hostHeader = host.contains(":") ? "[" + host + "]" : host;
        h.add("Host", uri.getPort() < 0 ? hostHeader : hostHeader + ":" + port);
        if (options.headers() != null) options.headers().forEach(h::add);

        return Asyncio.timeout(options.handshakeTimeout(), () -> {
            Connection<Handshake> c = Net.createConnection(Handshake::new, host.startsWith("[") ? host.substring(1, host.length() - 1) : host,
                    port, connectOptions);
            Transport t = c.transport();
            Handshake hs = c.protocol();
            try {
                t.write(HttpHeadEncoder.request("GET", target, HttpVersion.HTTP_1_1, h));
                ResponseHead head = hs.head.await();
                String chosen = WebSocketHandshake.validateResponse(head, key, options.protocols());
                PerMessageDeflate deflate = null;
                String ext = head.headers().get("Sec-WebSocket-Extensions");
                if (ext != null) {
                    if (!options.compress()) throw new WebSocketHandshakeException(0, "server answered an extension we did not offer: " + ext);
                    deflate = new PerMessageDeflate(PerMessageDeflate.acceptClientResponse(ext, false, false), WebSocketRole.CLIENT);
                }
                WebSocketConnection ws = new WebSocketConnection(t, WebSocketRole.CLIENT, deflate, chosen, options.settings());
                ByteBuffer rest = hs.leftover();
                ws.start(rest);
                return ws;
            } catch (Throwable e) {
                t.abort();
                throw e;
            }
        });
    }

    /** Reads the handshake response; keeps what follows the 101 for the WebSocket. */
    private static final class Handshake implements Protocol, HttpMessageListener {
        final Future<ResponseHead> head = EventLoop.current().createFuture();
        private final HttpParser parser = HttpParser.forResponses(this);
        private ByteBuffer stash;

        @Override
        public void dataReceived(ByteBuffer data) {
            if (head.isDone()) {
                keep(data);
                return;
            }
            try {
                parser.feed(data);
            } catch (HttpParseException e) {
                if (!head.isDone()) head.setException(new WebSocketHandshakeException(0, e.getMessage()));
                return;
            }
            if (head.isDone() && data.hasRemaining()) keep(data);
        }

        private void keep(ByteBuffer data) {
            int n = data.remaining();
            if (stash == null) {
                stash = ByteBuffer.allocate(Math.max(n, 4096));
            } else if (stash.remaining() < n) {
                ByteBuffer b = ByteBuffer.allocate(stash.position() + n);
                stash.flip();
                b.put(stash);
                stash = b;
            }
            stash.put(data);
        }

        ByteBuffer leftover() {
            if (stash == null) return ByteBuffer.allocate(0);
            stash.flip();
            return stash;
        }

        @Override
        public void onHead(MessageHead h) {
            ResponseHead r = (ResponseHead) h;
            if (!head.isDone()) head.setResult(r);
        }

        @Override
        public void onBody(ByteBuffer data) {
            // an error response's body: ignored
        }

        @Override
        public void onComplete(HttpHeaders trailers) {
        }

        @Override
        public void connectionLost(Throwable exc) {
            if (!head.isDone()) head.setException(new IOException("connection closed during the WebSocket handshake", exc));
        }
    }
}
