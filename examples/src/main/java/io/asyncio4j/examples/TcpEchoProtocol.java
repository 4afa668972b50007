package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.net.Net;
import io.asyncio4j.net.Protocol;
import io.asyncio4j.net.Server;
import io.asyncio4j.net.Transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * asyncio docs, "Transports and Protocols": the TCP echo server and client written as protocols
 * (callbacks on the loop thread, no task per connection).
 * <ul>
 *   <li>{@code server [PORT]}: serve until Ctrl+C (default port 8888);</li>
 *   <li>{@code client [PORT] [MESSAGE]}: send a message, print the echo, wait for the close;</li>
 *   <li>no arguments: both in one program, the server on a free port.</li>
 * </ul>
 */
public final class TcpEchoProtocol {
    /** EchoServerProtocol: echo the data back and close. */
    static final class EchoServerProtocol implements Protocol {
        private Transport transport;

        @Override
        public void connectionMade(Transport t) {
            System.out.println("Connection from a client");
            transport = t;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            String message = StandardCharsets.UTF_8.decode(data.duplicate()).toString();
            System.out.println("Data received: " + message);
            System.out.println("Send: " + message);
            transport.write(data);
            System.out.println("Close the client socket");
            transport.close();
        }
    }

    /** EchoClientProtocol: send on connect, print what comes back, complete a future on close. */
    static final class EchoClientProtocol implements Protocol {
        private final String message;
        private final Future<Void> onConLost;

        EchoClientProtocol(String message, Future<Void> onConLost) {
            this.message = message;
            this.onConLost = onConLost;
        }

        @Override
        public void connectionMade(Transport transport) {
            transport.write(ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)));
            System.out.println("Data sent: " + message);
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            System.out.println("Data received: " + StandardCharsets.UTF_8.decode(data));
        }

        @Override
        public void connectionLost(Throwable exc) {
            System.out.println("The server closed the connection");
            onConLost.setResult(null);
        }
    }

    static void client(int port, String message) throws Exception {
        Future<Void> onConLost = Asyncio.getRunningLoop().createFuture();
        var conn = Net.createConnection(() -> new EchoClientProtocol(message, onConLost), "127.0.0.1", port);
        try {
            onConLost.await(); // wait until the protocol signals that the connection is lost
        } finally {
            conn.transport().close();
        }
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "both";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 8888;
        String message = args.length > 2 ? args[2] : "Hello World!";
        Asyncio.run(() -> {
            switch (mode) {
                case "server" -> {
                    Server server = Net.createServer(EchoServerProtocol::new, "127.0.0.1", port);
                    System.out.println("Serving on 127.0.0.1:" + server.port());
                    server.serveForever();
                }
                case "client" -> client(port, message);
                default -> {
                    Server server = Net.createServer(EchoServerProtocol::new, "127.0.0.1", 0);
                    client(server.port(), message);
                    server.close();
                    server.waitClosed();
                }
            }
        });
    }
}
