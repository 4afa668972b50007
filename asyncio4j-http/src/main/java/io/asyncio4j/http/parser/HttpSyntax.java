package io.asyncio4j.http.parser;

/** Octet classes of RFC 9110 §5.6 (token, field value, request target). Package-private. */
final class HttpSyntax {
    private HttpSyntax() {}

    static final boolean[] TCHAR = new boolean[256];
    static final boolean[] FIELD_CHAR = new boolean[256];
    static final boolean[] TARGET_CHAR = new boolean[256];
    static final byte[] HEX = new byte[256];

    static {
        for (int c = '0'; c <= '9'; c++) TCHAR[c] = true;
        for (int c = 'a'; c <= 'z'; c++) TCHAR[c] = true;
        for (int c = 'A'; c <= 'Z'; c++) TCHAR[c] = true;
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) TCHAR[c] = true;
        FIELD_CHAR['\t'] = true;
        for (int c = 0x20; c <= 0x7e; c++) FIELD_CHAR[c] = true;
        for (int c = 0x80; c <= 0xff; c++) FIELD_CHAR[c] = true;
        for (int c = 0x21; c <= 0x7e; c++) TARGET_CHAR[c] = true;
        java.util.Arrays.fill(HEX, (byte) -1);
        for (int c = '0'; c <= '9'; c++) HEX[c] = (byte) (c - '0');
        for (int c = 'a'; c <= 'f'; c++) HEX[c] = (byte) (c - 'a' + 10);
        for (int c = 'A'; c <= 'F'; c++) HEX[c] = (byte) (c - 'A' + 10);
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xff || !TCHAR[c]) return false;
        }
        return true;
    }

    static boolean isFieldValue(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xff || !FIELD_CHAR[c]) return false;
        }
        return true;
    }
}
