package io.asyncio4j.postgres;

import java.util.List;

/**
 * A value of a composite (row) type: a user-defined {@code CREATE TYPE ... AS (...)}, a table's
 * row type, or an anonymous {@code ROW(...)} ({@code record}). Fields are decoded by the type OID
 * each field carries. asyncpg decodes composites to {@code asyncpg.Record}.
 *
 * <pre>{@code
 * conn.execute("create type point3 as (x int, y int, z int)");
 * PgComposite p = (PgComposite) conn.fetchVal("select row(1,2,3)::point3");
 * int y = (Integer) p.get("y");
 * conn.execute("insert into shapes(p) values ($1)", List.of(1, 2, 3)); // a list encodes as the fields
 * }</pre>
 *
 * @param typeName   the type's name, or {@code record} for anonymous rows
 * @param fieldNames field names ({@code f1, f2, ...} for anonymous rows)
 * @param values     field values, in order
 */
public record PgComposite(String typeName, List<String> fieldNames, List<Object> values) {
    /** The value of field {@code i} (0-based). */
    public Object get(int i) {
        return values.get(i);
    }

    /** The value of the field named {@code name}. */
    public Object get(String name) {
        int i = fieldNames.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no field " + name + " in " + typeName);
        }
        return values.get(i);
    }
}
