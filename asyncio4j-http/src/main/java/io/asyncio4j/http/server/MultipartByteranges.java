package io.asyncio4j.http.server;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The framing of a {@code multipart/byteranges} body (RFC 9110 §14.6, RFC 2046 §5.1): a head per
 * part ({@code --boundary}, the part's {@code Content-Type} and {@code Content-Range}) and the closing
 * delimiter. Only the framing is held; the ranges' bytes are streamed from the file between the heads,
 * and since every length is known up front the response gets an exact {@code Content-Length}.
 */
final class MultipartByteranges {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String boundary;
    private final byte[][] partHeads;
    private final byte[] closing;
    private final long contentLength;

    MultipartByteranges(List<ByteRanges.Range> ranges, String partType, long size) {
        // random, so a file's content cannot forge a delimiter (RFC 2046 §5.1.1)
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        boundary = HexFormat.of().formatHex(b);
        partHeads = new byte[ranges.size()][];
        long total = 0;
        for (int i = 0; i < partHeads.length; i++) {
            ByteRanges.Range r = ranges.get(i);
            // a delimiter is CRLF "--" boundary; the first part may drop the CRLF (nothing precedes it)
            String head = (i == 0 ? "" : "\r\n") + "--" + boundary + "\r\n"
                    + (partType != null ? "Content-Type: " + partType + "\r\n" : "")
                    + "Content-Range: " + r.contentRange(size) + "\r\n\r\n";
            partHeads[i] = head.getBytes(StandardCharsets.ISO_8859_1);
            total += partHeads[i].length + r.length();
        }
        closing = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        contentLength = total + closing.length;
    }

    /** The response's {@code Content-Type}. */
    String contentType() {
        return "multipart/byteranges; boundary=" + boundary;
    }

    /** The head of part {@code i}, sent right before its bytes. */
    byte[] partHead(int i) {
        return partHeads[i];
    }

    /** The closing delimiter, sent after the last part. */
    byte[] closing() {
        return closing;
    }

    /** The exact body length. */
    long contentLength() {
        return contentLength;
    }
}
