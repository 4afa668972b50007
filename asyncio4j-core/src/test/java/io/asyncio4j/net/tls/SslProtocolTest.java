package io.asyncio4j.net.tls;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.TimeoutError;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.net.ConnectOptions;
import io.asyncio4j.net.Connection;
import io.asyncio4j.net.Net;
import io.asyncio4j.net.Server;
import io.asyncio4j.net.ServerOptions;
import io.asyncio4j.net.SslHandshakeError;
import io.asyncio4j.net.SslTransport;
import io.asyncio4j.net.Transport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TLS at the transport/protocol level: our client against our server. */
@Timeout(20)
class SslProtocolTest {
    static TlsCerts certs;
    static SSLContext server;
    static SSLContext client;

    @BeforeAll
    static void setUp() throws Exception {
        certs = TlsCerts.get();
        server = certs.serverContext();
        client = certs.clientContext();
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Records the loop's exception-handler reports. */
    static List<Map<String, Object>> captureErrors() {
        List<Map<String, Object>> errors = new ArrayList<>();
        EventLoop.current().setExceptionHandler((loop, ctx) -> errors.add(ctx));
        return errors;
    }

    @Test
    void echoOverTlsWithExtraInfo() throws Exception {
        Asyncio.run(() -> {
            List<Collect> served = new ArrayList<>();
            Server srv = Net.createServer(() -> {
                Collect c = new Collect(true);
                served.add(c);
                return c;
            }, "127.0.0.1", 0, new ServerOptions().ssl(server));
            Connection<Collect> c = Net.createConnection(Collect::new, "127.0.0.1", srv.port(),
                    new ConnectOptions().ssl(client));
            assertThat(c.transport()).isInstanceOf(SslTransport.class);
            c.transport().write(b("hello "));
            c.transport().write(b("tls\n"));
            assertThat(c.protocol().awaitBytes(10)).isEqualTo("hello tls\n");

            SslTransport t = (SslTransport) c.transport();
            assertThat(t.getExtraInfo("sslcontext")).isSameAs(client);
            assertThat(t.getExtraInfo("ssl_object")).isInstanceOf(SSLEngine.class);
            assertThat(t.getExtraInfo("peername")).isNotNull();
            assertThat(t.getExtraInfo("cipher")).isEqualTo(t.cipherSuite()).isNotNull();
            assertThat(t.getExtraInfo("protocol")).isEqualTo("TLSv1.3");
            X509Certificate peer = (X509Certificate) t.getExtraInfo("peercert");
            assertThat(peer.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
            assertThat(t.peerCertificates()).hasSize(2); // server, CA
            assertThat(t.applicationProtocol()).isNull();
            assertThat(t.canWriteEof()).isFalse();
            assertThatThrownBy(t::writeEof).isInstanceOf(UnsupportedOperationException.class);
            Collect s = served.getFirst();
            assertThat(((SslTransport) s.transport).peerCertificate()).isNull(); // no client auth

            // close: close_notify both ways, both sides see a clean close
            c.transport().close();
            assertThat(c.transport().isClosing()).isTrue();
            assertThat(c.protocol().lost.await()).isNull();
            s.eof.await();
            assertThat(s.lost.await()).isNull();
            srv.close();
            srv.waitClosed();
        });
    }

    @Test
    void sniAndHostnameVerification() throws Exception {
        Asyncio.run(() -> {
            List<Collect> served = new ArrayList<>();
            Server srv = Net.createServer(() -> {
                Collect c = new Collect(true);
                served.add(c);
                return c;
            }, "127.0.0.1", 0, new ServerOptions().ssl(server));
            // server_hostname defaults to the host: "localhost" is in the certificate
            Connection<Collect> c = Net.createConnection(Collect::new, "localhost", srv.port(),
                    new ConnectOptions().ssl(client));
            c.transport().write(b("x"));
            c.protocol().awaitBytes(1);
            ExtendedSSLSession ss = (ExtendedSSLSession) ((SslTransport) served.getFirst().transport).sslSession();
            assertThat(ss.getRequestedServerNames()).containsExactly(new SNIHostName("localhost"));
            c.transport().close();
            c.protocol().lost.await();

            // an IP literal is checked against the IP SANs and sends no SNI
            Connection<Collect> ip = Net.createConnection(Collect::new, "127.0.0.1", srv.port(),
                    new ConnectOptions().ssl(client));
            ip.transport().abort();
            srv.close();
        });
    }

    @Test
    void hostnameMismatchFailsAndServerReports() throws Exception {
        Asyncio.run(() -> {
            List<Map<String, Object>> errors = captureErrors();
            Collect served = new Collect();
            Server srv = Net.createServer(() -> served, "127.0.0.1", 0, new ServerOptions().ssl(server));
            assertThatThrownBy(() -> Net.createConnection(Collect::new, "127.0.0.1", srv.port(),
                    new ConnectOptions().ssl(client).serverHostname("wrong.example")))
                    .isInstanceOf(SslHandshakeError.class)
                    .hasMessageContaining("verifying the certificate")
                    .hasMessageContaining("wrong.example")
                    .hasCauseInstanceOf(SSLHandshakeException.class);
            // the server saw the client's alert: reported through the exception handler
            while (errors.isEmpty()) {
                Asyncio.sleep(0.01);
            }
            assertThat(errors.getFirst().get("message")).isEqualTo("SSL handshake failed");
            assertThat((Throwable) errors.getFirst().get("exception")).isInstanceOf(SslHandshakeError.class)
                    .hasCauseInstanceOf(SSLException.class);
            assertThat(served.made.isDone()).isFalse(); // the application never saw the connection
            srv.close();
            srv.waitClosed();
        });
    }

    @Test
    void untrustedCertificateFails() throws Exception {
        Asyncio.run(() -> {
            captureErrors();
            Server srv = Net.createServer(Collect::new, "127.0.0.1", 0, new ServerOptions().ssl(server));
            assertThatThrownBy(() -> Net.createConnection(Collect::new, "127.0.0.1", srv.port(),
                    new ConnectOptions().ssl(certs.untrustingClientContext())))
                    .isInstanceOf(SslHandshakeError.class)
                    .hasMessageContaining("verifying the certificate")
                    .hasCauseInstanceOf(SSLHandshakeException.class)
                    .hasRootCauseMessage("unable to find valid certification path to requested target");
            srv.close();
        });
    }

    @Test
    void alpnNegotiation() throws Exception {
        Asyncio.run(() -> {
            captureErrors();
            Server srv = Net.createServer(() -> new Collect(true), "127.0.0.1", 0,
                    new ServerOptions().ssl(server).applicationProtocols("h2", "http/1.1"));
            int port = srv.port();
            record Case(String[] offered, String expected) {}
            for (Case k : List.of(new Case(new String[] {"h2", "http/1.1"}, "h2"),
                    new Case(new String[] {"http/1.1", "h2"}, "h2"),      // the server's preference wins
                    new Case(new String[] {"http/1.1"}, "http/1.1"),
                    new Case(null, null))) {
                ConnectOptions o = new ConnectOptions().ssl(client);
                if (k.offered() != null) {
                    o.applicationProtocols(k.offered());
                }
                Connection<Collect> c = Net.createConnection(Collect::new, "127.0.0.1", port, o);
                assertThat(((SslTransport) c.transport()).applicationProtocol()).isEqualTo(k.expected());
                assertThat(c.transport().getExtraInfo("alpn_protocol")).isEqualTo(k.expected());
                c.transport().close();
                c.protocol().lost.await();
            }
            // no protocol in common: the handshake fails
            assertThatThrownBy(() -> Net.createConnection(Collect::new, "127.0.0.1", port,
                    new ConnectOptions().ssl(client).applicationProtocols("spdy/3")))
                    .isInstanceOf(SslHandshakeError.class)
                    .hasCauseInstanceOf(SSLException.class);
            srv.close();
        });
    }

    @Test
    void handshakeTimeoutAgainstSilentServer() throws Exception {
        Asyncio.run(() -> {
            Collect silent = new Collect();
            Server raw = Net.createServer(() -> silent, "127.0.0.1", 0); // never answers the ClientHello
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> Net.createConnection(Collect::new, "127.0.0.1", raw.port(),
                    new ConnectOptions().ssl(client).sslHandshakeTimeout(Duration.ofMillis(300))))
                    .isInstanceOf(TimeoutError.class)
                    .hasMessageContaining("SSL handshake is taking longer than 0.3 seconds");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(290));
            assertThat(silent.awaitBytes(1)).isNotEmpty(); // the ClientHello arrived
            assertThat(silent.lost.await()).isNull();      // and the connection was closed
            raw.close();
        });
    }

    @Test
    void serverHandshakeTimeoutAgainstSilentClient() throws Exception {
        Asyncio.run(() -> {
            List<Map<String, Object>> errors = captureErrors();
            Server srv = Net.createServer(Collect::new, "127.0.0.1", 0,
                    new ServerOptions().ssl(server).sslHandshakeTimeout(Duration.ofMillis(200)));
            Connection<Collect> plain = Net.createConnection(Collect::new, "127.0.0.1", srv.port());
            assertThat(plain.protocol().lost.await()).isNull(); // the server gave up and closed
            assertThat(errors).singleElement().satisfies(e ->
                    assertThat((Throwable) e.get("exception")).isInstanceOf(TimeoutError.class));
            srv.close();
        });
    }

    @Test
    void cancellingTheConnectingTaskDuringTheHandshake() throws Exception {
        Asyncio.run(() -> {
            Collect silent = new Collect();
            Server raw = Net.createServer(() -> silent, "127.0.0.1", 0);
            Task<Connection<Collect>> connecting = Asyncio.createTask(() -> Net.createConnection(Collect::new,
                    "127.0.0.1", raw.port(), new ConnectOptions().ssl(client)));
            silent.awaitBytes(1); // the ClientHello: the task waits for the handshake now
            connecting.cancel();
            assertThatThrownBy(connecting::await).isInstanceOf(CancelledError.class);
            assertThat(silent.lost.await()).isNull(); // the connection was closed
            raw.close();
        });
    }

    @Test
    void peerClosingWithoutCloseNotifyIsAnError() throws Exception {
        Asyncio.run(() -> {
            List<Collect> served = new ArrayList<>();
            Server srv = Net.createServer(() -> {
                Collect c = new Collect(true);
                served.add(c);
                return c;
            }, "127.0.0.1", 0, new ServerOptions().ssl(server));
            Connection<Collect> c = Net.createConnection(Collect::new, "127.0.0.1", srv.port(),
                    new ConnectOptions().ssl(client));
            c.transport().write(b("ping"));
            c.protocol().awaitBytes(4);
            // the server's raw TCP connection closes without a TLS close_notify
            ((SslTransport) served.getFirst().transport).rawTransport().close();
            Throwable exc = c.protocol().lost.await();
            assertThat(exc).isInstanceOf(SSLException.class).hasMessageContaining("close_notify");
            assertThat(c.protocol().eof.isDone()).isFalse();
            srv.close();
        });
    }

    @Test
    void peerCloseNotifyGivesEofThenClose() throws Exception {
        Asyncio.run(() -> {
            List<Collect> served = new ArrayList<>();
            Server srv = Net.createServer(() -> {
                Collect c = new Collect();
                served.add(c);
                return c;
            }, "127.0.0.1", 0, new ServerOptions().ssl(server));
            Connection<Collect> c = Net.createConnection(Collect::new, "127.0.0.1", srv.port(),
                    new ConnectOptions().ssl(client));
            c.transport().write(b("last words"));
            Collect s = served.isEmpty() ? null : served.getFirst();
            while (s == null) {
                Asyncio.sleep(0.01);
                s = served.isEmpty() ? null : served.getFirst();
            }
            s.awaitBytes(10);
            s.transport.write(b("bye"));
            s.transport.close(); // data, then close_notify
            assertThat(c.protocol().awaitBytes(3)).isEqualTo("bye");
            c.protocol().eof.await();
            assertThat(c.protocol().lost.await()).isNull();
            assertThat(s.lost.await()).isNull();
            // writing after the close is discarded silently, as in asyncio
            c.transport().write(b("ignored"));
            srv.close();
        });
    }

    @Test
    void dataWrittenBeforeTheHandshakeCompletesIsSentAfterIt() throws Exception {
        Asyncio.run(() -> {
            Server srv = Net.createServer(() -> new Collect(true), "127.0.0.1", 0, new ServerOptions().ssl(server));
            Future<Void> done = EventLoop.current().createFuture();
            Connection<Collect> c = Net.createConnection(() -> new Collect() {
                @Override
                public void connectionMade(Transport t) {
                    super.connectionMade(t);
                    t.write(b("early"));
                    done.setResult(null);
                }
            }, "127.0.0.1", srv.port(), new ConnectOptions().ssl(client));
            done.await();
            assertThat(c.protocol().awaitBytes(5)).isEqualTo("early");
            c.transport().close();
            srv.close();
        });
    }

    @Test
    void pauseAndResumeReadingThroughTheTlsTransport() throws Exception {
        Asyncio.run(() -> {
            byte[] payload = new byte[300_000];
            java.util.Arrays.fill(payload, (byte) 'p');
            Server srv = Net.createServer(() -> new Collect() {
                @Override
                public void connectionMade(Transport t) {
                    super.connectionMade(t);
                    t.write(payload);
                }
            }, "127.0.0.1", 0, new ServerOptions().ssl(server));
            Connection<Collect> c = Net.createConnection(() -> new Collect() {
                @Override
                public void connectionMade(Transport t) {
                    super.connectionMade(t);
                    t.pauseReading();
                }
            }, "127.0.0.1", srv.port(), new ConnectOptions().ssl(client));
            assertThat(c.transport().isReading()).isFalse();
            Asyncio.sleep(0.2); // a negative check: nothing may arrive while paused
            assertThat(c.protocol().data.size()).isZero();
            c.transport().resumeReading();
            assertThat(c.transport().isReading()).isTrue();
            assertThat(c.protocol().awaitBytes(payload.length)).hasSize(payload.length);
            c.transport().close();
            c.protocol().lost.await();
            srv.close();
        });
    }

    @Test
    void bufferedProtocolOverTls() throws Exception {
        Asyncio.run(() -> {
            Server srv = Net.createServer(() -> new Collect(true), "127.0.0.1", 0, new ServerOptions().ssl(server));
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(7); // smaller than a record: several copies
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            Future<Void> all = EventLoop.current().createFuture();
            Connection<io.asyncio4j.net.BufferedProtocol> c = Net.createConnection(
                    () -> new io.asyncio4j.net.BufferedProtocol() {
                        public java.nio.ByteBuffer getBuffer(int sizeHint) {
                            return buf.clear();
                        }

                        public void bufferUpdated(int n) {
                            got.write(buf.array(), 0, n);
                            if (got.size() == 26 && !all.isDone()) {
                                all.setResult(null);
                            }
                        }
                    }, "127.0.0.1", srv.port(), new ConnectOptions().ssl(client));
            c.transport().write(b("abcdefghijklmnopqrstuvwxyz"));
            all.await();
            assertThat(got.toString(StandardCharsets.US_ASCII)).isEqualTo("abcdefghijklmnopqrstuvwxyz");
            c.transport().close();
            srv.close();
        });
    }
}
