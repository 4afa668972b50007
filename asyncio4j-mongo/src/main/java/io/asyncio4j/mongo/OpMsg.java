package io.asyncio4j.mongo;

import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The OP_MSG wire format (opCode 2013): a 16-byte header ({@code messageLength}, {@code requestID},
 * {@code responseTo}, {@code opCode}), {@code flagBits}, one kind-0 section (the command body) and
 * any number of kind-1 sections (document sequences: {@code documents} of an insert, {@code updates}
 * of an update, {@code deletes} of a delete). BSON is written by {@code org.bson}'s
 * {@link BsonBinaryWriter}; documents of a sequence are copied as raw bytes.
 */
final class OpMsg {
    static final int OP_MSG = 2013;
    static final int OP_REPLY = 1;
    static final int FLAG_CHECKSUM_PRESENT = 1;
    static final int FLAG_MORE_TO_COME = 1 << 1;
    static final int FLAG_EXHAUST_ALLOWED = 1 << 16;
    static final int HEADER = 16;

    /** A kind-1 section: {@code identifier} names the command field the documents belong to. */
    record Sequence(String identifier, List<RawBsonDocument> documents) {
    }

    /** A decoded message: header fields, flags, the body and the document sequences. */
    record Message(int requestId, int responseTo, int flags, RawBsonDocument body, List<Sequence> sequences) {
        /** The body with the sequences folded in as arrays (what the server sees as the command). */
        BsonDocument command() {
            if (sequences.isEmpty()) {
                return body;
            }
            BsonDocument cmd = new BsonDocument();
            cmd.putAll(body);
            for (Sequence s : sequences) {
                cmd.put(s.identifier(), new org.bson.BsonArray(new ArrayList<>(s.documents())));
            }
            return cmd;
        }
    }

    private OpMsg() {
    }

    /** Encodes a message; {@code body} must already carry {@code $db}. */
    static ByteBuffer encode(int requestId, int responseTo, int flags, BsonDocument body, List<Sequence> sequences) {
        BasicOutputBuffer out = new BasicOutputBuffer(256);
        out.writeInt32(0); // length, patched below
        out.writeInt32(requestId);
        out.writeInt32(responseTo);
        out.writeInt32(OP_MSG);
        out.writeInt32(flags);
        out.writeByte(0);
        if (body instanceof RawBsonDocument raw) {
            ByteBuffer b = raw.getByteBuffer().asNIO();
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            out.writeBytes(bytes);
        } else {
            try (BsonBinaryWriter w = new BsonBinaryWriter(out)) {
                new BsonDocumentCodec().encode(w, body, EncoderContext.builder().build());
            }
        }
        for (Sequence s : sequences) {
            out.writeByte(1);
            int start = out.getPosition();
            out.writeInt32(0);
            out.writeCString(s.identifier());
            for (RawBsonDocument d : s.documents()) {
                ByteBuffer b = d.getByteBuffer().asNIO();
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                out.writeBytes(bytes);
            }
            out.writeInt32(start, out.getPosition() - start);
        }
        out.writeInt32(0, out.getPosition());
        return ByteBuffer.wrap(out.toByteArray());
    }

    /**
     * Decodes one whole message held in {@code frame} (position at its first byte, limit at its
     * end). OP_REPLY (legacy) replies are decoded too: their first document becomes the body.
     */
    static Message decode(ByteBuffer frame) {
        ByteBuffer b = frame.slice().order(ByteOrder.LITTLE_ENDIAN);
        int length = b.getInt();
        int requestId = b.getInt();
        int responseTo = b.getInt();
        int opCode = b.getInt();
        if (opCode == OP_REPLY) {
            b.getInt(); // responseFlags
            b.getLong(); // cursorID
            b.getInt(); // startingFrom
            int n = b.getInt();
            RawBsonDocument first = n > 0 ? readDocument(b) : new RawBsonDocument(new byte[] {5, 0, 0, 0, 0});
            return new Message(requestId, responseTo, 0, first, List.of());
        }
        if (opCode != OP_MSG) {
            throw new ConnectionFailure("unexpected opCode " + opCode + " from server");
        }
        int flags = b.getInt();
        int end = length - ((flags & FLAG_CHECKSUM_PRESENT) != 0 ? 4 : 0);
        RawBsonDocument body = null;
        List<Sequence> seqs = new ArrayList<>(0);
        while (b.position() < end) {
            int kind = b.get();
            if (kind == 0) {
                body = readDocument(b);
            } else if (kind == 1) {
                int start = b.position();
                int size = b.getInt();
                int idStart = b.position();
                while (b.get() != 0) {
                    // skip the cstring
                }
                byte[] idBytes = new byte[b.position() - idStart - 1];
                b.get(idStart, idBytes);
                List<RawBsonDocument> docs = new ArrayList<>();
                while (b.position() < start + size) {
                    docs.add(readDocument(b));
                }
                seqs.add(new Sequence(new String(idBytes, StandardCharsets.UTF_8), docs));
            } else {
                throw new ConnectionFailure("unknown OP_MSG section kind " + kind);
            }
        }
        if (body == null) {
            throw new ConnectionFailure("OP_MSG without a body section");
        }
        return new Message(requestId, responseTo, flags, body, seqs);
    }

    private static RawBsonDocument readDocument(ByteBuffer b) {
        int size = b.getInt(b.position());
        byte[] bytes = new byte[size];
        b.get(bytes);
        return new RawBsonDocument(bytes);
    }
}
