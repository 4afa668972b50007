package io.asyncio4j.net.tls;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway CA and a server certificate for localhost / 127.0.0.1 (and an unrelated CA), made
 * once per JVM with /usr/bin/openssl in a temporary directory.
 */
final class TlsCerts {
    static final Path OPENSSL = Path.of("/usr/bin/openssl");
    private static TlsCerts instance;

    final Path dir;
    final Path caPem;
    final Path serverPem;
    final Path serverKey;
    final Path otherCaPem;
    final Path serverP12;
    /** A client certificate from the test CA (CN "asyncio4j client") and its key in every PEM form we read. */
    final Path clientPem;
    final Path clientKey;          // PKCS#8
    final Path clientKeySec1;      // EC PRIVATE KEY
    final Path clientKeyEncrypted; // ENCRYPTED PRIVATE KEY, password CLIENT_KEY_PASSWORD
    final Path clientKeyLegacy;    // EC PRIVATE KEY with Proc-Type/DEK-Info
    final Path clientCombined;     // certificate then key, one file
    final Path rsaClientPem;
    final Path rsaClientKey;       // RSA PRIVATE KEY (PKCS#1)
    static final String CLIENT_KEY_PASSWORD = "s3cret";

    private TlsCerts(Path dir) {
        this.dir = dir;
        caPem = dir.resolve("ca.pem");
        serverPem = dir.resolve("server.pem");
        serverKey = dir.resolve("server.key");
        otherCaPem = dir.resolve("other-ca.pem");
        serverP12 = dir.resolve("server.p12");
        clientPem = dir.resolve("client.pem");
        clientKey = dir.resolve("client.key");
        clientKeySec1 = dir.resolve("client-sec1.key");
        clientKeyEncrypted = dir.resolve("client-enc.key");
        clientKeyLegacy = dir.resolve("client-legacy.key");
        clientCombined = dir.resolve("client-combined.pem");
        rsaClientPem = dir.resolve("rsa-client.pem");
        rsaClientKey = dir.resolve("rsa-client.key");
    }

    static synchronized TlsCerts get() throws Exception {
        if (instance == null) {
            Path dir = Files.createTempDirectory("asyncio4j-tls");
            dir.toFile().deleteOnExit();
            TlsCerts c = new TlsCerts(dir);
            c.generate();
            instance = c;
        }
        return instance;
    }

    private void generate() throws Exception {
        Files.writeString(dir.resolve("server.ext"), """
                basicConstraints=CA:FALSE
                keyUsage=critical,digitalSignature,keyEncipherment
                extendedKeyUsage=serverAuth,clientAuth
                subjectAltName=DNS:localhost,IP:127.0.0.1
                """);
        String ec = "ec_paramgen_curve:prime256v1";
        run("req", "-x509", "-newkey", "ec", "-pkeyopt", ec, "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "2", "-subj", "/CN=asyncio4j test CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        run("req", "-x509", "-newkey", "ec", "-pkeyopt", ec, "-nodes", "-keyout", "other-ca.key", "-out",
                "other-ca.pem", "-days", "2", "-subj", "/CN=some other CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        run("req", "-newkey", "ec", "-pkeyopt", ec, "-nodes", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=localhost");
        run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.pem", "-days", "2", "-extfile", "server.ext");
        run("pkcs12", "-export", "-inkey", "server.key", "-in", "server.pem", "-certfile", "ca.pem",
                "-out", "server.p12", "-passout", "pass:changeit", "-name", "server");
        Files.writeString(dir.resolve("client.ext"), """
                basicConstraints=CA:FALSE
                keyUsage=critical,digitalSignature,keyEncipherment
                extendedKeyUsage=clientAuth
                """);
        run("req", "-newkey", "ec", "-pkeyopt", ec, "-nodes", "-keyout", "client.key", "-out", "client.csr",
                "-subj", "/CN=asyncio4j client");
        run("x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "client.pem", "-days", "2", "-extfile", "client.ext");
        run("ec", "-in", "client.key", "-out", "client-sec1.key");
        run("pkcs8", "-topk8", "-in", "client.key", "-out", "client-enc.key", "-passout", "pass:" + CLIENT_KEY_PASSWORD);
        run("ec", "-in", "client.key", "-aes128", "-passout", "pass:" + CLIENT_KEY_PASSWORD, "-out", "client-legacy.key");
        Files.writeString(clientCombined, Files.readString(clientPem) + Files.readString(clientKey));
        run("genrsa", "-traditional", "-out", "rsa-client.key", "2048");
        run("req", "-new", "-key", "rsa-client.key", "-out", "rsa-client.csr", "-subj", "/CN=asyncio4j rsa client");
        run("x509", "-req", "-in", "rsa-client.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "rsa-client.pem", "-days", "2", "-extfile", "client.ext");
    }

    private void run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(OPENSSL.toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed: "
                    + new String(out, StandardCharsets.UTF_8));
        }
    }

    /** A server context with the localhost certificate (chain: server, CA). */
    SSLContext serverContext() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverP12)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), trustManagers(caPem), null);
        return ctx;
    }

    /** A client context trusting the test CA. */
    SSLContext clientContext() throws Exception {
        return trusting(caPem);
    }

    /** A client context trusting only an unrelated CA. */
    SSLContext untrustingClientContext() throws Exception {
        return trusting(otherCaPem);
    }

    private static SSLContext trusting(Path ca) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, trustManagers(ca), null);
        return ctx;
    }

    private static javax.net.ssl.TrustManager[] trustManagers(Path ca) throws Exception {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        try (InputStream in = Files.newInputStream(ca)) {
            ts.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        return tmf.getTrustManagers();
    }
}
