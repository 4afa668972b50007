package io.asyncio4j.cli;

import io.asyncio4j.Asyncio;
import io.asyncio4j.KeyboardInterrupt;
import io.asyncio4j.net.Server;
import io.asyncio4j.stream.StreamReader;
import io.asyncio4j.stream.StreamWriter;
import io.asyncio4j.stream.Streams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * {@code aio echo}: a TCP echo server over streams, one task per connection, until Ctrl+C.
 * asyncio's "TCP echo server using streams" example as a tool.
 */
@Command(name = "echo", description = "Run a TCP echo server (streams, one task per connection) until Ctrl+C.")
final class EchoCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8888", description = "Port to listen on (0: any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    String host;

    static void handle(StreamReader reader, StreamWriter writer) throws Exception {
        Object peer = writer.getExtraInfo("peername");
        System.out.println("connection from " + peer);
        try {
            handleQuietly(reader, writer);
        } finally {
            System.out.println("closed " + peer);
        }
    }

    /** Echoes until EOF, then closes; no logging (the demo uses it). */
    static void handleQuietly(StreamReader reader, StreamWriter writer) throws Exception {
        try {
            while (true) {
                byte[] data = reader.read(64 * 1024);
                if (data.length == 0) {
                    break;
                }
                writer.write(data);
                writer.drain();
            }
        } catch (IOException e) {
            // the peer went away: nothing to echo to
        } finally {
            writer.close();
        }
    }

    @Override
    public Integer call() throws Exception {
        try {
            Asyncio.run(() -> {
                Server server = Streams.startServer(EchoCommand::handle, host, port);
                Shutdown.onTerminate(Asyncio.currentTask());
                System.out.println("echo server listening on " + host + ":" + server.port() + " (Ctrl+C to stop)");
                System.out.flush();
                server.serveForever();
            });
        } catch (KeyboardInterrupt | io.asyncio4j.CancelledError e) {
            System.out.println("stopped");
        }
        return 0;
    }
}
