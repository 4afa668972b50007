package io.asyncio4j.postgres;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of SCRAM-SHA-256 (RFC 5802, RFC 7677) as PostgreSQL uses it: no channel
 * binding ({@code n,,}), empty user name in the exchange (the server takes the startup user).
 * The password is normalized with NFKC, a simplification of SASLprep that agrees with it for
 * ordinary passwords. Pure computation, no I/O: feed it the server's messages.
 */
final class ScramSha256 {
    static final String MECHANISM = "SCRAM-SHA-256";

    private final String password;
    private final String clientNonce;
    private String clientFirstBare;
    private byte[] expectedServerSignature;

    ScramSha256(String password) {
        this(password, randomNonce());
    }

    ScramSha256(String password, String clientNonce) {
        this.password = password;
        this.clientNonce = clientNonce;
    }

    private static String randomNonce() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    /** The client-first-message. */
    byte[] clientFirst() {
        clientFirstBare = "n=,r=" + clientNonce;
        return ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    /** Takes the server-first-message and returns the client-final-message. */
    byte[] clientFinal(byte[] serverFirstBytes) {
        String serverFirst = new String(serverFirstBytes, StandardCharsets.UTF_8);
        Map<Character, String> attrs = parse(serverFirst);
        String nonce = attrs.get('r');
        if (nonce == null || !nonce.startsWith(clientNonce)) {
            throw new PgProtocolError("SCRAM: server nonce does not extend the client nonce");
        }
        byte[] salt = Base64.getDecoder().decode(attrs.get('s'));
        int iterations = Integer.parseInt(attrs.get('i'));
        String withoutProof = "c=biws,r=" + nonce;
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        try {
            byte[] salted = hi(Normalizer.normalize(password, Normalizer.Form.NFKC).getBytes(StandardCharsets.UTF_8),
                    salt, iterations);
            byte[] clientKey = hmac(salted, "Client Key".getBytes(StandardCharsets.UTF_8));
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            byte[] clientSignature = hmac(storedKey, authMessage.getBytes(StandardCharsets.UTF_8));
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
            }
            byte[] serverKey = hmac(salted, "Server Key".getBytes(StandardCharsets.UTF_8));
            expectedServerSignature = hmac(serverKey, authMessage.getBytes(StandardCharsets.UTF_8));
            return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new PgProtocolError("SCRAM: " + e);
        }
    }

    /** Checks the server-final-message (the server proves it knows the password too). */
    void verifyServerFinal(byte[] serverFinalBytes) {
        Map<Character, String> attrs = parse(new String(serverFinalBytes, StandardCharsets.UTF_8));
        if (attrs.containsKey('e')) {
            throw new PgProtocolError("SCRAM: server error " + attrs.get('e'));
        }
        byte[] v = Base64.getDecoder().decode(attrs.getOrDefault('v', ""));
        if (expectedServerSignature == null || !MessageDigest.isEqual(v, expectedServerSignature)) {
            throw new PgProtocolError("SCRAM: the server's signature does not match");
        }
    }

    private static Map<Character, String> parse(String msg) {
        Map<Character, String> m = new HashMap<>();
        for (String part : msg.split(",")) {
            if (part.length() >= 2 && part.charAt(1) == '=') {
                m.put(part.charAt(0), part.substring(2));
            }
        }
        return m;
    }

    static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    /** Hi() of RFC 5802: PBKDF2 with HMAC-SHA-256 and one block. */
    static byte[] hi(byte[] password, byte[] salt, int iterations) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(password, "HmacSHA256"));
        mac.update(salt);
        mac.update(new byte[] {0, 0, 0, 1});
        byte[] u = mac.doFinal();
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    /** PostgreSQL's MD5 password response: "md5" + md5hex(md5hex(password + user) + salt). */
    static String md5Password(String user, String password, byte[] salt) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            String inner = hex(md.digest((password + user).getBytes(StandardCharsets.UTF_8)));
            md.update(inner.getBytes(StandardCharsets.US_ASCII));
            md.update(salt);
            return "md5" + hex(md.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }
}
