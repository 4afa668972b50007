package io.asyncio4j.files;

/**
 * Python's {@code newline} argument of {@code open()} for text files, and what it means for
 * reading (which sequences end a line, whether they are translated to {@code "\n"}) and writing
 * (what a written {@code "\n"} becomes; POSIX's {@code os.linesep} is {@code "\n"}, so only
 * {@code "\r"} and {@code "\r\n"} change it).
 */
enum Newline {
    /** {@code newline=None}: universal newlines, each read as {@code "\n"}. */
    TRANSLATED(null),
    /** {@code newline=''}: universal newlines, returned as they are. */
    UNIVERSAL(""),
    LF("\n"),
    CR("\r"),
    CRLF("\r\n");

    private final String value;

    Newline(String value) {
        this.value = value;
    }

    /** The mode for Python's argument: null, "", "\n", "\r" or "\r\n"; anything else is CPython's ValueError. */
    static Newline of(String newline) {
        for (Newline n : values()) {
            if (java.util.Objects.equals(n.value, newline)) {
                return n;
            }
        }
        throw new IllegalArgumentException("illegal newline value: " + newline);
    }

    /** Whether reading turns {@code "\r\n"} and {@code "\r"} into {@code "\n"}. */
    boolean translates() {
        return this == TRANSLATED;
    }

    /**
     * Whether {@code line}, as read so far, ends a line; {@code nextIsLf} tells whether the next
     * character is {@code '\n'} (a {@code '\r'} followed by one is not yet a universal line end).
     */
    boolean endsLine(CharSequence line, boolean nextIsLf) {
        int n = line.length();
        char last = line.charAt(n - 1);
        return switch (this) {
            case TRANSLATED, LF -> last == '\n';
            case UNIVERSAL -> last == '\n' || last == '\r' && !nextIsLf;
            case CR -> last == '\r';
            case CRLF -> last == '\n' && n >= 2 && line.charAt(n - 2) == '\r';
        };
    }

    /** {@code s} as written: each {@code "\n"} replaced by the newline for "\r" and "\r\n". */
    String forWrite(String s) {
        return this == CR || this == CRLF ? s.replace("\n", value) : s;
    }
}
