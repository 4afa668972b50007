package io.asyncio4j.net;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads the PEM files that OpenSSL writes and Python's {@code ssl} module loads: certificates and
 * private keys (PKCS#8, encrypted PKCS#8, and the "traditional" PKCS#1 RSA and SEC1 EC forms).
 * Errors name the file and say what to do; they are {@link IllegalArgumentException}s.
 */
final class Pem {
    private Pem() {}

    /** One {@code -----BEGIN label-----} block: its label, its headers (legacy encryption) and its DER bytes. */
    record Block(String label, boolean legacyEncrypted, byte[] der) {}

    static List<Block> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e, e);
        }
        List<Block> blocks = new ArrayList<>();
        int at = 0;
        while (true) {
            int begin = text.indexOf("-----BEGIN ", at);
            if (begin < 0) {
                break;
            }
            int labelEnd = text.indexOf("-----", begin + 11);
            if (labelEnd < 0) {
                throw new IllegalArgumentException(file + ": unterminated PEM header");
            }
            String label = text.substring(begin + 11, labelEnd);
            String endMarker = "-----END " + label + "-----";
            int end = text.indexOf(endMarker, labelEnd);
            if (end < 0) {
                throw new IllegalArgumentException(file + ": no '" + endMarker + "'");
            }
            String body = text.substring(labelEnd + 5, end);
            boolean legacyEncrypted = body.contains("Proc-Type:") && body.contains("ENCRYPTED");
            StringBuilder b64 = new StringBuilder();
            for (String line : body.split("\\R")) {
                if (!line.contains(":")) { // skip RFC 1421 headers such as DEK-Info
                    b64.append(line.strip());
                }
            }
            try {
                blocks.add(new Block(label, legacyEncrypted, Base64.getDecoder().decode(b64.toString())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": bad base64 in the " + label + " block", e);
            }
            at = end + endMarker.length();
        }
        return blocks;
    }

    /** Every certificate in {@code file}, in order; none is an error. */
    static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> certs = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (Block b : read(file)) {
                if (b.label().equals("CERTIFICATE") || b.label().equals("TRUSTED CERTIFICATE")) {
                    certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
                }
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException(file + ": not a valid X.509 certificate: " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certs;
    }

    /** The one private key in {@code file}, decrypted with {@code password} if it is encrypted. */
    static PrivateKey privateKey(Path file, char[] password) {
        for (Block b : read(file)) {
            switch (b.label()) {
                case "PRIVATE KEY" -> {
                    return pkcs8(file, b.der());
                }
                case "ENCRYPTED PRIVATE KEY" -> {
                    return pkcs8(file, decrypt(file, b.der(), password));
                }
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> {
                    if (b.legacyEncrypted()) {
                        throw new IllegalArgumentException(file + ": legacy OpenSSL key encryption (Proc-Type/DEK-Info) "
                                + "is not supported; convert it with 'openssl pkcs8 -topk8 -in " + file.getFileName()
                                + " -out key.pem' (add -nocrypt for no password)");
                    }
                    return pkcs8(file, b.label().startsWith("RSA") ? Der.pkcs1ToPkcs8(b.der()) : Der.sec1ToPkcs8(b.der()));
                }
                default -> {
                    // certificates and parameters may share the file
                }
            }
        }
        throw new IllegalArgumentException(file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----, "
                + "ENCRYPTED PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
    }

    private static byte[] decrypt(Path file, byte[] der, char[] password) {
        if (password == null) {
            throw new IllegalArgumentException(file + ": the private key is encrypted and no password was given");
        }
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            // for PBES2 the parameters name the real scheme, e.g. PBEWithHmacSHA256AndAES_256
            String algorithm = info.getAlgParameters() != null ? info.getAlgParameters().toString() : info.getAlgName();
            SecretKeyFactory factory = SecretKeyFactory.getInstance(algorithm);
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(new PBEKeySpec(password)), info.getAlgParameters());
            return info.getKeySpec(cipher).getEncoded();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(file + ": cannot decrypt the private key (wrong password?): " + e, e);
        }
    }

    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA"};

    private static PrivateKey pkcs8(Path file, byte[] der) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException wrongAlgorithm) {
                // try the next one
            }
        }
        throw new IllegalArgumentException(file + ": unsupported or corrupt private key (tried "
                + String.join(", ", KEY_ALGORITHMS) + ")");
    }

    /** The little DER it takes to wrap a traditional key into a PKCS#8 PrivateKeyInfo. */
    static final class Der {
        private Der() {}

        private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00}; // SEQUENCE { rsaEncryption, NULL }
        private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d,
            0x02, 0x01}; // id-ecPublicKey

        /** RFC 8017 RSAPrivateKey into RFC 5208 PrivateKeyInfo. */
        static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
            return tlv(0x30, concat(new byte[] {0x02, 0x01, 0x00}, RSA_ALGORITHM, tlv(0x04, pkcs1)));
        }

        /**
         * RFC 5915 ECPrivateKey into PrivateKeyInfo; the curve moves from the key's {@code [0]}
         * parameters into the algorithm identifier, as PKCS#8 wants.
         */
        static byte[] sec1ToPkcs8(byte[] sec1) {
            byte[] curve = null;
            int[] seq = header(sec1, 0, 0x30);
            int p = seq[0];
            int end = seq[0] + seq[1];
            while (p < end) {
                int tag = sec1[p] & 0xff;
                int[] h = header(sec1, p, tag);
                if (tag == 0xa0) { // [0] ECParameters: a namedCurve OID
                    curve = java.util.Arrays.copyOfRange(sec1, h[0], h[0] + h[1]);
                }
                p = h[0] + h[1];
            }
            if (curve == null) {
                throw new IllegalArgumentException("EC key without a named curve");
            }
            byte[] algorithm = tlv(0x30, concat(EC_PUBLIC_KEY_OID, curve));
            return tlv(0x30, concat(new byte[] {0x02, 0x01, 0x00}, algorithm, tlv(0x04, sec1)));
        }

        /** {content start, content length} of the element at {@code at}, which must have {@code tag}. */
        private static int[] header(byte[] der, int at, int tag) {
            if (at + 2 > der.length || (der[at] & 0xff) != tag) {
                throw new IllegalArgumentException("malformed DER key");
            }
            int len = der[at + 1] & 0xff;
            int p = at + 2;
            if (len >= 0x80) {
                int n = len & 0x7f;
                if (n == 0 || n > 3 || p + n > der.length) {
                    throw new IllegalArgumentException("malformed DER key");
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (der[p++] & 0xff);
                }
            }
            if (p + len > der.length) {
                throw new IllegalArgumentException("malformed DER key");
            }
            return new int[] {p, len};
        }

        static byte[] tlv(int tag, byte[] content) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
            out.write(tag);
            int n = content.length;
            if (n < 0x80) {
                out.write(n);
            } else if (n < 0x100) {
                out.write(0x81);
                out.write(n);
            } else if (n < 0x10000) {
                out.write(0x82);
                out.write(n >> 8);
                out.write(n);
            } else {
                out.write(0x83);
                out.write(n >> 16);
                out.write(n >> 8);
                out.write(n);
            }
            out.writeBytes(content);
            return out.toByteArray();
        }

        private static byte[] concat(byte[]... parts) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] part : parts) {
                out.writeBytes(part);
            }
            return out.toByteArray();
        }
    }
}
