package io.asyncio4j.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for the tests, started once per test JVM and stopped at JVM exit.
 *
 * <p>What it does, in order:
 * <ol>
 *   <li>If the environment variable {@code ASYNCIO4J_PG_DSN} is set, no cluster is started: tests
 *       use that server (as a trust/password superuser), and tests that need the special users
 *       below ({@link #hasTestUsers()}) are skipped with a message.</li>
 *   <li>Finds the server binaries with {@code pg_config --bindir}, falling back to the newest
 *       {@code /usr/lib/postgresql/<version>/bin}. On Debian/Ubuntu they come with the
 *       {@code postgresql} package (PostgreSQL 15 on Debian 12).</li>
 *   <li>Creates a temporary directory and runs {@code initdb} into it, writes a
 *       {@code pg_hba.conf} that gives every auth method a user ({@code md5user}: md5,
 *       {@code scramuser}: scram-sha-256, {@code pwuser}: cleartext password, everyone else:
 *       trust) and a self-signed certificate made with {@code openssl req} (so the server runs
 *       with {@code ssl=on}), then starts it with {@code pg_ctl -w} (which returns when the server
 *       accepts connections) on a free port, listening on 127.0.0.1 and on a Unix socket in the
 *       same directory.</li>
 * </ol>
 *
 * <p><b>Running as root.</b> {@code initdb} and {@code postgres} refuse to run as root (a server
 * holding root's rights would be a gift to anyone who can run SQL). When the JVM runs as root (as in
 * CI containers) every server command is run as an unprivileged user with
 * {@code runuser -u <user> --}: the {@code postgres} account if the package created it, otherwise
 * {@code nobody}; the temporary directory is created by root and handed to that user with
 * {@code chown -R} before {@code initdb}, with mode 0700 as the server demands.
 *
 * <pre>{@code
 * PgTestServer pg = PgTestServer.get();
 * PgConnection conn = PgConnection.connect(pg.dsn());
 * }</pre>
 */
public final class PgTestServer {
    public static final String MD5_USER = "md5user";
    public static final String MD5_PASSWORD = "md5-secret";
    public static final String SCRAM_USER = "scramuser";
    public static final String SCRAM_PASSWORD = "scram-sëcret";
    public static final String CLEAR_USER = "pwuser";
    public static final String CLEAR_PASSWORD = "clear-secret";
    /** A trust user that pg_hba.conf lets in only over TLS ({@code hostnossl ... reject}). */
    public static final String SSL_USER = "ssluser";
    /** A trust user that pg_hba.conf lets in only without TLS ({@code hostssl ... reject}). */
    public static final String NOSSL_USER = "nossluser";
    /**
     * A user that pg_hba.conf lets in only with a client certificate ({@code hostssl ... cert}) whose
     * CN is its name: {@link #clientCert()} / {@link #clientKey()} (also encrypted:
     * {@link #clientKeyEncrypted()} with {@link #CLIENT_KEY_PASSWORD}).
     */
    public static final String CERT_USER = "certuser";
    public static final String CLIENT_KEY_PASSWORD = "key-secret";

    private static PgTestServer instance;
    /** How to run pg_ctl for our own cluster (null for an external server). */
    private static Path clusterBin;
    private static Path clusterData;
    private static String clusterRunAs;
    private static Path clusterLog;

    private final String host;
    private final int port;
    private final String user;
    private final String database;
    private final boolean testUsers;
    private final Path socketDir;
    private final String externalDsn;

    private PgTestServer(String host, int port, String user, String database, boolean testUsers, Path socketDir,
                         String externalDsn) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.database = database;
        this.testUsers = testUsers;
        this.socketDir = socketDir;
        this.externalDsn = externalDsn;
    }

    /** The shared server, started on first use. */
    public static synchronized PgTestServer get() {
        if (instance == null) {
            String dsn = System.getenv("ASYNCIO4J_PG_DSN");
            if (dsn != null && !dsn.isBlank()) {
                ConnectOptions o = ConnectOptions.parse(dsn);
                instance = new PgTestServer(o.host(), o.port(), o.user(), o.database(), false, null, dsn);
            } else {
                instance = startCluster();
            }
        }
        return instance;
    }

    /** True when the md5/scram/password users exist (our own cluster, not ASYNCIO4J_PG_DSN). */
    public boolean hasTestUsers() {
        return testUsers;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The PEM certificate of the CA that signed the server's certificate, or null for an external server. */
    public Path caCert() {
        return socketDir == null ? null : socketDir.resolve("ca.crt");
    }

    /** The PEM certificate of another CA, which did not sign the server's certificate (null for an external server). */
    public Path otherCaCert() {
        return socketDir == null ? null : socketDir.resolve("other-ca.crt");
    }

    /** The PEM client certificate for {@link #CERT_USER}, signed by {@link #caCert()} (null for an external server). */
    public Path clientCert() {
        return socketDir == null ? null : socketDir.resolve("client.crt");
    }

    /** The PEM (PKCS#8) private key of {@link #clientCert()}. */
    public Path clientKey() {
        return socketDir == null ? null : socketDir.resolve("client.key");
    }

    /** {@link #clientKey()} encrypted with {@link #CLIENT_KEY_PASSWORD} (ENCRYPTED PRIVATE KEY). */
    public Path clientKeyEncrypted() {
        return socketDir == null ? null : socketDir.resolve("client-enc.key");
    }

    /** The directory of the server's Unix socket, or null for an external server. */
    public Path socketDir() {
        return socketDir;
    }

    /** A DSN for the superuser. */
    public String dsn() {
        return externalDsn != null ? externalDsn : "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }

    /** Options for the superuser (default {@code sslmode=prefer}: over TLS on TCP). */
    public ConnectOptions options() {
        return ConnectOptions.parse(dsn());
    }

    /** Options for {@code user}/{@code password} on TCP. */
    public ConnectOptions options(String user, String password) {
        return options().withUser(user).withPassword(password);
    }

    /** True when {@link #restart()} can restart the server (our own cluster). */
    public boolean canRestart() {
        return clusterData != null && externalDsn == null;
    }

    /**
     * Restarts our cluster ({@code pg_ctl -m fast -w restart}, same port and options): every
     * session is terminated (57P01 admin shutdown). Blocks: call it off the loop (e.g. with
     * {@code Asyncio.toThread}).
     */
    public void restart() throws IOException {
        if (!canRestart()) {
            throw new IllegalStateException("not our cluster: cannot restart " + dsn());
        }
        run(List.of(clusterBin.resolve("pg_ctl").toString(), "-D", clusterData.toString(), "-l", clusterLog.toString(),
                "-m", "fast", "-w", "-t", "60", "restart"), clusterRunAs); // -l: the server must not hold our pipe
    }

    // ------------------------------------------------------------------ starting a cluster

    private static PgTestServer startCluster() {
        try {
            Path bin = findBinDir();
            String runAs = isRoot() ? (userExists("postgres") ? "postgres" : "nobody") : null;
            Path base = Files.createTempDirectory("asyncio4j-pg-");
            Path data = base.resolve("data");
            Path log = base.resolve("server.log");
            Files.createDirectories(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx--x--x"));
            if (runAs != null) {
                run(List.of("chown", "-R", runAs, base.toString()), null);
            }
            run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust",
                    "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"), runAs);
            Files.writeString(data.resolve("pg_hba.conf"), String.join("\n",
                    "local all all trust",
                    "host all " + MD5_USER + " 127.0.0.1/32 md5",
                    "host all " + SCRAM_USER + " 127.0.0.1/32 scram-sha-256",
                    "host all " + CLEAR_USER + " 127.0.0.1/32 password",
                    "hostssl all " + NOSSL_USER + " 127.0.0.1/32 reject",
                    "hostnossl all " + SSL_USER + " 127.0.0.1/32 reject",
                    "hostssl all " + CERT_USER + " 127.0.0.1/32 cert",
                    "host all " + CERT_USER + " 127.0.0.1/32 reject",
                    "host all all 127.0.0.1/32 trust",
                    ""));
            makeCertificates(base, data, runAs);
            int port = freePort();
            String opts = "-p " + port + " -k " + base + " -c listen_addresses=127.0.0.1 -c ssl=on"
                    + " -c ssl_ca_file=" + base.resolve("ca.crt")
                    + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
                    + " -c shared_buffers=32MB";
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(), "-w",
                    "-t", "60", "-o", opts, "start"), runAs);
            clusterBin = bin;
            clusterData = data;
            clusterRunAs = runAs;
            clusterLog = log;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(bin, data, base, runAs), "pg-test-server-stop"));
            String sql = "SET password_encryption = 'md5';"
                    + "CREATE ROLE " + MD5_USER + " LOGIN SUPERUSER PASSWORD '" + MD5_PASSWORD + "';"
                    + "SET password_encryption = 'scram-sha-256';"
                    + "CREATE ROLE " + SCRAM_USER + " LOGIN SUPERUSER PASSWORD '" + SCRAM_PASSWORD + "';"
                    + "CREATE ROLE " + CLEAR_USER + " LOGIN PASSWORD '" + CLEAR_PASSWORD + "';"
                    + "CREATE ROLE " + SSL_USER + " LOGIN; CREATE ROLE " + NOSSL_USER + " LOGIN;"
                    + "CREATE ROLE " + CERT_USER + " LOGIN;";
            run(List.of(bin.resolve("psql").toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", base.toString(),
                    "-p", String.valueOf(port), "-U", "postgres", "-d", "postgres", "-c", sql), runAs);
            return new PgTestServer("127.0.0.1", port, "postgres", "postgres", true, base, null);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the test PostgreSQL cluster", e);
        }
    }

    /**
     * A throwaway CA ({@code ca.crt} in {@code base}), the server's key and certificate signed by it
     * for {@code localhost} and {@code 127.0.0.1} (subject alternative names) in the data directory,
     * and an unrelated CA ({@code other-ca.crt}) for the negative tests. EC P-256 keys (fast).
     */
    private static void makeCertificates(Path base, Path data, String runAs) throws IOException {
        String ec = "ec", curve = "ec_paramgen_curve:prime256v1";
        for (String ca : List.of("ca", "other-ca")) {
            run(List.of("openssl", "req", "-x509", "-newkey", ec, "-pkeyopt", curve, "-nodes", "-days", "3",
                    "-subj", "/CN=asyncio4j test " + ca, "-keyout", base.resolve(ca + ".key").toString(),
                    "-out", base.resolve(ca + ".crt").toString()), runAs);
        }
        run(List.of("openssl", "req", "-new", "-newkey", ec, "-pkeyopt", curve, "-nodes", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", data.resolve("server.key").toString(), "-out", base.resolve("server.csr").toString()), runAs);
        run(List.of("openssl", "x509", "-req", "-in", base.resolve("server.csr").toString(),
                "-CA", base.resolve("ca.crt").toString(), "-CAkey", base.resolve("ca.key").toString(),
                "-CAcreateserial", "-days", "3", "-copy_extensions", "copy",
                "-out", data.resolve("server.crt").toString()), runAs);
        Files.setPosixFilePermissions(data.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
        // the client certificate for cert authentication (CN = the role), its key also encrypted
        run(List.of("openssl", "req", "-new", "-newkey", ec, "-pkeyopt", curve, "-nodes", "-subj", "/CN=" + CERT_USER,
                "-keyout", base.resolve("client.key").toString(), "-out", base.resolve("client.csr").toString()), runAs);
        run(List.of("openssl", "x509", "-req", "-in", base.resolve("client.csr").toString(),
                "-CA", base.resolve("ca.crt").toString(), "-CAkey", base.resolve("ca.key").toString(),
                "-CAcreateserial", "-days", "3", "-out", base.resolve("client.crt").toString()), runAs);
        run(List.of("openssl", "pkcs8", "-topk8", "-in", base.resolve("client.key").toString(),
                "-out", base.resolve("client-enc.key").toString(), "-passout", "pass:" + CLIENT_KEY_PASSWORD), runAs);
    }

    private static void stop(Path bin, Path data, Path base, String runAs) {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"), runAs);
        } catch (RuntimeException | IOException e) {
            System.err.println("pg test server: stop failed: " + e);
        }
        try (Stream<Path> files = Files.walk(base)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }

    static Path findBinDir() throws IOException {
        try {
            Process p = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() == 0 && Files.isExecutable(Path.of(out, "initdb"))) {
                return Path.of(out);
            }
        } catch (IOException | InterruptedException ignored) {
            // fall back to the Debian layout
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                var found = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparingInt(b -> parseVersion(b.getParent().getFileName().toString())));
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        throw new IOException("PostgreSQL server binaries not found: install them (apt-get install -y postgresql) "
                + "or set ASYNCIO4J_PG_DSN to an existing server");
    }

    private static int parseVersion(String s) {
        try {
            return Integer.parseInt(s.replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean userExists(String name) {
        try {
            Process p = new ProcessBuilder("id", "-u", name).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void run(List<String> command, String runAs) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (runAs != null) {
            cmd.addAll(List.of("runuser", "-u", runAs, "--"));
        }
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        pb.directory(Path.of("/").toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("command failed: " + cmd + "\n" + new String(out, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + cmd, e);
        }
    }
}
