package io.asyncio4j.mongo;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The client side of a SCRAM conversation (RFC 5802; SCRAM-SHA-256 is RFC 7677), without channel
 * binding ({@code n,,}). MongoDB's twists live in {@link #forMongo}: SCRAM-SHA-1 hashes the
 * password as {@code hex(md5(user + ":mongo:" + password))} first; SCRAM-SHA-256 runs SASLprep,
 * here approximated by NFKC normalization with non-ASCII spaces mapped to ASCII space and
 * "commonly mapped to nothing" characters removed (prohibited-character and bidi checks are not
 * done; the server rejects what it does not accept).
 */
final class Scram {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String mechanism;
    private final String hmacName;
    private final String digestName;
    private final String username;
    private final String password; // already prepared
    private final String clientNonce;
    private String clientFirstBare;
    private byte[] serverSignature;

    Scram(String mechanism, String username, String preparedPassword, String clientNonce) {
        this.mechanism = mechanism;
        boolean sha256 = mechanism.equals("SCRAM-SHA-256");
        if (!sha256 && !mechanism.equals("SCRAM-SHA-1")) {
            throw new ConfigurationError("unsupported authMechanism " + mechanism);
        }
        this.hmacName = sha256 ? "HmacSHA256" : "HmacSHA1";
        this.digestName = sha256 ? "SHA-256" : "SHA-1";
        this.username = username;
        this.password = preparedPassword;
        this.clientNonce = clientNonce;
    }

    /** A conversation for MongoDB, with a random nonce and the mechanism's password preparation. */
    static Scram forMongo(String mechanism, String username, String password) {
        byte[] n = new byte[24];
        RANDOM.nextBytes(n);
        String nonce = Base64.getEncoder().encodeToString(n);
        String prepared = mechanism.equals("SCRAM-SHA-1") ? mongoPasswordDigest(username, password) : saslPrep(password);
        return new Scram(mechanism, username, prepared, nonce);
    }

    static String mongoPasswordDigest(String username, String password) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest((username + ":mongo:" + password).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String saslPrep(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSpaceChar(c) && c != ' ') {
                b.append(' ');
            } else if (c == '\u00AD' || c == '\u034F' || c == '\u1806' || (c >= '\u180B' && c <= '\u180D')
                    || c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060'
                    || (c >= '\uFE00' && c <= '\uFE0F') || c == '\uFEFF') {
                continue;
            } else {
                b.append(c);
            }
        }
        return Normalizer.normalize(b, Normalizer.Form.NFKC);
    }

    String mechanism() {
        return mechanism;
    }

    /** {@code n,,n=user,r=nonce}. */
    String clientFirstMessage() {
        clientFirstBare = "n=" + username.replace("=", "=3D").replace(",", "=2C") + ",r=" + clientNonce;
        return "n,," + clientFirstBare;
    }

    /** The client-final message for the server-first message; computes the expected server signature. */
    String clientFinalMessage(String serverFirst) {
        Map<Character, String> f = parse(serverFirst);
        if (f.containsKey('e')) {
            throw new AuthenticationFailure("SCRAM error from server: " + f.get('e'), 18, null);
        }
        String nonce = f.get('r');
        String salt = f.get('s');
        String iter = f.get('i');
        if (nonce == null || salt == null || iter == null) {
            throw new AuthenticationFailure("malformed SCRAM server-first message: " + serverFirst, 18, null);
        }
        if (!nonce.startsWith(clientNonce)) {
            throw new AuthenticationFailure("server nonce does not start with the client nonce", 18, null);
        }
        int iterations = Integer.parseInt(iter);
        if (iterations < 4096) {
            throw new AuthenticationFailure("SCRAM iteration count " + iterations + " is below 4096", 18, null);
        }
        byte[] salted = hi(password.getBytes(StandardCharsets.UTF_8), Base64.getDecoder().decode(salt), iterations);
        byte[] clientKey = hmac(salted, "Client Key");
        byte[] storedKey = digest(clientKey);
        String withoutProof = "c=biws,r=" + nonce;
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] clientSignature = hmac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
        }
        byte[] serverKey = hmac(salted, "Server Key");
        serverSignature = hmac(serverKey, authMessage);
        return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
    }

    /** Checks the server-final message's {@code v=} against the expected server signature. */
    void verifyServerFinal(String serverFinal) {
        Map<Character, String> f = parse(serverFinal);
        if (f.containsKey('e')) {
            throw new AuthenticationFailure("SCRAM error from server: " + f.get('e'), 18, null);
        }
        String v = f.get('v');
        if (v == null || !MessageDigest.isEqual(Base64.getDecoder().decode(v), serverSignature)) {
            throw new AuthenticationFailure("the server's SCRAM signature does not verify", 18, null);
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

    private byte[] hi(byte[] pass, byte[] salt, int iterations) {
        try {
            Mac mac = Mac.getInstance(hmacName);
            mac.init(new SecretKeySpec(pass, hmacName));
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
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance(hmacName);
            mac.init(new SecretKeySpec(key, hmacName));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance(digestName).digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
