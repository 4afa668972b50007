package io.asyncio4j.http.websocket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Records decoder output as strings. */
final class Messages implements WebSocketListener {
    final List<String> events = new ArrayList<>();
    final List<byte[]> binaries = new ArrayList<>();

    @Override
    public void onText(String text) {
        events.add("text " + text);
    }

    @Override
    public void onBinary(byte[] data) {
        binaries.add(data);
        events.add("binary " + data.length);
    }

    @Override
    public void onPing(byte[] payload) {
        events.add("ping " + new String(payload, StandardCharsets.UTF_8));
    }

    @Override
    public void onPong(byte[] payload) {
        events.add("pong " + new String(payload, StandardCharsets.UTF_8));
    }

    @Override
    public void onClose(int code, String reason) {
        events.add("close " + code + " " + reason);
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static String hex(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return HexFormat.ofDelimiter(" ").formatHex(a);
    }

    /** Decodes whole, returning events plus "error CODE". */
    static List<String> decode(WebSocketRole role, byte[] in, boolean oneByte, long max, PerMessageDeflate deflate) {
        Messages m = new Messages();
        WebSocketDecoder d = new WebSocketDecoder(role, m, max, deflate);
        try {
            if (oneByte) {
                for (byte b : in) d.feed(ByteBuffer.wrap(new byte[] {b}));
            } else {
                d.feed(ByteBuffer.wrap(in));
            }
        } catch (WebSocketProtocolException e) {
            m.events.add("error " + e.closeCode());
        }
        return m.events;
    }

    static List<String> decode(WebSocketRole role, byte[] in) {
        List<String> whole = decode(role, in, false, 1 << 20, null);
        List<String> bytes = decode(role, in, true, 1 << 20, null);
        if (!whole.equals(bytes)) throw new AssertionError("split-dependent: " + whole + " vs " + bytes);
        return whole;
    }
}
