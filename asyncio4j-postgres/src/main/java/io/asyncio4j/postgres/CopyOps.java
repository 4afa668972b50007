package io.asyncio4j.postgres;

import io.asyncio4j.Future;
import io.asyncio4j.loop.EventLoop;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;

/**
 * COPY in and out on one connection (the work behind {@link PgConnection}'s {@code copy*}
 * methods). COPY runs as a simple query. Data going in is framed into CopyData messages of about
 * 64 KiB written straight to the transport, pausing when its write buffer is full (while it
 * streams, other tasks' queries wait in the connection's buffer: the server accepts nothing else
 * in copy-in mode). Data coming out is queued by the protocol and handed to the sink in the task;
 * the socket stops being read while more than 1 MiB waits.
 */
final class CopyOps {
    static final int CHUNK = 64 * 1024;
    private static final byte[] BINARY_HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
            0, 0, 0, 0, 0, 0, 0, 0};

    /** Appends COPY payload bytes to {@code w}; returns false at the end of the data. */
    interface Producer {
        boolean fill(PgWriter w) throws Exception;
    }

    private CopyOps() {
    }

    /** {@code "schema"."table"(col, ...)} from {@code schema.table} and column names. */
    static String target(String table, List<String> columns) {
        StringBuilder sb = new StringBuilder(qualified(table));
        if (columns != null && !columns.isEmpty()) {
            sb.append('(');
            for (int i = 0; i < columns.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(PgConnection.quoteIdent(columns.get(i)));
            }
            sb.append(')');
        }
        return sb.toString();
    }

    static String qualified(String table) {
        StringBuilder sb = new StringBuilder();
        for (String part : table.split("\\.", 2)) {
            sb.append(sb.isEmpty() ? "" : ".").append(PgConnection.quoteIdent(part));
        }
        return sb.toString();
    }

    static String formatClause(CopyFormat format) {
        return " (FORMAT " + format.sql + ")";
    }

    static long count(String tag) {
        if (tag == null) {
            return 0;
        }
        try {
            return Long.parseLong(tag.substring(tag.lastIndexOf(' ') + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    // ------------------------------------------------------------------ in

    static long copyIn(PgConnection conn, EventLoop loop, String copySql, Producer producer) throws Exception {
        Protocol p = conn.protocol;
        if (p.isClosed()) {
            throw new PgConnectionError("the connection is closed", p.closedError());
        }
        Frontend.query(p.out, copySql);
        Protocol.CopyInExchange ex = new Protocol.CopyInExchange(loop);
        p.submit(ex);
        p.flush(); // the COPY query goes out now, before any other task's message
        p.holdOutput(true);
        PgWriter w = new PgWriter(CHUNK + 8192);
        try {
            conn.await(ex.ready);
            boolean more = true;
            while (more && !ex.future.isDone()) {
                w.reset();
                w.putByte('d');
                int lenAt = w.reserveInt();
                more = producer.fill(w);
                if (w.position() > 5) {
                    w.putIntAt(lenAt, w.position() - 1);
                    p.writeDirect(w.view());
                    p.drain();
                }
                io.asyncio4j.Asyncio.sleep(0); // let the loop's other tasks run (and a cancellation land)
            }
            w.reset();
            Frontend.copyDone(w);
            p.writeDirect(w.view());
        } catch (Exception | Error e) {
            // the server ignores CopyFail when it is not in copy-in mode (e.g. the COPY itself failed)
            w.reset();
            Frontend.copyFail(w, "COPY aborted by the client: " + e);
            p.writeDirect(w.view());
            swallow(ex.future);
            throw e;
        } finally {
            p.holdOutput(false);
        }
        return count(conn.await(ex.future));
    }

    private static void swallow(Future<?> f) {
        f.addDoneCallback(done -> {
            if (!done.cancelled()) {
                done.exception(); // retrieved: the caller gets the original error
            }
        });
    }

    /** Binary COPY rows from records, encoded with the codecs of the table's columns. */
    static Producer records(Iterable<Object[]> records, PgCodec[] codecs, String[] names) {
        Iterator<Object[]> it = records.iterator();
        return new Producer() {
            boolean headerSent;

            @Override
            public boolean fill(PgWriter w) {
                if (!headerSent) {
                    headerSent = true;
                    w.putBytes(BINARY_HEADER);
                }
                while (it.hasNext()) {
                    Object[] row = it.next();
                    if (row.length != codecs.length) {
                        throw new PgInterfaceError("a record has " + row.length + " values, the COPY expects "
                                + codecs.length);
                    }
                    w.putShort(codecs.length);
                    for (int i = 0; i < codecs.length; i++) {
                        Object v = row[i];
                        if (v == null) {
                            w.putInt(-1);
                            continue;
                        }
                        int at = w.reserveInt();
                        try {
                            codecs[i].encode(v, w);
                        } catch (RuntimeException e) {
                            throw new PgInterfaceError("column " + names[i] + ": cannot encode " + v + ": " + e, e);
                        }
                        w.putIntAt(at, w.position() - at - 4);
                    }
                    if (w.position() >= CHUNK) {
                        return true;
                    }
                }
                w.putShort(-1); // trailer
                return false;
            }
        };
    }

    static Producer stream(InputStream in) {
        byte[] buf = new byte[CHUNK];
        return w -> {
            int n = in.read(buf);
            if (n < 0) {
                return false;
            }
            w.putBytes(buf, 0, n);
            return true;
        };
    }

    static Producer source(CopySource src) {
        return w -> {
            ByteBuffer b = src.read();
            if (b == null) {
                return false;
            }
            w.putBytes(b.duplicate());
            return true;
        };
    }

    // ------------------------------------------------------------------ out

    static long copyOut(PgConnection conn, EventLoop loop, String copySql, CopySink sink) throws Exception {
        Protocol p = conn.protocol;
        if (p.isClosed()) {
            throw new PgConnectionError("the connection is closed", p.closedError());
        }
        Frontend.query(p.out, copySql);
        Protocol.CopyOutExchange ex = new Protocol.CopyOutExchange(loop);
        p.submit(ex);
        try {
            byte[] b;
            while ((b = ex.next(p)) != null) {
                sink.write(ByteBuffer.wrap(b));
            }
        } catch (Exception | Error e) {
            ex.discard(p);
            swallow(ex.future);
            throw e;
        }
        return count(conn.await(ex.future));
    }

    static CopySink sink(OutputStream out) {
        return b -> out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
    }
}
