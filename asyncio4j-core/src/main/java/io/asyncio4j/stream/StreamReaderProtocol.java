package io.asyncio4j.stream;

import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.net.Protocol;
import io.asyncio4j.net.Transport;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The protocol between a transport and a {@link StreamReader}/{@link StreamWriter} pair:
 * asyncio's {@code StreamReaderProtocol} (with {@code FlowControlMixin}). Feeds received bytes to
 * the reader, keeps the connection open after the peer's EOF (half-close), and implements
 * {@link StreamWriter#drain()} through {@link FlowControlProtocol}: writers wait while the
 * transport is over its high-water mark.
 *
 * <pre>{@code
 * StreamReader reader = new StreamReader();
 * Net.createConnection(() -> new StreamReaderProtocol(reader), host, port);
 * }</pre>
 */
public class StreamReaderProtocol extends FlowControlProtocol implements Protocol {
    private StreamReader reader;
    private final ClientConnected callback;
    private Transport transport;
    private StreamWriter writer;
    private Task<Void> task;
    private final Future<Void> closed;
    private boolean overSsl;

    /** The callback of a stream server: runs as a new task for each connection. */
    @FunctionalInterface
    public interface ClientConnected {
        void handle(StreamReader reader, StreamWriter writer) throws Exception;
    }

    /** A client-side protocol feeding {@code reader}. */
    public StreamReaderProtocol(StreamReader reader) {
        this(reader, null, EventLoop.current());
    }

    /** A server-side protocol: {@code callback} runs as a task once the connection is made. */
    public StreamReaderProtocol(StreamReader reader, ClientConnected callback, EventLoop loop) {
        super(loop);
        this.reader = reader;
        this.callback = callback;
        this.closed = loop.createFuture();
    }

    /** Marks the protocol as running over TLS (then EOF closes the connection, as in asyncio). */
    public void setOverSsl(boolean overSsl) {
        this.overSsl = overSsl;
    }

    @Override
    public void connectionMade(Transport transport) {
        this.transport = transport;
        overSsl = transport.getExtraInfo("sslcontext") != null;
        if (reader != null) {
            reader.setTransport(transport);
        }
        if (callback != null) {
            writer = new StreamWriter(transport, this, reader, loop);
            StreamReader r = reader;
            StreamWriter w = writer;
            task = loop.createTask(() -> {
                callback.handle(r, w);
                return null;
            });
            task.addDoneCallback(t -> {
                if (t.cancelled()) {
                    transport.close();
                    return;
                }
                Throwable exc = t.exception();
                if (exc != null) {
                    Map<String, Object> ctx = new LinkedHashMap<>();
                    ctx.put("message", "Unhandled exception in client_connected_cb");
                    ctx.put("exception", exc);
                    ctx.put("transport", transport);
                    loop.callExceptionHandler(ctx);
                    transport.close();
                }
                task = null;
            });
        }
    }

    @Override
    public void connectionLost(Throwable exc) {
        if (reader != null) {
            if (exc == null) {
                reader.feedEof();
            } else {
                reader.setException(exc);
            }
        }
        if (!closed.isDone()) {
            if (exc == null) {
                closed.setResult(null);
            } else {
                closed.setException(exc);
                closed.exception(); // retrieved: waitClosed is optional
            }
        }
        super.connectionLost(exc); // FlowControlMixin.connection_lost
        reader = null;
        writer = null;
        task = null;
        transport = null;
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (reader != null) {
            reader.feedData(data);
        }
    }

    @Override
    public boolean eofReceived() {
        if (reader != null) {
            reader.feedEof();
        }
        return !overSsl;
    }

    @Override
    protected Future<Void> closeWaiter(StreamWriter writer) {
        return closed;
    }

    /** After {@link StreamWriter#startTls}: the TLS transport replaces the plain one. */
    void replaceTransport(Transport transport) {
        this.transport = transport;
        overSsl = transport.getExtraInfo("sslcontext") != null;
        // the reader keeps pausing the raw transport below, as in asyncio: that stops TLS input too
    }

    /** Whether this is the server end of a connection (it has a client-connected callback). */
    boolean isServerSide() {
        return callback != null;
    }

    /** The client-connected task of a server connection, or null. */
    Task<Void> task() {
        return task;
    }
}
