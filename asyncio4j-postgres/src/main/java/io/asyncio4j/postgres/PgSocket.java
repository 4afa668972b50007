package io.asyncio4j.postgres;

import io.asyncio4j.Future;
import io.asyncio4j.loop.EventLoop;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * A minimal non-blocking socket for the PostgreSQL connection: a {@link SocketChannel} watched with
 * {@code loop.addReader/addWriter}, a write queue flushed with gathering writes, and reads straight
 * into the protocol's decode buffer. Everything runs on the loop thread.
 *
 * <p><b>Internal and temporary:</b> this stands in for {@code io.asyncio4j.net} transports, which
 * are being written separately; when they land, the connection becomes a Protocol on a Transport
 * and this class goes away.
 */
final class PgSocket {
    /** What the socket reports to its owner, on the loop thread. */
    interface Listener {
        /** The buffer to read into (write mode, with free space). */
        ByteBuffer receiveBuffer();

        /** Bytes were appended to {@link #receiveBuffer()}. */
        void onData();

        /** The socket closed: {@code cause} is null for a clean EOF. Called once. */
        void onClosed(Throwable cause);
    }

    private final EventLoop loop;
    private final SocketChannel channel;
    private final ArrayDeque<ByteBuffer> writeQueue = new ArrayDeque<>();
    private Listener listener;
    private boolean writerRegistered;
    private boolean closed;
    private boolean closing;

    private PgSocket(EventLoop loop, SocketChannel channel) {
        this.loop = loop;
        this.channel = channel;
    }

    /** Starts connecting; the future completes on the loop when connected. */
    static Future<PgSocket> connect(EventLoop loop, SocketAddress address) {
        Future<PgSocket> f = loop.createFuture();
        SocketChannel ch = null;
        try {
            ch = address instanceof UnixDomainSocketAddress
                    ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
            ch.configureBlocking(false);
            if (!(address instanceof UnixDomainSocketAddress)) {
                ch.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            }
            PgSocket s = new PgSocket(loop, ch);
            if (ch.connect(address)) {
                f.setResult(s);
            } else {
                SocketChannel c = ch;
                loop.addWriter(ch, () -> {
                    loop.removeWriter(c);
                    try {
                        c.finishConnect();
                        f.setResult(s);
                    } catch (IOException e) {
                        closeQuietly(c);
                        f.setException(new PgConnectionError("cannot connect to " + address + ": " + e.getMessage(), e));
                    }
                });
                f.addDoneCallback(done -> {
                    if (done.cancelled()) {
                        loop.removeWriter(c);
                        closeQuietly(c);
                    }
                });
            }
        } catch (IOException e) {
            if (ch != null) {
                closeQuietly(ch);
            }
            f.setException(new PgConnectionError("cannot connect to " + address + ": " + e.getMessage(), e));
        }
        return f;
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** Starts delivering received bytes to {@code l}. */
    void start(Listener l) {
        this.listener = l;
        loop.addReader(channel, this::onReadable);
    }

    boolean isClosed() {
        return closed;
    }

    private void onReadable() {
        try {
            for (int i = 0; i < 8 && !closed; i++) {
                ByteBuffer buf = listener.receiveBuffer();
                int room = buf.remaining();
                int n = channel.read(buf);
                if (n < 0) {
                    closeWith(null);
                    return;
                }
                if (n == 0) {
                    return;
                }
                listener.onData();
                if (n < room) {
                    return;
                }
            }
        } catch (IOException e) {
            closeWith(e);
        } catch (RuntimeException e) {
            closeWith(e);
        }
    }

    /** Queues {@code data} (read mode; ownership passes to the socket) and writes what it can now. */
    void write(ByteBuffer data) {
        if (closed) {
            return;
        }
        writeQueue.add(data);
        if (!writerRegistered) {
            flush();
        }
    }

    private void flush() {
        try {
            while (!writeQueue.isEmpty()) {
                ByteBuffer[] bufs = writeQueue.toArray(new ByteBuffer[0]);
                long n = channel.write(bufs);
                while (!writeQueue.isEmpty() && !writeQueue.peek().hasRemaining()) {
                    writeQueue.poll();
                }
                if (n == 0) {
                    break;
                }
            }
            if (writeQueue.isEmpty()) {
                if (closing) {
                    closeWith(null);
                    return;
                }
                if (writerRegistered) {
                    loop.removeWriter(channel);
                    writerRegistered = false;
                }
            } else if (!writerRegistered) {
                loop.addWriter(channel, this::flush);
                writerRegistered = true;
            }
        } catch (IOException e) {
            closeWith(e);
        }
    }

    /** Closes at once, dropping unsent data; the listener hears {@code onClosed(cause)}. */
    void closeWith(Throwable cause) {
        if (closed) {
            return;
        }
        closed = true;
        writeQueue.clear();
        if (!loop.isClosed()) {
            loop.removeReader(channel);
            loop.removeWriter(channel);
        }
        closeQuietly(channel);
        if (listener != null) {
            listener.onClosed(cause);
        }
    }

    /** Sends what is queued, then closes (used after Terminate). */
    void closeAfterFlush() {
        closing = true;
        if (writeQueue.isEmpty()) {
            closeWith(null);
        }
    }
}
