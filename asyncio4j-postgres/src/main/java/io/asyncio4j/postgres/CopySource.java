package io.asyncio4j.postgres;

import java.nio.ByteBuffer;

/**
 * Where {@link PgConnection#copyToTable(String, CopySource, java.util.List, CopyFormat)} reads the
 * data it sends: an asynchronous byte source, called in the copying task (it may await, e.g. read
 * a {@link io.asyncio4j.stream.StreamReader}).
 *
 * <pre>{@code
 * StreamReader r = ...;
 * conn.copyToTable("t", () -> { byte[] b = r.read(65536); return b.length == 0 ? null : ByteBuffer.wrap(b); },
 *         List.of(), CopyFormat.CSV);
 * }</pre>
 */
@FunctionalInterface
public interface CopySource {
    /** The next chunk of data (any size, not kept after the call), or null at the end. */
    ByteBuffer read() throws Exception;
}
