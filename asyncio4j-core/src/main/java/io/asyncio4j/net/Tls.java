package io.asyncio4j.net;

import io.asyncio4j.Future;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.loop.Handle;

import javax.net.ssl.SSLContext;
import java.nio.channels.SocketChannel;
import java.util.function.Supplier;

/** The TLS halves of {@link Net}'s entry points. */
final class Tls {
    private Tls() {}

    /** A TLS client over a connected socket: returns once the handshake is done. */
    static <P extends BaseProtocol> Connection<P> connect(EventLoop loop, SocketChannel ch, Supplier<P> factory,
                                                          SSLContext context, TlsOptions options) throws Exception {
        P app;
        SslProtocol ssl;
        SocketTransport raw;
        Future<Void> sslWaiter = loop.createFuture();
        Future<Void> rawWaiter = loop.createFuture();
        try {
            app = factory.get();
            ssl = new SslProtocol(loop, app, context, sslWaiter, false, options, true);
            raw = new SocketTransport(loop, ch, ssl, rawWaiter, null);
        } catch (Throwable e) {
            ch.close();
            throw e;
        }
        try {
            rawWaiter.await();
            sslWaiter.await();
        } catch (Throwable e) {
            raw.abort();
            throw e;
        }
        return new Connection<>(ssl.appTransport(), app);
    }

    /** asyncio's {@code loop.start_tls}. */
    static Transport startTls(EventLoop loop, Transport transport, BaseProtocol protocol, SSLContext context,
                              boolean serverSide, TlsOptions options) throws Exception {
        if (transport.isClosing()) {
            throw new IllegalStateException("the transport is closing");
        }
        Future<Void> waiter = loop.createFuture();
        SslProtocol ssl = new SslProtocol(loop, protocol, context, waiter, serverSide, options, false);
        // pause first so that no data reaches ssl.dataReceived before ssl.connectionMade
        transport.pauseReading();
        transport.setProtocol(ssl);
        Handle made = loop.callSoon(() -> ssl.connectionMade(transport));
        Handle resume = loop.callSoon(transport::resumeReading);
        try {
            waiter.await();
        } catch (Throwable e) {
            transport.close();
            made.cancel();
            resume.cancel();
            throw e;
        }
        return ssl.appTransport();
    }
}
