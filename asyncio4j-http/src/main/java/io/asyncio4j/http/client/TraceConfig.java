package io.asyncio4j.http.client;

import io.asyncio4j.http.HttpHeaders;

import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Tracing hooks of a {@link ClientSession}: aiohttp's {@code TraceConfig}. Each hook runs in the
 * requesting task, in order of registration, and may await; an exception it throws fails the request.
 *
 * <pre>{@code
 * TraceConfig trace = new TraceConfig()
 *     .onRequestStart((session, p) -> log("-> " + p.method() + " " + p.url()))
 *     .onRequestEnd((session, p) -> log("<- " + p.response().status()))
 *     .onConnectionReuseconn((session, p) -> reused++);
 * try (ClientSession s = new ClientSession(new ClientSession.Options().traceConfig(trace))) { ... }
 * }</pre>
 */
public final class TraceConfig {
    /** One hook: gets the session and the event's parameters. */
    @FunctionalInterface
    public interface Hook<P> {
        /** Called in the requesting task. */
        void on(ClientSession session, P params) throws Exception;
    }

    /** A request starts (before any connection is taken). */
    public record RequestStart(String method, URI url, HttpHeaders headers) {}

    /** A request ends with a response (head received; redirects followed). */
    public record RequestEnd(String method, URI url, HttpHeaders headers, ClientResponse response) {}

    /** A request failed. */
    public record RequestException(String method, URI url, HttpHeaders headers, Throwable exception) {}

    /** A redirect response is being followed. */
    public record RequestRedirect(String method, URI url, HttpHeaders headers, ClientResponse response) {}

    /** A new connection is being opened to {@code host:port} (the proxy's, when proxied). */
    public record ConnectionCreateStart(String host, int port) {}

    /** A new connection is open. */
    public record ConnectionCreateEnd(String host, int port, SocketAddress peer) {}

    /** An idle pooled connection is reused. */
    public record ConnectionReuseconn(String host, int port, SocketAddress peer) {}

    /** The request waits for a pool slot. */
    public record ConnectionQueuedStart(String host, int port) {}

    /** The request got a pool slot after waiting. */
    public record ConnectionQueuedEnd(String host, int port) {}

    /** A host name is being resolved (off the loop). */
    public record DnsResolveHostStart(String host) {}

    /** A host name was resolved. */
    public record DnsResolveHostEnd(String host, List<InetAddress> addresses) {}

    final List<Hook<RequestStart>> requestStart = new ArrayList<>();
    final List<Hook<RequestEnd>> requestEnd = new ArrayList<>();
    final List<Hook<RequestException>> requestException = new ArrayList<>();
    final List<Hook<RequestRedirect>> requestRedirect = new ArrayList<>();
    final List<Hook<ConnectionCreateStart>> connectionCreateStart = new ArrayList<>();
    final List<Hook<ConnectionCreateEnd>> connectionCreateEnd = new ArrayList<>();
    final List<Hook<ConnectionReuseconn>> connectionReuseconn = new ArrayList<>();
    final List<Hook<ConnectionQueuedStart>> connectionQueuedStart = new ArrayList<>();
    final List<Hook<ConnectionQueuedEnd>> connectionQueuedEnd = new ArrayList<>();
    final List<Hook<DnsResolveHostStart>> dnsResolveHostStart = new ArrayList<>();
    final List<Hook<DnsResolveHostEnd>> dnsResolveHostEnd = new ArrayList<>();

    /** aiohttp's {@code on_request_start}. */
    public TraceConfig onRequestStart(Hook<RequestStart> h) { requestStart.add(h); return this; }

    /** aiohttp's {@code on_request_end}. */
    public TraceConfig onRequestEnd(Hook<RequestEnd> h) { requestEnd.add(h); return this; }

    /** aiohttp's {@code on_request_exception}. */
    public TraceConfig onRequestException(Hook<RequestException> h) { requestException.add(h); return this; }

    /** aiohttp's {@code on_request_redirect}. */
    public TraceConfig onRequestRedirect(Hook<RequestRedirect> h) { requestRedirect.add(h); return this; }

    /** aiohttp's {@code on_connection_create_start}. */
    public TraceConfig onConnectionCreateStart(Hook<ConnectionCreateStart> h) { connectionCreateStart.add(h); return this; }

    /** aiohttp's {@code on_connection_create_end}. */
    public TraceConfig onConnectionCreateEnd(Hook<ConnectionCreateEnd> h) { connectionCreateEnd.add(h); return this; }

    /** aiohttp's {@code on_connection_reuseconn}. */
    public TraceConfig onConnectionReuseconn(Hook<ConnectionReuseconn> h) { connectionReuseconn.add(h); return this; }

    /** aiohttp's {@code on_connection_queued_start}. */
    public TraceConfig onConnectionQueuedStart(Hook<ConnectionQueuedStart> h) { connectionQueuedStart.add(h); return this; }

    /** aiohttp's {@code on_connection_queued_end}. */
    public TraceConfig onConnectionQueuedEnd(Hook<ConnectionQueuedEnd> h) { connectionQueuedEnd.add(h); return this; }

    /** aiohttp's {@code on_dns_resolvehost_start}. */
    public TraceConfig onDnsResolveHostStart(Hook<DnsResolveHostStart> h) { dnsResolveHostStart.add(h); return this; }

    /** aiohttp's {@code on_dns_resolvehost_end}. */
    public TraceConfig onDnsResolveHostEnd(Hook<DnsResolveHostEnd> h) { dnsResolveHostEnd.add(h); return this; }
}
