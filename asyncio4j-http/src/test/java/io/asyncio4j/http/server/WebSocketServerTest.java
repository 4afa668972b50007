package io.asyncio4j.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.http.websocket.WebSocketClient;
import io.asyncio4j.http.websocket.WebSocketConnection;
import io.asyncio4j.http.websocket.WebSocketMessage;
import io.asyncio4j.http.websocket.WebSocketSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class WebSocketServerTest {
    /** An echo application: TEXT "close" closes with 4000. */
    static Application echoApp(WebSocketSettings settings) {
        Application app = new Application();
        app.router().get("/ws", r -> {
            WebSocketResponse ws = new WebSocketResponse().protocols(List.of("chat", "superchat")).settings(settings);
            ws.prepare(r);
            for (WebSocketMessage m : ws) {
                switch (m.type()) {
                    case TEXT -> {
                        if (m.text().equals("close")) {
                            ws.close(4000, "bye");
                        } else if (m.text().equals("json")) {
                            ws.sendJson(Map.of("proto", String.valueOf(ws.protocol()), "deflate", ws.connection().isCompressed()));
                        } else {
                            ws.sendStr(m.text());
                        }
                    }
                    case BINARY -> ws.sendBytes(m.data());
                    default -> { }
                }
            }
            return ws;
        });
        app.router().get("/plain", r -> Response.text("not a websocket"));
        return app;
    }

    @Test
    @Timeout(20)
    void echoBothWaysWithAndWithoutDeflate() throws Exception {
        TestServer.run(echoApp(WebSocketSettings.DEFAULTS.maxMessageSize(100_000)), (runner, port) -> {
            for (boolean compress : new boolean[] {true, false}) {
                WebSocketConnection ws = WebSocketClient.connect("ws://127.0.0.1:" + port + "/ws",
                        WebSocketClient.Options.DEFAULTS.protocols(List.of("superchat")).compress(compress));
                assertThat(ws.protocol()).isEqualTo("superchat");
                assertThat(ws.isCompressed()).isEqualTo(compress);
                ws.sendStr("héllo");
                assertThat(ws.receiveStr()).isEqualTo("héllo");
                byte[] bin = new byte[70_000];
                for (int i = 0; i < bin.length; i++) bin[i] = (byte) i;
                ws.sendBytes(bin);
                assertThat(ws.receiveBytes()).isEqualTo(bin);
                ws.sendFragmented(true, "fragmented text".getBytes(), 4);
                assertThat(ws.receiveStr()).isEqualTo("fragmented text");
                ws.sendStr("json");
                assertThat(ws.receive().json().get("deflate").asBoolean()).isEqualTo(compress);
                ws.ping(new byte[] {1});
                ws.sendStr("close");
                WebSocketMessage close = ws.receive();
                assertThat(close.type()).isEqualTo(WebSocketMessage.Type.CLOSE);
                assertThat(close.code()).isEqualTo(4000);
                assertThat(close.reason()).isEqualTo("bye");
                assertThat(ws.receive().type()).isEqualTo(WebSocketMessage.Type.CLOSED);
            }
        });
    }

    @Test
    @Timeout(20)
    void maxMessageSizeClientCloseAndHandshakeErrors() throws Exception {
        TestServer.run(echoApp(WebSocketSettings.DEFAULTS.maxMessageSize(1000)), (runner, port) -> {
            WebSocketConnection ws = WebSocketClient.connect("ws://127.0.0.1:" + port + "/ws",
                    WebSocketClient.Options.DEFAULTS.compress(false));
            assertThat(ws.protocol()).isNull();
            ws.sendBytes(new byte[2000]);
            WebSocketMessage m = ws.receive();
            assertThat(m.type()).isEqualTo(WebSocketMessage.Type.CLOSE);
            assertThat(m.code()).isEqualTo(1009);

            WebSocketConnection ws2 = WebSocketClient.connect("ws://127.0.0.1:" + port + "/ws");
            ws2.sendStr("x");
            assertThat(ws2.receiveStr()).isEqualTo("x");
            assertThat(ws2.close(1000, "done")).isTrue();
            assertThat(ws2.closeCode()).isEqualTo(1000);

            // not an upgrade: 400; wrong version: 426 with Sec-WebSocket-Version
            assertThat(RawClient.request(port, "GET /ws HTTP/1.1\r\nHost: x\r\n\r\n").status()).isEqualTo(400);
            RawClient.Resp v = RawClient.request(port, "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n");
            assertThat(v.status()).isEqualTo(426);
            assertThat(v.header("Sec-WebSocket-Version")).isEqualTo("13");
            // an upgrade request to a plain route is answered normally, and the connection goes on
            try (RawClient c = new RawClient(port)) {
                c.send("GET /plain HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\nGET /plain HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(c.next().text()).isEqualTo("not a websocket");
            }
        });
    }

    @Test
    @Timeout(20)
    void heartbeatClosesSilentPeerAndShutdownSends1001() throws Exception {
        TestServer.run(echoApp(WebSocketSettings.DEFAULTS.heartbeat(Duration.ofMillis(200))), (runner, port) -> {
            // a client that does not answer pings is dropped
            WebSocketConnection mute = WebSocketClient.connect("ws://127.0.0.1:" + port + "/ws",
                    WebSocketClient.Options.DEFAULTS.settings(WebSocketSettings.DEFAULTS.autoPing(false)));
            assertThat(mute.receive().type()).isEqualTo(WebSocketMessage.Type.PING);
            assertThat(mute.receive().type()).isEqualTo(WebSocketMessage.Type.CLOSED);
            // a normal client stays connected across heartbeats, then the server shuts down with 1001
            WebSocketConnection ok = WebSocketClient.connect("ws://127.0.0.1:" + port + "/ws");
            io.asyncio4j.Asyncio.sleep(0.6);
            ok.sendStr("still here");
            assertThat(ok.receiveStr()).isEqualTo("still here");
            io.asyncio4j.Task<WebSocketMessage> next = io.asyncio4j.Asyncio.createTask(() -> ok.receive());
            runner.cleanup();
            WebSocketMessage m = next.await();
            assertThat(m.type()).isEqualTo(WebSocketMessage.Type.CLOSE);
            assertThat(m.code()).isEqualTo(1001);
        });
    }
}
