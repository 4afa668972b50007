package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.server.AppRunner;
import io.asyncio4j.http.server.Application;
import io.asyncio4j.http.server.HttpServerConfig;
import io.asyncio4j.http.server.WebSocketResponse;
import io.asyncio4j.http.websocket.WebSocketClient;
import io.asyncio4j.http.websocket.WebSocketConnection;
import io.asyncio4j.http.websocket.WebSocketMessage;

/**
 * A WebSocket server and client (aiohttp's {@code web.WebSocketResponse} and
 * {@code session.ws_connect} examples): the server answers every text message in upper case and
 * closes on "close"; the client sends three messages and prints the answers.
 */
public final class WebSocketChat {
    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> {
            Application app = new Application();
            app.router().get("/ws", request -> {
                WebSocketResponse ws = new WebSocketResponse();
                ws.prepare(request);
                for (WebSocketMessage msg : ws) {
                    if (msg.type() == WebSocketMessage.Type.TEXT) {
                        if (msg.text().equals("close")) {
                            ws.close();
                        } else {
                            ws.sendStr(msg.text().toUpperCase() + "/answer");
                        }
                    }
                }
                System.out.println("server: websocket connection closed");
                return ws;
            });
            AppRunner runner = new AppRunner(app, new HttpServerConfig().accessLogFormat(null));
            runner.setup();
            runner.start("127.0.0.1", 0);

            WebSocketConnection ws = WebSocketClient.connect("ws://127.0.0.1:" + runner.port() + "/ws");
            for (String m : new String[] {"hello", "websocket", "close"}) {
                ws.sendStr(m);
                if (!m.equals("close")) {
                    System.out.println("client got: " + ws.receiveStr());
                }
            }
            WebSocketMessage last = ws.receive();
            System.out.println("client: " + last.type() + " " + ws.closeCode());
            runner.cleanup();
        });
    }
}
