package io.asyncio4j.http.parser;

import java.nio.charset.StandardCharsets;

/** Reuses the String of common header names when the bytes match exactly (no allocation). */
final class HeaderNames {
    private HeaderNames() {}

    private static final String[] COMMON = {
        "Host", "Connection", "Content-Length", "Content-Type", "Transfer-Encoding", "Accept", "User-Agent",
        "Accept-Encoding", "Accept-Language", "Cookie", "Set-Cookie", "Date", "Server", "Upgrade",
        "Cache-Control", "Content-Encoding", "Location", "Referer", "Origin", "Authorization",
        "Sec-WebSocket-Key", "Sec-WebSocket-Version", "Sec-WebSocket-Accept", "Sec-WebSocket-Extensions",
        "Sec-WebSocket-Protocol", "Keep-Alive", "Expect", "ETag", "Last-Modified", "If-None-Match",
        "If-Modified-Since", "Range", "Vary", "host", "connection", "content-length", "content-type",
        "transfer-encoding", "accept", "user-agent", "accept-encoding", "date", "server", "upgrade",
    };

    static String name(byte[] l, int len) {
        outer:
        for (String s : COMMON) {
            if (s.length() != len) continue;
            for (int i = 0; i < len; i++) if (l[i] != s.charAt(i)) continue outer;
            return s;
        }
        return new String(l, 0, len, StandardCharsets.ISO_8859_1);
    }
}
