package io.asyncio4j.postgres;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One result row: values by 0-based index or by column name, already decoded to Java objects
 * (see {@link PgCodec} and the codec table in the module docs). asyncpg: {@code asyncpg.Record}
 * ({@code r[0]}, {@code r['name']}). Immutable; rows of one result share their column metadata.
 * If two columns have the same name, {@link #get(String)} returns the first.
 *
 * <pre>{@code
 * for (Record r : conn.fetch("select id, name from users where age > $1", 30)) {
 *     long id = r.getLong("id");
 *     String name = r.getString(1);
 * }
 * }</pre>
 */
public final class Record {
    private final RowShape shape;
    private final Object[] values;

    Record(RowShape shape, Object[] values) {
        this.shape = shape;
        this.values = values;
    }

    /** The value of column {@code index} (0-based), or null for SQL NULL. */
    public Object get(int index) {
        return values[index];
    }

    /** The value of the column named {@code name}. */
    public Object get(String name) {
        return values[shape.indexOf(name)];
    }

    /** The value of column {@code index}, cast to {@code type}. */
    public <T> T get(int index, Class<T> type) {
        return type.cast(values[index]);
    }

    /** The value of column {@code name}, cast to {@code type}. */
    public <T> T get(String name, Class<T> type) {
        return type.cast(get(name));
    }

    public String getString(int index) {
        Object v = values[index];
        return v == null ? null : v.toString();
    }

    public String getString(String name) {
        return getString(shape.indexOf(name));
    }

    /** The value as a Long (any integral column); null for NULL. */
    public Long getLong(int index) {
        Object v = values[index];
        return v == null ? null : ((Number) v).longValue();
    }

    public Long getLong(String name) {
        return getLong(shape.indexOf(name));
    }

    /** The value as an Integer (any integral column); null for NULL. */
    public Integer getInt(int index) {
        Object v = values[index];
        return v == null ? null : ((Number) v).intValue();
    }

    public Integer getInt(String name) {
        return getInt(shape.indexOf(name));
    }

    /** The number of columns. */
    public int size() {
        return values.length;
    }

    /** Column names in order. asyncpg: {@code Record.keys()}. */
    public List<String> keys() {
        return shape.names();
    }

    /** Values in order. asyncpg: {@code Record.values()}. */
    public List<Object> values() {
        return Arrays.asList(values.clone());
    }

    /** Whether a column named {@code name} exists. */
    public boolean has(String name) {
        return shape.find(name) >= 0;
    }

    /** The columns as an ordered map (later duplicates overwrite earlier ones). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(shape.names().get(i), values[i]);
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Record r && Arrays.equals(values, r.values) && shape.names().equals(r.shape.names());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<Record");
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            sb.append(' ').append(shape.names().get(i)).append('=')
                    .append(v instanceof byte[] b ? "bytes[" + b.length + "]" : v instanceof String s ? "'" + s + "'" : v);
        }
        return sb.append('>').toString();
    }
}
