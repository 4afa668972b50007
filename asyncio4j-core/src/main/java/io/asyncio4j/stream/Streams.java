package io.asyncio4j.stream;

import io.asyncio4j.Asyncio;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.net.ConnectOptions;
import io.asyncio4j.net.Connection;
import io.asyncio4j.net.Net;
import io.asyncio4j.net.Server;
import io.asyncio4j.net.ServerOptions;

import java.nio.file.Path;
import java.util.List;

/**
 * asyncio's stream functions: {@code open_connection}, {@code start_server},
 * {@code open_unix_connection}, {@code start_unix_server}. Call them inside a task.
 *
 * <pre>{@code
 * Server server = Streams.startServer((reader, writer) -> {
 *     byte[] line;
 *     while ((line = reader.readLine()).length > 0) {
 *         writer.write(line);
 *         writer.drain();
 *     }
 *     writer.close();
 * }, "127.0.0.1", 8888);
 * server.serveForever();
 * }</pre>
 */
public final class Streams {
    private Streams() {}

    private static EventLoop loop() {
        EventLoop loop = Asyncio.getRunningLoop();
        if (loop == null) {
            throw new IllegalStateException("no running event loop: call inside a task");
        }
        return loop;
    }

    /** Connects to {@code host:port} and returns the stream pair (asyncio's {@code open_connection}). */
    public static StreamPair openConnection(String host, int port) throws Exception {
        return openConnection(host, port, StreamReader.DEFAULT_LIMIT, new ConnectOptions());
    }

    /** {@link #openConnection(String, int)} with a reader limit and connect options. */
    public static StreamPair openConnection(String host, int port, int limit, ConnectOptions options)
            throws Exception {
        EventLoop loop = loop();
        StreamReader reader = new StreamReader(limit, loop);
        Connection<StreamReaderProtocol> c = Net.createConnection(
                () -> new StreamReaderProtocol(reader, null, loop), host, port, options);
        return new StreamPair(reader, new StreamWriter(c.transport(), c.protocol(), reader, loop));
    }

    /** Connects to the Unix domain socket at {@code path} (asyncio's {@code open_unix_connection}). */
    public static StreamPair openUnixConnection(Path path) throws Exception {
        EventLoop loop = loop();
        StreamReader reader = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        Connection<StreamReaderProtocol> c = Net.createUnixConnection(
                () -> new StreamReaderProtocol(reader, null, loop), path);
        return new StreamPair(reader, new StreamWriter(c.transport(), c.protocol(), reader, loop));
    }

    /** Starts a stream server; {@code callback} runs as a new task for each connection. */
    public static Server startServer(StreamReaderProtocol.ClientConnected callback, String host, int port)
            throws Exception {
        return startServer(callback, host == null ? null : List.of(host), port, StreamReader.DEFAULT_LIMIT,
                new ServerOptions());
    }

    /** asyncio's {@code start_server} with hosts, a reader limit and server options. */
    public static Server startServer(StreamReaderProtocol.ClientConnected callback, List<String> hosts, int port,
                                     int limit, ServerOptions options) throws Exception {
        EventLoop loop = loop();
        return Net.createServer(() -> new StreamReaderProtocol(new StreamReader(limit, loop), callback, loop),
                hosts, port, options);
    }

    /** A stream server on a Unix domain socket (asyncio's {@code start_unix_server}). */
    public static Server startUnixServer(StreamReaderProtocol.ClientConnected callback, Path path) throws Exception {
        EventLoop loop = loop();
        return Net.createUnixServer(() -> new StreamReaderProtocol(
                new StreamReader(StreamReader.DEFAULT_LIMIT, loop), callback, loop), path);
    }
}
