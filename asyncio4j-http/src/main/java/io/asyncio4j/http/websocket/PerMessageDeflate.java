package io.asyncio4j.http.websocket;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The permessage-deflate extension (RFC 7692): negotiation of its parameters and the per-message
 * compressor/decompressor built on {@code java.util.zip} raw deflate ({@code nowrap}).
 *
 * <p>The analog of aiohttp's {@code ws_ext_parse} / {@code ws_ext_gen} and its {@code
 * ZLibCompressor}/{@code ZLibDecompressor} use.
 *
 * <p><b>Window bits.</b> {@code java.util.zip.Deflater} always compresses with a 32 KiB (15-bit)
 * window and offers no way to choose less; {@code Inflater} always decompresses with 15 bits,
 * which reads any stream made with a window of 8..15 bits. Therefore:
 * <ul>
 *   <li>Server: an offer whose {@code server_max_window_bits} is below 15 asks us to compress with
 *       a smaller window, which we cannot honour: that offer is declined (the next offer is tried;
 *       if none fits, the connection runs without compression). {@code server_max_window_bits=15}
 *       is accepted and echoed. {@code client_max_window_bits} in an offer (with or without a
 *       value) is accepted and not answered: the client then compresses with whatever window it
 *       likes (at most its own hint), and our 15-bit inflater reads it.
 *   <li>Client: the offer never includes {@code client_max_window_bits}, so a server may not
 *       restrict our window; a response that does anyway (below 15) fails the handshake, as
 *       RFC 7692 §7.1.2.2 requires. {@code server_max_window_bits=N} in a response is fine.
 * </ul>
 *
 * <p><b>Context takeover.</b> {@code X_no_context_takeover} makes X's compressor start each
 * message with an empty window (our {@code Deflater.reset()} after each message); the receiving
 * side then resets its inflater too. Without it both keep their 32 KiB history across messages.
 *
 * <pre>{@code
 * // server
 * Optional<PerMessageDeflate.Params> p = PerMessageDeflate.negotiateServer(
 *         request.headers().getAll("Sec-WebSocket-Extensions"), PerMessageDeflate.ServerOptions.DEFAULT);
 * p.ifPresent(params -> response.add("Sec-WebSocket-Extensions", params.toHeader()));
 * PerMessageDeflate codec = p.map(params -> new PerMessageDeflate(params, WebSocketRole.SERVER)).orElse(null);
 * }</pre>
 */
public final class PerMessageDeflate implements AutoCloseable {
    /** The extension token. */
    public static final String NAME = "permessage-deflate";
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    /**
     * Negotiated parameters. Window bits are 8..15, 15 meaning "not restricted".
     *
     * @param serverNoContextTakeover the server resets its compressor after each message
     * @param clientNoContextTakeover the client resets its compressor after each message
     * @param serverMaxWindowBits the server's compression window (as agreed)
     * @param clientMaxWindowBits the client's compression window (as agreed)
     */
    public record Params(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                         int serverMaxWindowBits, int clientMaxWindowBits) {
        /** No restrictions: both sides keep context with 15-bit windows. */
        public static final Params DEFAULT = new Params(false, false, 15, 15);

        /** The {@code Sec-WebSocket-Extensions} value a server answers with. */
        public String toHeader() {
            StringBuilder sb = new StringBuilder(NAME);
            if (serverNoContextTakeover) sb.append("; server_no_context_takeover");
            if (clientNoContextTakeover) sb.append("; client_no_context_takeover");
            if (serverMaxWindowBits < 15) sb.append("; server_max_window_bits=").append(serverMaxWindowBits);
            if (clientMaxWindowBits < 15) sb.append("; client_max_window_bits=").append(clientMaxWindowBits);
            return sb.toString();
        }
    }

    /**
     * What a server wants beyond what the client asks for.
     *
     * @param enabled whether to accept permessage-deflate at all
     * @param serverNoContextTakeover reset our compressor after each message (saves 32 KiB+ per connection)
     * @param clientNoContextTakeover ask the client to reset its compressor (saves our inflater's window)
     */
    public record ServerOptions(boolean enabled, boolean serverNoContextTakeover, boolean clientNoContextTakeover) {
        /** Accept, keep context both ways unless the client asks otherwise. */
        public static final ServerOptions DEFAULT = new ServerOptions(true, false, false);
    }

    /** One extension of a {@code Sec-WebSocket-Extensions} list: name and parameters (null value: none). */
    public record Extension(String name, Map<String, String> params) {}

    private final Params params;
    private final WebSocketRole role;
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final Inflater inflater = new Inflater(true);
    private byte[] buf = new byte[8192];

    /** A compressor/decompressor for one connection end. */
    public PerMessageDeflate(Params params, WebSocketRole role) {
        this.params = params;
        this.role = role;
    }

    /** The negotiated parameters. */
    public Params params() {
        return params;
    }

    private boolean resetOwnCompressor() {
        return role == WebSocketRole.SERVER ? params.serverNoContextTakeover() : params.clientNoContextTakeover();
    }

    private boolean resetPeerDecompressor() {
        return role == WebSocketRole.SERVER ? params.clientNoContextTakeover() : params.serverNoContextTakeover();
    }

    /** Compresses one whole message payload (RFC 7692 §7.2.1: sync flush, tail removed). */
    public byte[] compress(byte[] data, int off, int len) {
        deflater.setInput(data, off, len);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(16, len / 2));
        while (true) {
            int n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
            out.write(buf, 0, n);
            if (n < buf.length && deflater.needsInput()) break;
        }
        byte[] result = out.toByteArray();
        int end = result.length;
        if (end >= 4 && result[end - 4] == 0 && result[end - 3] == 0 && result[end - 2] == (byte) 0xff && result[end - 1] == (byte) 0xff) {
            end -= 4;
        }
        if (resetOwnCompressor()) deflater.reset();
        if (end == 0) return new byte[] {0}; // RFC 7692 §7.2.3.6: an empty message is one empty block, never 0 octets
        return end == result.length ? result : java.util.Arrays.copyOf(result, end);
    }

    /**
     * Decompresses one whole message payload (tail appended here), failing with 1009 beyond {@code
     * maxSize} octets and with 1007 on corrupt data.
     */
    public byte[] decompress(byte[] data, int off, int len, long maxSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(16, len * 2));
        try {
            inflateAll(data, off, len, out, maxSize);
            inflateAll(TAIL, 0, 4, out, maxSize);
        } catch (DataFormatException e) {
            inflater.reset();
            throw new WebSocketProtocolException(WebSocketCloseCodes.INVALID_DATA, "invalid compressed data: " + e.getMessage());
        }
        if (resetPeerDecompressor()) inflater.reset();
        return out.toByteArray();
    }

    private void inflateAll(byte[] data, int off, int len, ByteArrayOutputStream out, long maxSize) throws DataFormatException {
        inflater.setInput(data, off, len);
        while (true) {
            int n = inflater.inflate(buf);
            if (n > 0) {
                if (out.size() + (long) n > maxSize) {
                    throw new WebSocketProtocolException(WebSocketCloseCodes.MESSAGE_TOO_BIG, "decompressed message larger than " + maxSize);
                }
                out.write(buf, 0, n);
                continue;
            }
            if (inflater.finished()) {
                // A BFINAL block ended the stream: RFC 7692 §7.2.3 allows it; start fresh for the next message.
                inflater.reset();
                return;
            }
            if (inflater.needsInput() || inflater.needsDictionary()) return;
        }
    }

    @Override
    public void close() {
        deflater.end();
        inflater.end();
    }

    // ------------------------------------------------------------------------------ negotiation

    /** The client's offer: {@code permessage-deflate} plus the no-context-takeover requests asked for. */
    public static String clientOffer(boolean requestServerNoContextTakeover, boolean clientNoContextTakeover) {
        StringBuilder sb = new StringBuilder(NAME);
        if (requestServerNoContextTakeover) sb.append("; server_no_context_takeover");
        if (clientNoContextTakeover) sb.append("; client_no_context_takeover");
        return sb.toString();
    }

    /**
     * Server side: picks the first acceptable permessage-deflate offer among the request's
     * {@code Sec-WebSocket-Extensions} values; empty when none is acceptable (then answer without
     * the extension). Malformed or unknown parameters make that offer unacceptable.
     */
    public static Optional<Params> negotiateServer(List<String> extensionHeaders, ServerOptions options) {
        if (!options.enabled()) return Optional.empty();
        List<Extension> offers;
        try {
            offers = parseExtensions(extensionHeaders);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        for (Extension offer : offers) {
            if (!offer.name().equalsIgnoreCase(NAME)) continue;
            Params p = acceptOffer(offer.params(), options);
            if (p != null) return Optional.of(p);
        }
        return Optional.empty();
    }

    private static Params acceptOffer(Map<String, String> params, ServerOptions options) {
        boolean serverNct = options.serverNoContextTakeover();
        boolean clientNct = options.clientNoContextTakeover();
        int serverBits = 15;
        for (Map.Entry<String, String> e : params.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "server_no_context_takeover" -> {
                    if (v != null) return null;
                    serverNct = true;
                }
                case "client_no_context_takeover" -> {
                    if (v != null) return null;
                    clientNct = true;
                }
                case "server_max_window_bits" -> {
                    int bits = windowBits(v);
                    if (bits < 0) return null;
                    if (bits < 15) return null; // Deflater cannot compress with a window below 15 bits
                    serverBits = 15;
                }
                case "client_max_window_bits" -> {
                    if (v != null && windowBits(v) < 0) return null;
                    // accepted; our 15-bit inflater reads any client window, so we do not answer it
                }
                default -> {
                    return null;
                }
            }
        }
        return new Params(serverNct, clientNct, serverBits, 15);
    }

    /**
     * Client side: checks the server's answer against our offer ({@link #clientOffer}); returns the
     * parameters to use, or throws {@link WebSocketHandshakeException} if the server answered with
     * something we did not offer or cannot honour.
     */
    public static Params acceptClientResponse(String responseHeader, boolean offeredServerNoContextTakeover,
                                              boolean offeredClientNoContextTakeover) {
        List<Extension> exts;
        try {
            exts = parseExtensions(List.of(responseHeader));
        } catch (IllegalArgumentException e) {
            throw new WebSocketHandshakeException(0, "malformed Sec-WebSocket-Extensions: " + e.getMessage());
        }
        if (exts.size() != 1 || !exts.getFirst().name().equalsIgnoreCase(NAME)) {
            throw new WebSocketHandshakeException(0, "server accepted an extension we did not offer: " + responseHeader);
        }
        boolean serverNct = false;
        boolean clientNct = offeredClientNoContextTakeover;
        int serverBits = 15;
        for (Map.Entry<String, String> e : exts.getFirst().params().entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "server_no_context_takeover" -> {
                    if (v != null) throw bad(responseHeader);
                    serverNct = true;
                }
                case "client_no_context_takeover" -> {
                    if (v != null) throw bad(responseHeader);
                    clientNct = true;
                }
                case "server_max_window_bits" -> {
                    serverBits = windowBits(v);
                    if (serverBits < 0) throw bad(responseHeader);
                }
                case "client_max_window_bits" -> {
                    int bits = windowBits(v);
                    if (bits != 15) {
                        throw new WebSocketHandshakeException(0,
                                "server asks for client_max_window_bits=" + v + ", which java.util.zip cannot honour and we did not offer");
                    }
                }
                default -> throw bad(responseHeader);
            }
        }
        if (offeredServerNoContextTakeover && !serverNct) throw bad(responseHeader);
        return new Params(serverNct, clientNct, serverBits, 15);
    }

    private static WebSocketHandshakeException bad(String header) {
        return new WebSocketHandshakeException(0, "unacceptable permessage-deflate response: " + header);
    }

    private static int windowBits(String v) {
        if (v == null || v.length() < 1 || v.length() > 2) return -1;
        for (int i = 0; i < v.length(); i++) if (v.charAt(i) < '0' || v.charAt(i) > '9') return -1;
        if (v.length() > 1 && v.charAt(0) == '0') return -1;
        int bits = Integer.parseInt(v);
        return bits >= 8 && bits <= 15 ? bits : -1;
    }

    /**
     * Parses {@code Sec-WebSocket-Extensions} values: {@code ext *( ";" param [ "=" value ] )},
     * comma-separated, values tokens or quoted strings. Names are lower-cased; a repeated
     * parameter throws {@link IllegalArgumentException}.
     */
    public static List<Extension> parseExtensions(List<String> headerValues) {
        List<Extension> out = new ArrayList<>();
        for (String header : headerValues) {
            int[] pos = {0};
            String s = header;
            while (true) {
                skipWs(s, pos);
                if (pos[0] >= s.length()) break;
                if (s.charAt(pos[0]) == ',') {
                    pos[0]++;
                    continue;
                }
                String name = token(s, pos);
                Map<String, String> params = new LinkedHashMap<>();
                skipWs(s, pos);
                while (pos[0] < s.length() && s.charAt(pos[0]) == ';') {
                    pos[0]++;
                    skipWs(s, pos);
                    String pn = token(s, pos).toLowerCase(Locale.ROOT);
                    skipWs(s, pos);
                    String pv = null;
                    if (pos[0] < s.length() && s.charAt(pos[0]) == '=') {
                        pos[0]++;
                        skipWs(s, pos);
                        if (pos[0] < s.length() && s.charAt(pos[0]) == '"') {
                            int end = s.indexOf('"', pos[0] + 1);
                            if (end < 0) throw new IllegalArgumentException("unterminated quoted string");
                            pv = s.substring(pos[0] + 1, end);
                            pos[0] = end + 1;
                        } else {
                            pv = token(s, pos);
                        }
                        skipWs(s, pos);
                    }
                    if (params.containsKey(pn)) throw new IllegalArgumentException("repeated parameter " + pn);
                    params.put(pn, pv);
                }
                if (pos[0] < s.length() && s.charAt(pos[0]) != ',') throw new IllegalArgumentException("unexpected character");
                out.add(new Extension(name.toLowerCase(Locale.ROOT), params));
            }
        }
        return out;
    }

    private static void skipWs(String s, int[] pos) {
        while (pos[0] < s.length() && (s.charAt(pos[0]) == ' ' || s.charAt(pos[0]) == '\t')) pos[0]++;
    }

    private static String token(String s, int[] pos) {
        int start = pos[0];
        while (pos[0] < s.length() && isTchar(s.charAt(pos[0]))) pos[0]++;
        if (pos[0] == start) throw new IllegalArgumentException("expected a token");
        return s.substring(start, pos[0]);
    }

    private static boolean isTchar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
