package io.asyncio4j.stream;

import io.asyncio4j.Asyncio;
import io.asyncio4j.internal.Sneaky;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.net.Net;
import io.asyncio4j.net.TlsOptions;
import io.asyncio4j.net.Transport;
import io.asyncio4j.net.WriteTransport;

import javax.net.ssl.SSLContext;

import java.nio.ByteBuffer;

/**
 * The writing end of a stream: asyncio's {@code StreamWriter}, over any {@link WriteTransport}
 * (a socket connection, or a child process's stdin pipe). {@link #write} buffers in the transport
 * and never blocks; {@link #drain()} suspends the task while the transport is over its high-water
 * mark (real backpressure; any number of tasks may drain at once), as told by the protocol's
 * {@link FlowControlProtocol pauseWriting/resumeWriting}.
 *
 * <pre>{@code
 * writer.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
 * writer.drain();
 * writer.close();
 * writer.waitClosed();
 * }</pre>
 */
public class StreamWriter {
    private WriteTransport transport;
    private final FlowControlProtocol protocol;
    private final StreamReader reader;
    private final EventLoop loop;

    /**
     * Normally made by {@link Streams} (or the subprocess protocol); {@code protocol} is the one
     * {@code transport} reports pauseWriting/resumeWriting to; {@code reader} may be null.
     */
    public StreamWriter(WriteTransport transport, FlowControlProtocol protocol, StreamReader reader,
                        EventLoop loop) {
        this.transport = transport;
        this.protocol = protocol;
        this.reader = reader;
        this.loop = loop;
    }

    /** The underlying transport: a {@link io.asyncio4j.net.Transport} for a socket stream. */
    public WriteTransport transport() {
        return transport;
    }

    /** Writes the remaining bytes of {@code data} (copied if buffered). */
    public void write(ByteBuffer data) {
        transport.write(data);
    }

    /** Writes {@code data}. */
    public void write(byte[] data) {
        transport.write(data);
    }

    /** Writes each chunk ({@code byte[]} or {@link ByteBuffer}). */
    public void writeLines(Iterable<?> chunks) {
        transport.writeLines(chunks);
    }

    /** Half-closes: the peer reads EOF once the buffered data is sent. */
    public void writeEof() {
        transport.writeEof();
    }

    public boolean canWriteEof() {
        return transport.canWriteEof();
    }

    /** Closes the transport (buffered data is flushed first). */
    public void close() {
        transport.close();
    }

    public boolean isClosing() {
        return transport.isClosing();
    }

    /** In a task: waits until the connection is closed; throws the error it was lost with, if any. */
    public void waitClosed() throws Exception {
        protocol.closeWaiter(this).await();
    }

    /** asyncio's {@code get_extra_info}. */
    public Object getExtraInfo(String name) {
        return transport.getExtraInfo(name);
    }

    /** {@link #getExtraInfo(String)} with a default. */
    public Object getExtraInfo(String name, Object defaultValue) {
        return transport.getExtraInfo(name, defaultValue);
    }

    /**
     * In a task: waits until it is appropriate to write more (asyncio's {@code drain}). Returns at
     * once below the high-water mark; throws the reader's error, the error the connection was
     * lost with, or {@link java.net.SocketException} "Connection lost" once it is gone.
     */
    public void drain() throws Exception {
        if (reader != null) {
            Throwable exc = reader.exception();
            if (exc != null) {
                throw Sneaky.<Exception>rethrow(exc);
            }
        }
        if (transport.isClosing()) {
            // let connectionLost run so that a write/drain loop sees the error
            Asyncio.sleep(0);
        }
        protocol.drainHelper();
    }

    /**
     * In a task: upgrades the connection to TLS (asyncio's {@code StreamWriter.start_tls}). Drains
     * first, then does the handshake as the client (or, for a connection of a stream server, as
     * the server); afterwards this writer and its reader go through the TLS transport. A client
     * must give {@link TlsOptions#serverHostname}. Fails with {@link io.asyncio4j.net.SslHandshakeError}
     * or {@link io.asyncio4j.TimeoutError}, closing the connection.
     *
     * <pre>{@code
     * writer.write("STARTTLS\n".getBytes(US_ASCII));
     * reader.readLine();                                   // "OK"
     * writer.startTls(ctx, new TlsOptions().serverHostname("localhost"));
     * }</pre>
     */
    public void startTls(SSLContext sslContext, TlsOptions options) throws Exception {
        if (!(protocol instanceof StreamReaderProtocol streams) || !(transport instanceof Transport plain)) {
            throw new IllegalStateException("startTls needs a socket stream connection, not " + transport);
        }
        boolean serverSide = streams.isServerSide();
        drain();
        Transport tls = Net.startTls(plain, streams, sslContext, serverSide, options);
        transport = tls;
        streams.replaceTransport(tls);
    }

    /** {@link #startTls(SSLContext, TlsOptions)} on the server end of a connection (no host name). */
    public void startTls(SSLContext sslContext) throws Exception {
        startTls(sslContext, new TlsOptions());
    }

    /** The loop of the connection. */
    public EventLoop getLoop() {
        return loop;
    }

    @Override
    public String toString() {
        return "StreamWriter{" + transport + "}";
    }
}
