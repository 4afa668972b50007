package io.asyncio4j.net;

import io.asyncio4j.Future;
import io.asyncio4j.internal.WriteFlowControl;
import io.asyncio4j.loop.EventLoop;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * asyncio's {@code _SelectorDatagramTransport} (3.13): a {@link DatagramChannel} and a
 * {@link DatagramProtocol}. Datagrams the socket does not take at once are queued; the queue
 * counts each datagram's size plus {@value #HEADER_SIZE} bytes (asyncio's {@code _header_size})
 * against the write-buffer watermarks, calling the protocol's pauseWriting/resumeWriting.
 */
final class DatagramSocketTransport implements DatagramTransport {
    private static final System.Logger LOG = System.getLogger("io.asyncio4j.net");
    private static final int MAX_DATAGRAM = 64 * 1024;
    /** What asyncio counts per queued datagram besides its data. */
    static final int HEADER_SIZE = 8;
    private static final int LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5;

    private record Pending(ByteBuffer data, SocketAddress addr) {
    }

    private final EventLoop loop;
    private final DatagramChannel channel;
    private final SelectionKey key;
    private final SocketAddress remote;
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final ByteBuffer readBuf = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private DatagramProtocol protocol;
    private long buffered;
    private final WriteFlowControl flow = new WriteFlowControl();
    private boolean closing;
    private int connLost;          // connection_lost is scheduled (asyncio's _conn_lost), then counts dropped sends
    private boolean lost;
    private boolean connected;

    DatagramSocketTransport(EventLoop loop, DatagramChannel channel, DatagramProtocol protocol, SocketAddress remote,
                            Future<Void> waiter) throws IOException {
        this.loop = loop;
        this.channel = channel;
        this.protocol = protocol;
        this.remote = remote;
        channel.configureBlocking(false);
        this.key = loop.registerIo(channel, 0, this::onReady);
        extra.put("socket", channel);
        extra.put("sockname", channel.getLocalAddress());
        if (remote != null) {
            extra.put("peername", remote);
        }
        // as asyncio: connection_made is a callback of its own (the loop reports its exception and
        // the endpoint stays), then reading starts and the creator's waiter is woken
        loop.callSoon(() -> {
            connected = true;
            protocol.connectionMade(this);
        });
        loop.callSoon(() -> {
            setOps();
            if (!waiter.isDone()) {
                waiter.setResult(null);
            }
        });
    }

    private void setOps() {
        int ops = closing ? 0 : SelectionKey.OP_READ;
        if (!queue.isEmpty()) {
            ops |= SelectionKey.OP_WRITE;
        }
        try {
            key.interestOps(ops);
        } catch (CancelledKeyException ignored) {
            // closed
        }
    }

    private void onReady() {
        int ready;
        try {
            ready = key.readyOps();
        } catch (CancelledKeyException e) {
            return;
        }
        if ((ready & SelectionKey.OP_WRITE) != 0) {
            flush();
        }
        if ((ready & SelectionKey.OP_READ) != 0 && !closing) {
            readBuf.clear();
            SocketAddress from;
            try {
                from = channel.receive(readBuf);
            } catch (IOException e) {
                errorReceived(e);
                return;
            }
            if (from == null) {
                return;
            }
            readBuf.flip();
            // Outside any try, as in asyncio's _read_ready: the loop reports what the protocol
            // throws, and the endpoint stays open.
            protocol.datagramReceived(readBuf, from);
        }
    }

    private void errorReceived(Exception e) {
        protocol.errorReceived(e);
    }

    @Override
    public void sendTo(ByteBuffer data, SocketAddress addr) {
        if (remote != null && addr != null && !addr.equals(remote)) {
            throw new IllegalArgumentException("Invalid address: must be null or " + remote);
        }
        if (connLost > 0) {
            if (connLost >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
                LOG.log(System.Logger.Level.WARNING, "socket.send() raised exception.");
            }
            connLost++;
            return;
        }
        SocketAddress to = addr != null ? addr : remote;
        if (to == null) {
            throw new IllegalArgumentException("no address: the endpoint is not connected");
        }
        int pos = data.position();
        if (queue.isEmpty()) {
            try {
                // An empty datagram on an unconnected socket goes out through send(); a connected
                // channel's write() skips empty buffers (the JDK cannot send it there).
                int n = remote != null ? channel.write(data) : channel.send(data, to);
                if (n > 0 || !data.hasRemaining()) {
                    return;
                }
            } catch (IOException e) {
                errorReceived(e);
                return;
            } finally {
                data.position(pos);
            }
        }
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data).flip();
        data.position(pos);
        queue.add(new Pending(copy, to));
        buffered += copy.remaining() + HEADER_SIZE;
        setOps();
        if (flow.pauseNeeded(buffered)) {
            callProtocol(protocol::pauseWriting, "protocol.pause_writing() failed");
        }
    }

    private void flush() {
        while (!queue.isEmpty()) {
            Pending p = queue.peek();
            int len = p.data.remaining();
            try {
                int n = remote != null ? channel.write(p.data) : channel.send(p.data, p.addr);
                if (n == 0 && len > 0) {
                    break; // the socket is full: the rest waits for the next writable event
                }
                queue.poll();
                buffered -= len + HEADER_SIZE;
            } catch (IOException e) {
                // as asyncio: that datagram is dropped, the error reported, the rest sent when writable again
                queue.poll();
                buffered -= len + HEADER_SIZE;
                errorReceived(e);
                return;
            }
        }
        if (flow.resumeNeeded(buffered)) {
            callProtocol(protocol::resumeWriting, "protocol.resume_writing() failed");
        }
        if (queue.isEmpty()) {
            setOps();
            if (closing) {
                callLost(null);
            }
        }
    }

    private void callProtocol(Runnable call, String message) {
        try {
            call.run();
        } catch (Throwable t) {
            report(t, message);
        }
    }

    /** asyncio's {@code set_write_buffer_limits}, which its datagram transports have too. */
    @Override
    public void setWriteBufferLimits(Integer high, Integer low) {
        flow.setLimits(high, low);
        if (flow.pauseNeeded(buffered)) {
            callProtocol(protocol::pauseWriting, "protocol.pause_writing() failed");
        }
    }

    @Override
    public int[] getWriteBufferLimits() {
        return flow.limits();
    }

    @Override
    public long getWriteBufferSize() {
        return buffered;
    }

    @Override
    public Object getExtraInfo(String name) {
        return extra.get(name);
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        setOps();
        if (queue.isEmpty()) {
            connLost++;
            loop.callSoon(() -> callLost(null));
        }
    }

    @Override
    public void abort() {
        forceClose(null);
    }

    /** asyncio's {@code _force_close}: drops the queue and schedules connection_lost, once. */
    private void forceClose(Throwable exc) {
        if (connLost > 0) {
            return;
        }
        queue.clear();
        buffered = 0;
        closing = true;
        setOps();
        connLost++;
        loop.callSoon(() -> callLost(exc));
    }

    private void report(Throwable t, String message) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("message", message);
        ctx.put("exception", t);
        ctx.put("transport", this);
        ctx.put("protocol", protocol);
        loop.callExceptionHandler(ctx);
    }

    private void callLost(Throwable exc) {
        if (lost) {
            return;
        }
        lost = true;
        if (connLost == 0) {
            connLost++;
        }
        try {
            if (connected) {
                protocol.connectionLost(exc);
            }
        } finally {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    @Override
    public void setProtocol(BaseProtocol protocol) {
        this.protocol = (DatagramProtocol) protocol;
    }

    @Override
    public BaseProtocol getProtocol() {
        return protocol;
    }
}
