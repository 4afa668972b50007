package io.asyncio4j.postgres;

import java.nio.ByteBuffer;

/**
 * Where {@link PgConnection#copyFromQuery(String, CopySink, CopyFormat)} writes the data it
 * receives: an asynchronous byte sink, called in the copying task (it may await, e.g.
 * {@code writer.write(..); writer.drain()}). In text and CSV formats each call gets one row.
 *
 * <pre>{@code
 * List<String> lines = new ArrayList<>();
 * conn.copyFromQuery("select * from t", chunk -> lines.add(StandardCharsets.UTF_8.decode(chunk).toString()),
 *         CopyFormat.CSV);
 * }</pre>
 */
@FunctionalInterface
public interface CopySink {
    /** Consumes a chunk; the buffer is not valid after the call. */
    void write(ByteBuffer data) throws Exception;
}
