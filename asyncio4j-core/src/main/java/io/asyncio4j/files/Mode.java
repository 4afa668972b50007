package io.asyncio4j.files;

import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * A parsed Python file mode ("r", "rb", "w+", "ab", "x", ...); a bad one is refused with the
 * message of CPython's {@code open()} (its {@code ValueError}), e.g. "invalid mode: 'rU'".
 */
record Mode(String text, char kind, boolean plus, boolean binary) {

    static Mode parse(String mode) {
        char kind = 0;
        boolean plus = false;
        boolean binary = false;
        boolean textFlag = false;
        Set<Character> seen = new HashSet<>();
        for (char c : mode.toCharArray()) {
            if (!seen.add(c)) {
                throw new IllegalArgumentException("invalid mode: '" + mode + "'");
            }
            switch (c) {
                case 'r', 'w', 'a', 'x' -> {
                    if (kind != 0) {
                        throw new IllegalArgumentException("must have exactly one of create/read/write/append mode");
                    }
                    kind = c;
                }
                case '+' -> plus = true;
                case 'b' -> binary = true;
                case 't' -> textFlag = true;
                default -> throw new IllegalArgumentException("invalid mode: '" + mode + "'");
            }
        }
        if (binary && textFlag) {
            throw new IllegalArgumentException("can't have text and binary mode at once");
        }
        if (kind == 0) {
            throw new IllegalArgumentException(
                    "Must have exactly one of create/read/write/append mode and at most one plus");
        }
        return new Mode(mode, kind, plus, binary);
    }

    /**
     * The mode a binary file reports, normalized as CPython's {@code FileIO.mode}: "w+b" and
     * "r+b" are "rb+", "a+b" is "ab+", "x+b" is "xb+", "br" is "rb". Text files report the mode
     * string as given, as {@code TextIOWrapper.mode} does.
     */
    String binaryName() {
        return switch (kind) {
            case 'x', 'a' -> kind + (plus ? "b+" : "b");
            default -> readable() ? (writable() ? "rb+" : "rb") : "wb";
        };
    }

    boolean readable() {
        return kind == 'r' || plus;
    }

    boolean writable() {
        return kind != 'r' || plus;
    }

    boolean append() {
        return kind == 'a';
    }

    /** Whether the OS does the appending (O_APPEND): "a"/"ab"; "a+" emulates it, as Java forbids READ+APPEND. */
    boolean osAppend() {
        return kind == 'a' && !plus;
    }

    Set<OpenOption> options() {
        Set<OpenOption> o = new HashSet<>();
        if (readable()) {
            o.add(StandardOpenOption.READ);
        }
        if (writable()) {
            o.add(StandardOpenOption.WRITE);
        }
        switch (kind) {
            case 'w' -> {
                o.add(StandardOpenOption.CREATE);
                o.add(StandardOpenOption.TRUNCATE_EXISTING);
            }
            case 'x' -> o.add(StandardOpenOption.CREATE_NEW);
            case 'a' -> {
                o.add(StandardOpenOption.CREATE);
                if (osAppend()) {
                    o.add(StandardOpenOption.APPEND);
                }
            }
            default -> {
            }
        }
        return o;
    }
}
