package io.asyncio4j.mongo;

import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.UuidRepresentation;

import java.util.UUID;

/**
 * A logical session (PyMongo's {@code AsyncClientSession}): an {@code lsid} sent with every
 * command run with it, causal {@code $clusterTime} gossip, retryable-write transaction numbers and
 * multi-document transactions ({@code startTransaction}/{@code commitTransaction}/
 * {@code abortTransaction}). Transactions need a replica set or sharded cluster whose servers
 * report {@code logicalSessionTimeoutMinutes}; against a server without sessions
 * {@link AsyncMongoClient#startSession()} raises {@link ConfigurationError}.
 *
 * <pre>{@code
 * try (ClientSession s = client.startSession()) {
 *     s.startTransaction();
 *     orders.insertOne(s, order);
 *     stock.updateOne(s, filter, update);
 *     s.commitTransaction();
 * }
 * }</pre>
 */
public final class ClientSession implements AutoCloseable {
    enum TxnState { NONE, STARTING, IN_PROGRESS, COMMITTED, ABORTED }

    private final AsyncMongoClient client;
    final BsonDocument lsid;
    final boolean implicit;
    long txnNumber;
    TxnState state = TxnState.NONE;
    ReadConcern txnReadConcern = ReadConcern.DEFAULT;
    WriteConcern txnWriteConcern = WriteConcern.DEFAULT;
    private boolean ended;

    ClientSession(AsyncMongoClient client, boolean implicit) {
        this.client = client;
        this.implicit = implicit;
        this.lsid = new BsonDocument("id", new BsonBinary(UUID.randomUUID(), UuidRepresentation.STANDARD));
    }

    /** The session id document ({@code {id: UUID}}). */
    public BsonDocument sessionId() {
        return lsid.clone();
    }

    /** The client this session belongs to. */
    public AsyncMongoClient client() {
        return client;
    }

    /** Whether a transaction is starting or in progress. */
    public boolean inTransaction() {
        return state == TxnState.STARTING || state == TxnState.IN_PROGRESS;
    }

    /** Starts a transaction with the client's read and write concerns. */
    public void startTransaction() {
        startTransaction(ReadConcern.DEFAULT, WriteConcern.DEFAULT);
    }

    /** Starts a transaction; its first command carries {@code startTransaction: true}. */
    public void startTransaction(ReadConcern readConcern, WriteConcern writeConcern) {
        checkNotEnded();
        if (inTransaction()) {
            throw new InvalidOperation("Transaction already in progress");
        }
        txnNumber++;
        state = TxnState.STARTING;
        txnReadConcern = readConcern;
        txnWriteConcern = writeConcern;
    }

    /** Commits the transaction (retried once on a retryable error, as the spec says). */
    public void commitTransaction() throws Exception {
        checkNotEnded();
        switch (state) {
            case NONE -> throw new InvalidOperation("No transaction started");
            case ABORTED -> throw new InvalidOperation("Cannot call commitTransaction after calling abortTransaction");
            case STARTING -> {
                state = TxnState.COMMITTED; // nothing was sent: nothing to commit
                return;
            }
            default -> {
            }
        }
        endTransaction("commitTransaction");
        state = TxnState.COMMITTED;
    }

    /** Aborts the transaction; errors from the server are ignored, as the spec says. */
    public void abortTransaction() throws Exception {
        checkNotEnded();
        switch (state) {
            case NONE -> throw new InvalidOperation("No transaction started");
            case COMMITTED -> throw new InvalidOperation("Cannot call abortTransaction after calling commitTransaction");
            case ABORTED -> throw new InvalidOperation("Cannot call abortTransaction twice");
            case STARTING -> {
                state = TxnState.ABORTED;
                return;
            }
            default -> {
            }
        }
        try {
            endTransaction("abortTransaction");
        } catch (PyMongoError e) {
            // ignored per the transactions spec
        } finally {
            state = TxnState.ABORTED;
        }
    }

    private void endTransaction(String name) throws Exception {
        BsonDocument cmd = new BsonDocument(name, new BsonInt32(1));
        if (!txnWriteConcern.isServerDefault()) {
            cmd.put("writeConcern", txnWriteConcern.toDocument());
        }
        TxnState saved = state;
        state = TxnState.NONE; // the command itself is not "in" the transaction's statement sequence
        try {
            client.execute("admin", cmd, java.util.List.of(), ReadPreference.PRIMARY, true, true, this,
                    ReadConcern.DEFAULT, WriteConcern.DEFAULT, txnFields());
        } finally {
            state = saved;
        }
    }

    private BsonDocument txnFields() {
        return new BsonDocument("txnNumber", new BsonInt64(txnNumber)).append("autocommit", BsonBoolean.FALSE);
    }

    private void checkNotEnded() {
        if (ended) {
            throw new InvalidOperation("Cannot use ended session");
        }
    }

    /** Ends the session, aborting a transaction in progress (PyMongo's {@code end_session}). */
    public void endSession() throws Exception {
        if (ended) {
            return;
        }
        if (state == TxnState.IN_PROGRESS) {
            abortTransaction();
        }
        ended = true;
    }

    /** {@link #endSession()} without checked exceptions. */
    @Override
    public void close() {
        try {
            endSession();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new PyMongoError("ending the session failed", e);
        }
    }

    boolean ended() {
        return ended;
    }
}
