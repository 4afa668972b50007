package io.asyncio4j.bench;

import io.asyncio4j.Asyncio;
import io.asyncio4j.net.Net;
import io.asyncio4j.net.Protocol;
import io.asyncio4j.net.Server;
import io.asyncio4j.net.ServerOptions;
import io.asyncio4j.net.Transport;
import io.asyncio4j.stream.StreamReader;
import io.asyncio4j.stream.StreamWriter;
import io.asyncio4j.stream.Streams;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * TCP echo server on one event loop (one thread), the asyncio4j entry of
 * {@code ../shared/bench/compare.sh echo}. It mirrors the peer {@code asyncio_echo.py}:
 * <ul>
 *   <li>{@code --mode streams} (default): {@link Streams#startServer}, {@code read(256 KiB) → write → drain()}
 *       in a task per connection;</li>
 *   <li>{@code --mode protocol}: a {@link Protocol} whose {@code dataReceived} writes the bytes
 *       back, pausing reading while the peer does not read (pauseWriting/resumeWriting).</li>
 * </ul>
 * Listens on 127.0.0.1 (or {@code --host}) until SIGTERM.
 *
 * <pre>{@code
 * java --add-opens java.base/java.lang=ALL-UNNAMED -cp 'bench/target/asyncio4j-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*' \
 *      io.asyncio4j.bench.EchoServer --mode protocol 8888
 * }</pre>
 */
public final class EchoServer {
    private static final int READ_SIZE = 256 * 1024;

    private EchoServer() {}

    /** The protocol-style echo. */
    static final class EchoProtocol implements Protocol {
        private Transport transport;

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            transport.write(data);
        }

        @Override
        public void pauseWriting() {
            transport.pauseReading();
        }

        @Override
        public void resumeWriting() {
            transport.resumeReading();
        }
    }

    /** The streams-style echo, one task per connection. */
    static void handle(StreamReader reader, StreamWriter writer) throws Exception {
        try {
            while (true) {
                byte[] data = reader.read(READ_SIZE);
                if (data.length == 0) {
                    break;
                }
                writer.write(data);
                writer.drain();
            }
        } catch (IOException e) {
            // peer went away
        } finally {
            writer.close();
        }
    }

    public static void main(String[] args) throws Exception {
        String mode = "streams";
        String host = "127.0.0.1";
        int port = -1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mode" -> mode = args[++i];
                case "--streams" -> mode = "streams";
                case "--protocol" -> mode = "protocol";
                case "--host" -> host = args[++i];
                default -> port = Integer.parseInt(args[i]);
            }
        }
        if (port < 0 || !(mode.equals("streams") || mode.equals("protocol"))) {
            System.err.println("usage: EchoServer [--mode streams|protocol] [--host 127.0.0.1] PORT");
            System.exit(2);
        }
        String m = mode;
        String h = host;
        int p = port;
        Asyncio.run(() -> {
            ServerOptions opts = new ServerOptions().backlog(1024);
            Server server = m.equals("protocol")
                    ? Net.createServer(EchoProtocol::new, h, p, opts)
                    : Streams.startServer(EchoServer::handle, List.of(h), p, StreamReader.DEFAULT_LIMIT, opts);
            System.out.println("asyncio4j echo listening on " + h + ":" + server.port() + " api=" + m
                    + " java=" + Runtime.version());
            server.serveForever();
        });
    }
}
