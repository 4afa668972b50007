package io.asyncio4j.postgres;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** sslmode against the test cluster (ssl=on, certificate for localhost/127.0.0.1 signed by a throwaway CA). */
@Timeout(60)
class TlsTest {
    static PgTestServer pg;

    @BeforeAll
    static void start() {
        pg = PgTestServer.get();
        assumeTrue(pg.hasTestUsers(), "needs our own cluster (not ASYNCIO4J_PG_DSN)");
    }

    interface Body {
        void run(PgConnection c) throws Exception;
    }

    static void with(ConnectOptions o, Body body) throws Exception {
        Asyncio.run(() -> {
            try (PgConnection c = PgConnection.connect(o)) {
                body.run(c);
            }
            return null;
        });
    }

    static Boolean sslOfBackend(PgConnection c) throws Exception {
        return c.fetchVal("select ssl from pg_stat_ssl where pid = pg_backend_pid()");
    }

    ConnectOptions base(SslMode mode) {
        return pg.options().withSslMode(mode).withConnectTimeout(Duration.ofSeconds(20));
    }

    @Test
    void disableIsPlain() throws Exception {
        with(base(SslMode.DISABLE), c -> {
            assertThat(c.isSsl()).isFalse();
            assertThat(sslOfBackend(c)).isFalse();
        });
    }

    @Test
    void preferUsesTlsWhenTheServerHasIt() throws Exception {
        with(base(SslMode.PREFER), c -> {
            assertThat(c.isSsl()).isTrue();
            assertThat(sslOfBackend(c)).isTrue();
        });
    }

    @Test
    void requireEncryptsWithoutVerifying() throws Exception {
        // no root certificate: the (self-made) chain is not checked, as libpq's require
        with(base(SslMode.REQUIRE), c -> {
            assertThat(c.isSsl()).isTrue();
            Record r = c.fetchRow("select ssl, version, cipher from pg_stat_ssl where pid = pg_backend_pid()");
            assertThat((Boolean) r.get("ssl")).isTrue();
            assertThat((String) r.get("version")).startsWith("TLSv1.");
            // a query round trip with a large value over TLS
            String big = "x".repeat(300_000);
            assertThat((String) c.fetchVal("select $1::text || 'y'", big)).hasSize(300_001).endsWith("xy");
            assertThat((Object) c.fetchVal("select count(*) from generate_series(1, 20000)")).isEqualTo(20000L);
        });
    }

    @Test
    void verifyFullWithTheRightCa() throws Exception {
        with(base(SslMode.VERIFY_FULL).withSslRootCert(pg.caCert().toString()), c -> assertThat(sslOfBackend(c)).isTrue());
        // by name too: the certificate names localhost and 127.0.0.1
        with(base(SslMode.VERIFY_FULL).withHost("localhost").withSslRootCert(pg.caCert().toString()),
                c -> assertThat(sslOfBackend(c)).isTrue());
        // from a DSN
        String dsn = "postgresql://postgres@127.0.0.1:" + pg.port() + "/postgres?sslmode=verify-full&sslrootcert="
                + pg.caCert();
        with(ConnectOptions.parse(dsn), c -> assertThat(sslOfBackend(c)).isTrue());
    }

    @Test
    void verifyFullWithAWrongCaFails() {
        assertThatThrownBy(() -> with(base(SslMode.VERIFY_FULL).withSslRootCert(pg.otherCaCert().toString()), c -> { }))
                .isInstanceOf(PgConnectionError.class)
                .hasMessageContaining("sslmode=verify-full")
                .hasMessageContaining("verifying the certificate")
                .hasCauseInstanceOf(javax.net.ssl.SSLException.class);
        // and verify-ca too
        assertThatThrownBy(() -> with(base(SslMode.VERIFY_CA).withSslRootCert(pg.otherCaCert().toString()), c -> { }))
                .isInstanceOf(PgConnectionError.class).hasMessageContaining("verifying the certificate");
        // require with a root certificate checks the chain (libpq)
        assertThatThrownBy(() -> with(base(SslMode.REQUIRE).withSslRootCert(pg.otherCaCert().toString()), c -> { }))
                .isInstanceOf(PgConnectionError.class);
        // without a root certificate, verify-full uses the JDK trust store, which does not know our CA
        assertThatThrownBy(() -> with(base(SslMode.VERIFY_FULL).withSslRootCert("system"), c -> { }))
                .isInstanceOf(PgConnectionError.class).hasMessageContaining("verifying the certificate");
    }

    @Test
    void verifyFullChecksTheHostName() throws Exception {
        // connect to 127.0.0.1 but expect another name: use a host alias that resolves to 127.0.0.1 but is not in the SAN
        String alias = InetAddress.getLoopbackAddress().getHostAddress().equals("127.0.0.1") ? "127.0.0.2" : null;
        assumeTrue(alias != null);
        // the server listens on 127.0.0.1 only: go through a forwarder on 127.0.0.2 (not in the certificate)
        try (Forwarder f = new Forwarder("127.0.0.2", false)) {
            ConnectOptions o = base(SslMode.VERIFY_FULL).withHost("127.0.0.2").withPort(f.port())
                    .withSslRootCert(pg.caCert().toString());
            assertThatThrownBy(() -> with(o, c -> { })).isInstanceOf(PgConnectionError.class)
                    .hasStackTraceContaining("127.0.0.2");
            // verify-ca does not check the name
            with(base(SslMode.VERIFY_CA).withHost("127.0.0.2").withPort(f.port()).withSslRootCert(pg.caCert().toString()),
                    c -> assertThat(sslOfBackend(c)).isTrue());
        }
    }

    @Test
    void anSslContextFromTheCaller() throws Exception {
        javax.net.ssl.SSLContext ctx = io.asyncio4j.net.SslContextBuilder.create().trustPemFile(pg.caCert()).build();
        with(base(SslMode.VERIFY_FULL).withSsl(ctx), c -> assertThat(sslOfBackend(c)).isTrue());
    }

    @Test
    void clientCertificateAuthentication() throws Exception {
        ConnectOptions certUser = base(SslMode.VERIFY_FULL).withUser(PgTestServer.CERT_USER).withDatabase("postgres")
                .withSslRootCert(pg.caCert().toString());
        // pg_hba.conf says "cert": no certificate, no entry
        assertThatThrownBy(() -> with(certUser, c -> { }))
                .isInstanceOf(InvalidAuthorizationSpecification.class).hasMessageContaining("certificate");
        with(certUser.withSslCert(pg.clientCert().toString()).withSslKey(pg.clientKey().toString()),
                c -> assertThat(c.<String>fetchVal("select current_user")).isEqualTo(PgTestServer.CERT_USER));
        // the encrypted key, all from a DSN as libpq spells it
        String dsn = "postgresql://" + PgTestServer.CERT_USER + "@127.0.0.1:" + pg.port() + "/postgres?sslmode=verify-full"
                + "&sslrootcert=" + pg.caCert() + "&sslcert=" + pg.clientCert() + "&sslkey=" + pg.clientKeyEncrypted()
                + "&sslpassword=" + PgTestServer.CLIENT_KEY_PASSWORD;
        with(ConnectOptions.parse(dsn), c -> assertThat(c.<Boolean>fetchVal(
                "select client_dn = '/CN=" + PgTestServer.CERT_USER + "' from pg_stat_ssl where pid = pg_backend_pid()"))
                .isTrue());
        assertThatThrownBy(() -> with(ConnectOptions.parse(dsn.replace("sslpassword=", "sslpassword=wrong")), c -> { }))
                .isInstanceOf(PgInterfaceError.class).hasMessageContaining("wrong password");
        assertThatThrownBy(() -> with(certUser.withSslCert("/no/such/client.crt"), c -> { }))
                .isInstanceOf(PgInterfaceError.class).hasMessageContaining("/no/such/client.crt");
    }

    @Test
    void preferFallsBackWhenTheServerSaysN() throws Exception {
        try (Forwarder f = new Forwarder("127.0.0.1", true)) {
            ConnectOptions o = base(SslMode.PREFER).withPort(f.port());
            with(o, c -> {
                assertThat(c.isSsl()).isFalse();
                assertThat(sslOfBackend(c)).isFalse();
            });
            assertThatThrownBy(() -> with(o.withSslMode(SslMode.REQUIRE), c -> { }))
                    .isInstanceOf(PgConnectionError.class).hasMessageContaining("does not support SSL");
        }
    }

    @Test
    void preferRetriesWithoutTlsWhenPgHbaRejectsTls() throws Exception {
        with(base(SslMode.PREFER).withUser(PgTestServer.NOSSL_USER), c -> assertThat(sslOfBackend(c)).isFalse());
        assertThatThrownBy(() -> with(base(SslMode.REQUIRE).withUser(PgTestServer.NOSSL_USER), c -> { }))
                .isInstanceOf(InvalidAuthorizationSpecification.class).hasMessageContaining("SSL");
        // and a user pg_hba lets in only over TLS
        with(base(SslMode.REQUIRE).withUser(PgTestServer.SSL_USER), c -> assertThat(sslOfBackend(c)).isTrue());
        assertThatThrownBy(() -> with(base(SslMode.DISABLE).withUser(PgTestServer.SSL_USER), c -> { }))
                .isInstanceOf(InvalidAuthorizationSpecification.class);
    }

    @Test
    void cancelOverTls() throws Exception {
        // ssluser can only log in over TLS; the cancel request goes on a TLS side connection too
        with(base(SslMode.REQUIRE).withUser(PgTestServer.SSL_USER), c -> {
            Task<Object> sleeper = Asyncio.createTask(() -> c.execute("select pg_sleep(30)"));
            try (PgConnection watcher = PgConnection.connect(base(SslMode.DISABLE))) {
                while (!Boolean.TRUE.equals(watcher.fetchVal("select exists(select 1 from pg_stat_activity where pid = $1"
                        + " and state = 'active' and query like 'select pg_sleep%')", c.getServerPid()))) {
                    Asyncio.sleep(0.01);
                }
            }
            sleeper.cancel();
            assertThatThrownBy(sleeper::await).isInstanceOf(CancelledError.class);
            long t0 = System.nanoTime();
            assertThat((Object) c.fetchVal("select 1")).isEqualTo(1);
            assertThat(System.nanoTime() - t0).isLessThan(Duration.ofSeconds(10).toNanos());
            assertThat(sslOfBackend(c)).isTrue();
        });
    }

    @Test
    void unixSocketIgnoresSslmode() throws Exception {
        with(base(SslMode.REQUIRE).withHost(pg.socketDir().toString()), c -> assertThat(c.isSsl()).isFalse());
    }

    /**
     * A TCP forwarder to the test server, listening on {@code bindHost}. With {@code answerN} it
     * answers the SSLRequest itself with 'N' (a server without TLS) before forwarding.
     */
    static final class Forwarder implements AutoCloseable {
        private final ServerSocket server;

        Forwarder(String bindHost, boolean answerN) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getByName(bindHost));
            Thread.ofPlatform().daemon().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket in = server.accept();
                        Thread.ofPlatform().daemon().start(() -> serve(in, answerN));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve(Socket in, boolean answerN) {
            try (in; Socket out = new Socket("127.0.0.1", pg.port())) {
                InputStream cin = in.getInputStream();
                OutputStream cout = in.getOutputStream();
                if (answerN) {
                    byte[] first = new byte[8];
                    new DataInputStream(cin).readFully(first);
                    if (first[4] == 0x04 && first[5] == (byte) 0xd2 && first[6] == 0x16 && first[7] == 0x2f) {
                        cout.write('N');
                        cout.flush();
                    } else {
                        out.getOutputStream().write(first);
                    }
                }
                Thread t = Thread.ofPlatform().daemon().start(() -> pump(cin, out));
                pump(out.getInputStream(), in);
                t.join();
            } catch (IOException | InterruptedException ignored) {
                // the test ends
            }
        }

        private static void pump(InputStream from, Socket to) {
            try {
                from.transferTo(to.getOutputStream());
                to.shutdownOutput();
            } catch (IOException ignored) {
                // closed
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
