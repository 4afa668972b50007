package io.asyncio4j.http.client;

import io.asyncio4j.Future;
import io.asyncio4j.loop.TimerHandle;
import io.asyncio4j.net.Transport;

/** A pooled connection: its protocol, its key and its pool bookkeeping. */
final class ClientConnection {
    final ConnectionKey key;
    final HttpClientProtocol protocol;
    Transport transport; // the TLS transport once https is set up
    final Future<Void> closed;
    boolean reused;
    boolean inUse;
    TimerHandle idleTimer;

    ClientConnection(ConnectionKey key, HttpClientProtocol protocol, Transport transport, Future<Void> closed) {
        this.key = key;
        this.protocol = protocol;
        this.transport = transport;
        this.closed = closed;
    }

    Object peer() {
        return transport.getExtraInfo("peername");
    }

    void close() {
        transport.abort();
    }
}
