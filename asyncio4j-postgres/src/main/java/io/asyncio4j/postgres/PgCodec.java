package io.asyncio4j.postgres;

import java.nio.ByteBuffer;

/**
 * A binary-format codec for one PostgreSQL type, registered by type OID. asyncpg:
 * {@code Connection.set_type_codec(..., format='binary')}.
 *
 * <p>{@link #decode} gets a buffer whose remaining bytes are exactly one non-NULL value (NULLs
 * never reach a codec); it runs on the event loop thread while the row is parsed, so it must be
 * quick and must not keep the buffer. {@link #encode} appends one non-NULL value's bytes (without
 * the length prefix) to {@code out}, and throws {@link PgInterfaceError} or
 * {@link IllegalArgumentException} for a value it cannot take.
 *
 * <pre>{@code
 * // PostgreSQL's point type as double[2]
 * int pointOid = 600;
 * conn.setTypeCodec(pointOid, new PgCodec() {
 *     public Object decode(ByteBuffer in) { return new double[] {in.getDouble(), in.getDouble()}; }
 *     public void encode(Object v, PgWriter out) { double[] p = (double[]) v; out.putDouble(p[0]).putDouble(p[1]); }
 * });
 * double[] p = (double[]) conn.fetchVal("select point(1, 2)");
 * }</pre>
 */
public interface PgCodec {
    /** Decodes one value from all remaining bytes of {@code in}. */
    Object decode(ByteBuffer in);

    /** Appends the binary representation of {@code value} (never null) to {@code out}. */
    void encode(Object value, PgWriter out);
}
