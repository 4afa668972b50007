package io.asyncio4j.http;

import java.nio.charset.Charset;
import java.util.Locale;

/**
 * Looks up the {@code charset} parameter of a {@code Content-Type} the way Python's
 * {@code codecs.lookup} (which aiohttp uses) would find it: besides Java's names and aliases, the
 * spellings Python accepts with other separators, such as {@code latin-1}, {@code utf_8} or
 * {@code UTF8}.
 */
public final class CharsetNames {
    private CharsetNames() {}

    /** The charset called {@code name}, or null if neither Java nor Python would know it. */
    public static Charset lookup(String name) {
        if (name == null || name.isBlank()) return null;
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (String candidate : new String[] {n, n.replace('_', '-'), n.replace("-", "").replace("_", "")}) {
            try {
                return Charset.forName(candidate);
            } catch (IllegalArgumentException unknownOrIllegal) {
                // try the next spelling
            }
        }
        return null;
    }
}
