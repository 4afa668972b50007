package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.net.Server;
import io.asyncio4j.stream.StreamPair;
import io.asyncio4j.stream.StreamReader;
import io.asyncio4j.stream.StreamWriter;
import io.asyncio4j.stream.Streams;

import java.nio.charset.StandardCharsets;

/**
 * asyncio docs, "Streams": the TCP echo client and server using streams.
 * <ul>
 *   <li>{@code server [PORT]}: serve until Ctrl+C (default port 8888);</li>
 *   <li>{@code client [PORT] [MESSAGE]}: send a message, print the echo;</li>
 *   <li>no arguments: both in one program, the server on a free port.</li>
 * </ul>
 */
public final class TcpEchoStreams {
    /** handle_echo: one task per connection. */
    static void handleEcho(StreamReader reader, StreamWriter writer) throws Exception {
        byte[] data = reader.read(100);
        String message = new String(data, StandardCharsets.UTF_8);
        Object addr = writer.getExtraInfo("peername");
        System.out.println("Received " + message + " from " + (addr == null ? "?" : "a client"));
        System.out.println("Send: " + message);
        writer.write(data);
        writer.drain();
        System.out.println("Close the connection");
        writer.close();
        writer.waitClosed();
    }

    static void client(int port, String message) throws Exception {
        StreamPair conn = Streams.openConnection("127.0.0.1", port);
        System.out.println("Send: " + message);
        conn.writer().write(message.getBytes(StandardCharsets.UTF_8));
        conn.writer().drain();
        byte[] data = conn.reader().read(100);
        System.out.println("Received: " + new String(data, StandardCharsets.UTF_8));
        System.out.println("Close the connection");
        conn.writer().close();
        conn.writer().waitClosed();
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "both";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 8888;
        String message = args.length > 2 ? args[2] : "Hello World!";
        Asyncio.run(() -> {
            switch (mode) {
                case "server" -> {
                    Server server = Streams.startServer(TcpEchoStreams::handleEcho, "127.0.0.1", port);
                    System.out.println("Serving on 127.0.0.1:" + server.port());
                    server.serveForever();
                }
                case "client" -> client(port, message);
                default -> {
                    Server server = Streams.startServer(TcpEchoStreams::handleEcho, "127.0.0.1", 0);
                    client(server.port(), message);
                    server.close();
                    server.waitClosed();
                }
            }
        });
    }
}
