package io.asyncio4j.postgres;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error reported by the server (an ErrorResponse), carrying every field the server sent:
 * severity, SQLSTATE, message, detail, hint, position, where, schema, table, column, data type,
 * constraint, source file/line/routine. asyncpg: {@code asyncpg.exceptions.PostgresError}.
 *
 * <p>Each error is an instance of the most specific class known for its SQLSTATE: a class per
 * condition that programs commonly handle ({@link UniqueViolation}, {@link ForeignKeyViolation},
 * {@link SerializationFailure}, {@link DeadlockDetected}, {@link QueryCanceled}, ...), else the class of
 * its SQLSTATE class (the first two characters: {@link IntegrityConstraintViolation} for 23xxx,
 * {@link TransactionRollback} for 40xxx, {@link SyntaxErrorOrAccessRuleViolation} for 42xxx, ...), else
 * {@code PostgresError} itself. {@link #create} does the mapping.
 *
 * <pre>{@code
 * try {
 *     conn.execute("insert into users(email) values ($1)", email);
 * } catch (UniqueViolation e) {
 *     System.out.println("taken, constraint " + e.constraintName() + ": " + e.detail());
 * }
 * }</pre>
 */
public class PostgresError extends PgException {
    private static final long serialVersionUID = 1L;

    private final Map<Character, String> fields;

    /** An error with the given ErrorResponse fields, keyed by their protocol field type. */
    public PostgresError(Map<Character, String> fields) {
        super(format(fields));
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    private static String format(Map<Character, String> f) {
        StringBuilder sb = new StringBuilder();
        sb.append(f.getOrDefault('S', "ERROR")).append(": ").append(f.getOrDefault('M', "(no message)"));
        if (f.containsKey('C')) {
            sb.append(" [SQLSTATE ").append(f.get('C')).append(']');
        }
        if (f.containsKey('D')) {
            sb.append("\n  DETAIL: ").append(f.get('D'));
        }
        if (f.containsKey('H')) {
            sb.append("\n  HINT: ").append(f.get('H'));
        }
        return sb.toString();
    }

    /** Creates the exception of the most specific class for the SQLSTATE in {@code fields}. */
    public static PostgresError create(Map<Character, String> fields) {
        return SqlStates.create(fields);
    }

    /** All fields as sent, keyed by the protocol's one-letter field types ('S', 'C', 'M', ...). */
    public Map<Character, String> fields() {
        return fields;
    }

    /** Localized severity: ERROR, FATAL, PANIC (or WARNING, NOTICE, ... in a notice). */
    public String severity() {
        return fields.get('S');
    }

    /** Severity, never localized (field V, PostgreSQL 9.6+). */
    public String severityNonLocalized() {
        return fields.get('V');
    }

    /** The five-character SQLSTATE code, e.g. {@code 23505}. asyncpg: {@code sqlstate}. */
    public String sqlState() {
        return fields.get('C');
    }

    /** The primary human-readable message. */
    public String messageText() {
        return fields.get('M');
    }

    public String detail() {
        return fields.get('D');
    }

    public String hint() {
        return fields.get('H');
    }

    /** 1-based character position of the error in the query text, or null. */
    public Integer position() {
        return intField('P');
    }

    public Integer internalPosition() {
        return intField('p');
    }

    public String internalQuery() {
        return fields.get('q');
    }

    /** The call-stack context ("PL/pgSQL function f() line 3 at RAISE"). */
    public String where() {
        return fields.get('W');
    }

    public String schemaName() {
        return fields.get('s');
    }

    public String tableName() {
        return fields.get('t');
    }

    public String columnName() {
        return fields.get('c');
    }

    public String dataTypeName() {
        return fields.get('d');
    }

    public String constraintName() {
        return fields.get('n');
    }

    public String serverSourceFile() {
        return fields.get('F');
    }

    public String serverSourceLine() {
        return fields.get('L');
    }

    public String serverSourceFunction() {
        return fields.get('R');
    }

    private Integer intField(char c) {
        String v = fields.get(c);
        return v == null ? null : Integer.valueOf(v);
    }

    /** Reads ErrorResponse/NoticeResponse fields from a message body. */
    static Map<Character, String> readFields(java.nio.ByteBuffer body) {
        Map<Character, String> f = new LinkedHashMap<>();
        while (body.hasRemaining()) {
            byte t = body.get();
            if (t == 0) {
                break;
            }
            f.put((char) t, MessageDecoder.cstring(body));
        }
        return f;
    }
}
