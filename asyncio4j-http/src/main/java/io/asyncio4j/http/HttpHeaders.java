package io.asyncio4j.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * An ordered, case-insensitive multimap of HTTP header fields that keeps each name's original
 * spelling.
 *
 * <p>The analog of aiohttp's {@code CIMultiDict} / {@code CIMultiDictProxy} (from {@code
 * multidict}). Lookups ignore ASCII case; iteration returns fields in insertion (wire) order with
 * their names exactly as received or added. Names and values are stored as Strings decoded from
 * ISO-8859-1, so every received octet round-trips. Not thread-safe; a parsed message's headers are
 * owned by whoever received them.
 *
 * <pre>{@code
 * HttpHeaders h = new HttpHeaders().add("Set-Cookie", "a=1").add("set-cookie", "b=2");
 * h.get("SET-COOKIE");        // "a=1"
 * h.getAll("Set-Cookie");     // ["a=1", "b=2"]
 * h.set("Content-Type", "text/plain");
 * }</pre>
 */
public final class HttpHeaders implements Iterable<Map.Entry<String, String>> {
    private String[] names;
    private String[] values;
    private int size;

    /** An empty header map. */
    public HttpHeaders() {
        this(8);
    }

    /** An empty header map with room for {@code capacity} fields. */
    public HttpHeaders(int capacity) {
        names = new String[Math.max(1, capacity)];
        values = new String[names.length];
    }

    /** A copy of {@code other}. */
    public HttpHeaders(HttpHeaders other) {
        names = Arrays.copyOf(other.names, Math.max(1, other.size));
        values = Arrays.copyOf(other.values, names.length);
        size = other.size;
    }

    /** Number of fields (a name that occurs twice counts twice). */
    public int size() {
        return size;
    }

    /** True when there are no fields. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** The name of field {@code i}, as received or added. */
    public String name(int i) {
        checkIndex(i);
        return names[i];
    }

    /** The value of field {@code i}. */
    public String value(int i) {
        checkIndex(i);
        return values[i];
    }

    /** Appends a field, keeping any existing fields of that name. Returns this. */
    public HttpHeaders add(String name, String value) {
        if (name == null || value == null) throw new NullPointerException("header name and value must not be null");
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size] = value;
        size++;
        return this;
    }

    /** Replaces all fields named {@code name} by one field (at the position of the first). Returns this. */
    public HttpHeaders set(String name, String value) {
        int first = indexOf(name, 0);
        if (first < 0) return add(name, value);
        if (value == null) throw new NullPointerException("header value must not be null");
        names[first] = name;
        values[first] = value;
        removeFrom(name, first + 1);
        return this;
    }

    /** Removes every field named {@code name}; returns how many were removed. */
    public int remove(String name) {
        return removeFrom(name, 0);
    }

    private int removeFrom(String name, int from) {
        int w = from;
        for (int r = from; r < size; r++) {
            if (!names[r].equalsIgnoreCase(name)) {
                names[w] = names[r];
                values[w] = values[r];
                w++;
            }
        }
        int removed = size - w;
        Arrays.fill(names, w, size, null);
        Arrays.fill(values, w, size, null);
        size = w;
        return removed;
    }

    /** The first value of {@code name}, or null. */
    public String get(String name) {
        int i = indexOf(name, 0);
        return i < 0 ? null : values[i];
    }

    /** The first value of {@code name}, if any. */
    public Optional<String> first(String name) {
        return Optional.ofNullable(get(name));
    }

    /** Every value of {@code name}, in order (empty if none). */
    public List<String> getAll(String name) {
        List<String> out = new ArrayList<>(2);
        for (int i = 0; i < size; i++) if (names[i].equalsIgnoreCase(name)) out.add(values[i]);
        return out;
    }

    /** True if at least one field is named {@code name}. */
    public boolean contains(String name) {
        return indexOf(name, 0) >= 0;
    }

    /** Number of fields named {@code name}. */
    public int count(String name) {
        int n = 0;
        for (int i = 0; i < size; i++) if (names[i].equalsIgnoreCase(name)) n++;
        return n;
    }

    /**
     * True if a comma-separated list header (such as {@code Connection}) named {@code name} contains
     * {@code token}, compared ignoring ASCII case and surrounding whitespace.
     */
    public boolean containsToken(String name, String token) {
        for (int i = 0; i < size; i++) {
            if (!names[i].equalsIgnoreCase(name)) continue;
            String v = values[i];
            int start = 0;
            while (start <= v.length()) {
                int comma = v.indexOf(',', start);
                int end = comma < 0 ? v.length() : comma;
                if (v.substring(start, end).strip().equalsIgnoreCase(token)) return true;
                if (comma < 0) break;
                start = comma + 1;
            }
        }
        return false;
    }

    /** Calls {@code action} with each (name, value) in order. */
    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < size; i++) action.accept(names[i], values[i]);
    }

    /** Removes every field. */
    public void clear() {
        Arrays.fill(names, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
    }

    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        return new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < size;
            }

            @Override
            public Map.Entry<String, String> next() {
                if (i >= size) throw new NoSuchElementException();
                Map.Entry<String, String> e = Map.entry(names[i], values[i]);
                i++;
                return e;
            }
        };
    }

    private int indexOf(String name, int from) {
        for (int i = from; i < size; i++) if (names[i].equalsIgnoreCase(name)) return i;
        return -1;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException(i);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HttpHeaders h) || h.size != size) return false;
        for (int i = 0; i < size; i++) {
            if (!names[i].equals(h.names[i]) || !values[i].equals(h.values[i])) return false;
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hc = size;
        for (int i = 0; i < size; i++) hc = 31 * hc + names[i].hashCode() * 7 + values[i].hashCode();
        return hc;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("HttpHeaders{");
        for (int i = 0; i < size; i++) {
            if (i > 0) sb.append(", ");
            sb.append(names[i]).append(": ").append(values[i]);
        }
        return sb.append('}').toString();
    }
}
