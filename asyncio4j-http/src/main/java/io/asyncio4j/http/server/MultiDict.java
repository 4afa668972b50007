package io.asyncio4j.http.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ordered multimap of strings, case-sensitive: query parameters and form fields.
 *
 * <p>The analog of aiohttp's {@code MultiDictProxy} ({@code request.query}, {@code await request.post()}).
 *
 * <pre>{@code
 * MultiDict q = MultiDict.parseQuery("a=1&a=2&b=x");
 * q.get("a");        // "1"
 * q.getAll("a");     // ["1", "2"]
 * }</pre>
 */
public final class MultiDict {
    private final List<Map.Entry<String, String>> entries = new ArrayList<>();

    /** An empty dictionary. */
    public MultiDict() {}

    /** Parses {@code application/x-www-form-urlencoded} text (also a query string); {@code +} is a space. */
    public static MultiDict parseQuery(String s) {
        MultiDict d = new MultiDict();
        if (s == null || s.isEmpty()) return d;
        int i = 0;
        int n = s.length();
        while (i <= n) {
            int amp = s.indexOf('&', i);
            if (amp < 0) amp = n;
            if (amp > i) {
                String pair = s.substring(i, amp);
                int eq = pair.indexOf('=');
                String k = eq < 0 ? pair : pair.substring(0, eq);
                String v = eq < 0 ? "" : pair.substring(eq + 1);
                d.add(decode(k), decode(v));
            }
            i = amp + 1;
        }
        return d;
    }

    /** Lenient like yarl's and Python's parse_qsl: a bad escape stays, bytes that are not UTF-8 become U+FFFD. */
    private static String decode(String s) {
        return PercentDecoder.decode(s, PercentDecoder.Mode.QUERY);
    }

    /** Appends a value. */
    public MultiDict add(String name, String value) {
        entries.add(Map.entry(name, value));
        return this;
    }

    /** The first value of {@code name}, or null. */
    public String get(String name) {
        for (Map.Entry<String, String> e : entries) {
            if (e.getKey().equals(name)) return e.getValue();
        }
        return null;
    }

    /** The first value of {@code name}, or {@code def}. */
    public String get(String name, String def) {
        String v = get(name);
        return v == null ? def : v;
    }

    /** Every value of {@code name}, in order. */
    public List<String> getAll(String name) {
        List<String> out = new ArrayList<>(2);
        for (Map.Entry<String, String> e : entries) {
            if (e.getKey().equals(name)) out.add(e.getValue());
        }
        return out;
    }

    /** Whether {@code name} is present. */
    public boolean contains(String name) {
        return get(name) != null;
    }

    /** The distinct names, in first-seen order. */
    public Set<String> keys() {
        Set<String> s = new LinkedHashSet<>();
        for (Map.Entry<String, String> e : entries) s.add(e.getKey());
        return s;
    }

    /** All entries in order. */
    public List<Map.Entry<String, String>> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** Number of entries. */
    public int size() {
        return entries.size();
    }

    /** Whether there are no entries. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
