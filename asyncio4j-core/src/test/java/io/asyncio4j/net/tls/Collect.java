package io.asyncio4j.net.tls;

import io.asyncio4j.Future;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.net.Protocol;
import io.asyncio4j.net.Transport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A test protocol: records what it gets; optionally echoes. */
class Collect implements Protocol {
    final boolean echo;
    final EventLoop loop = EventLoop.current();
    final Future<Transport> made = loop.createFuture();
    final Future<Void> eof = loop.createFuture();
    final Future<Throwable> lost = loop.createFuture();
    final ByteArrayOutputStream data = new ByteArrayOutputStream();
    Transport transport;
    private Future<Void> want;
    private int wantBytes;

    Collect(boolean echo) {
        this.echo = echo;
    }

    Collect() {
        this(false);
    }

    @Override
    public void connectionMade(Transport t) {
        transport = t;
        made.setResult(t);
    }

    @Override
    public void dataReceived(ByteBuffer b) {
        if (echo) {
            transport.write(b);
        }
        byte[] a = new byte[b.remaining()];
        b.get(a);
        data.writeBytes(a);
        if (want != null && data.size() >= wantBytes) {
            Future<Void> w = want;
            want = null;
            w.setResult(null);
        }
    }

    @Override
    public boolean eofReceived() {
        eof.setResult(null);
        return false;
    }

    @Override
    public void connectionLost(Throwable exc) {
        lost.setResult(exc);
    }

    /** In a task: waits until at least n bytes arrived in all. */
    String awaitBytes(int n) throws Exception {
        if (data.size() < n) {
            want = loop.createFuture();
            wantBytes = n;
            want.await();
        }
        return data.toString(StandardCharsets.UTF_8);
    }
}
