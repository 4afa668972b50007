package io.asyncio4j.mongo;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Future;
import io.asyncio4j.TimeoutError;
import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.loop.TimerHandle;
import io.asyncio4j.net.ConnectOptions;
import io.asyncio4j.net.Connection;
import io.asyncio4j.net.Net;
import io.asyncio4j.net.Protocol;
import io.asyncio4j.net.Transport;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection to a server: a {@link Protocol} on an {@code io.asyncio4j.net} transport that
 * frames OP_MSG replies on the loop thread and completes the future of the request whose
 * {@code requestID} the reply's {@code responseTo} names.
 *
 * <p><b>Requests in flight.</b> Several requests may be in flight on one connection (each waits
 * for its own reply); the pool nevertheless hands a connection to one operation at a time, as the
 * official drivers do, so that a slow operation does not delay others queued behind it. What the
 * matching buys is cancellation: a task cancelled while waiting for a reply just forgets its
 * request id; the late reply is read and dropped, and the connection stays usable (nothing is
 * left half-read). A socket timeout, by contrast, closes the connection (the server may be stuck).
 */
final class MongoConnection implements Protocol {
    private static final AtomicInteger REQUEST_IDS = new AtomicInteger();
    private static final System.Logger LOG = System.getLogger(MongoConnection.class.getName());

    final ServerAddress address;
    final int generation;
    private final EventLoop loop;
    private Transport transport;
    private ByteBuffer acc = ByteBuffer.allocate(16 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    private final Map<Integer, Future<OpMsg.Message>> pending = new HashMap<>();
    private Throwable closedCause;
    private boolean closed;
    private boolean useHello;
    BsonDocument helloReply;
    int maxWireVersion;
    int maxMessageSize = 48_000_000;
    int maxBsonObjectSize = 16 * 1024 * 1024;
    int maxWriteBatchSize = 100_000;
    long lastUsedNanos = System.nanoTime();

    private MongoConnection(ServerAddress address, int generation, EventLoop loop) {
        this.address = address;
        this.generation = generation;
        this.loop = loop;
    }

    /** Connects, runs the handshake ({@code isMaster}/{@code hello} with client metadata) and authenticates. */
    static MongoConnection open(ServerAddress address, int generation, ClientSettings settings) throws Exception {
        return open(address, generation, settings, true);
    }

    /** As {@link #open(ServerAddress, int, ClientSettings)}; monitors pass {@code authenticate=false}, as SDAM says. */
    static MongoConnection open(ServerAddress address, int generation, ClientSettings settings, boolean authenticate)
            throws Exception {
        EventLoop loop = EventLoop.current();
        MongoConnection c = new MongoConnection(address, generation, loop);
        ConnectOptions options = new ConnectOptions().connectTimeout(settings.uri().connectTimeout()).noDelay(true);
        MongoTls tls = settings.tls();
        if (tls != null) {
            // connectTimeoutMS covers the TLS handshake too, as in PyMongo
            options.ssl(tls.context()).sslHandshakeTimeout(settings.uri().connectTimeout())
                    .serverHostname(tls.verifyHostname() ? address.host() : "");
        }
        try {
            Connection<MongoConnection> conn = Net.createConnection(() -> c, address.host(), address.port(), options);
            c.transport = conn.transport();
        } catch (TimeoutError e) {
            throw new NetworkTimeout("connecting to " + address + (tls != null ? " (TLS)" : "") + " timed out after "
                    + settings.uri().connectTimeout());
        } catch (SSLException e) {
            throw new ConnectionFailure("TLS handshake with " + address + " failed: " + e.getMessage()
                    + (e.getCause() != null && e.getCause().getMessage() != null
                        ? " (" + e.getCause().getMessage() + ")" : ""), e);
        } catch (IOException e) {
            throw new ConnectionFailure("cannot connect to " + address + ": " + e, e);
        }
        boolean ok = false;
        try {
            c.handshake(settings, authenticate);
            ok = true;
            return c;
        } finally {
            if (!ok) {
                c.close();
            }
        }
    }

    private void handshake(ClientSettings settings, boolean authenticate) throws Exception {
        BsonDocument hello = new BsonDocument("isMaster", new BsonInt32(1))
                .append("helloOk", BsonBoolean.TRUE)
                .append("client", settings.clientMetadata());
        Credential cred = authenticate ? settings.credential() : null;
        if (cred != null && cred.mechanism() == null) {
            hello.put("saslSupportedMechs", new BsonString(cred.source() + "." + cred.username()));
        }
        BsonDocument reply = checked("admin", hello, settings.connectTimeout());
        applyHello(reply);
        if (cred != null) {
            authenticate(cred, reply, settings.connectTimeout());
        }
    }

    void applyHello(BsonDocument reply) {
        helloReply = reply;
        useHello = reply.getBoolean("helloOk", BsonBoolean.FALSE).getValue();
        maxWireVersion = reply.getNumber("maxWireVersion", new BsonInt32(0)).intValue();
        maxMessageSize = reply.getNumber("maxMessageSizeBytes", new BsonInt32(maxMessageSize)).intValue();
        maxBsonObjectSize = reply.getNumber("maxBsonObjectSize", new BsonInt32(maxBsonObjectSize)).intValue();
        maxWriteBatchSize = reply.getNumber("maxWriteBatchSize", new BsonInt32(maxWriteBatchSize)).intValue();
    }

    /** The monitoring command: {@code hello} when the server said {@code helloOk}, else {@code isMaster}. */
    BsonDocument helloCommand() {
        return new BsonDocument(useHello ? "hello" : "isMaster", new BsonInt32(1));
    }

    private void authenticate(Credential cred, BsonDocument hello, Duration timeout) throws Exception {
        String mech = cred.mechanism();
        if (mech == null) {
            mech = "SCRAM-SHA-1";
            if (hello.isArray("saslSupportedMechs")) {
                for (BsonValue v : hello.getArray("saslSupportedMechs")) {
                    if (v.isString() && v.asString().getValue().equals("SCRAM-SHA-256")) {
                        mech = "SCRAM-SHA-256";
                    }
                }
            } else {
                mech = maxWireVersion >= 7 ? "SCRAM-SHA-256" : "SCRAM-SHA-1";
            }
        }
        authenticate(Scram.forMongo(mech, cred.username(), cred.password()), cred.source(), timeout);
    }

    /** Runs the saslStart/saslContinue conversation (package-private for tests). */
    void authenticate(Scram scram, String source, Duration timeout) throws Exception {
        BsonDocument start = new BsonDocument("saslStart", new BsonInt32(1))
                .append("mechanism", new BsonString(scram.mechanism()))
                .append("payload", new BsonBinary(scram.clientFirstMessage().getBytes(StandardCharsets.UTF_8)))
                .append("autoAuthorize", new BsonInt32(1))
                .append("options", new BsonDocument("skipEmptyExchange", BsonBoolean.TRUE));
        BsonDocument r = authStep(source, start, timeout);
        BsonValue conversationId = r.get("conversationId");
        String serverFirst = new String(r.getBinary("payload").getData(), StandardCharsets.UTF_8);
        BsonDocument cont = new BsonDocument("saslContinue", new BsonInt32(1))
                .append("conversationId", conversationId)
                .append("payload", new BsonBinary(scram.clientFinalMessage(serverFirst).getBytes(StandardCharsets.UTF_8)));
        r = authStep(source, cont, timeout);
        scram.verifyServerFinal(new String(r.getBinary("payload").getData(), StandardCharsets.UTF_8));
        while (!r.getBoolean("done", BsonBoolean.FALSE).getValue()) {
            r = authStep(source, new BsonDocument("saslContinue", new BsonInt32(1))
                    .append("conversationId", conversationId).append("payload", new BsonBinary(new byte[0])), timeout);
        }
    }

    private BsonDocument authStep(String source, BsonDocument cmd, Duration timeout) throws Exception {
        BsonDocument r = command(source, cmd, List.of(), timeout);
        if (!Errors.isOk(r)) {
            throw new AuthenticationFailure("authentication failed: " + r.getString("errmsg", new BsonString("")).getValue(),
                    r.getNumber("code", new BsonInt32(18)).intValue(), r);
        }
        return r;
    }

    /** Sends a command and returns the server's reply, raising {@link OperationFailure} if not ok. */
    BsonDocument checked(String db, BsonDocument cmd, Duration timeout) throws Exception {
        BsonDocument r = command(db, cmd, List.of(), timeout);
        Errors.check(r);
        return r;
    }

    /**
     * Sends {@code cmd} (plus {@code $db}) with the document sequences and waits for the reply.
     * Network errors raise {@link ConnectionFailure}; past {@code timeout} (null: none) the
     * connection is closed and {@link NetworkTimeout} raised.
     */
    BsonDocument command(String db, BsonDocument cmd, List<OpMsg.Sequence> sequences, Duration timeout) throws Exception {
        if (closed) {
            throw new ConnectionFailure("connection to " + address + " is closed", closedCause);
        }
        cmd.put("$db", new BsonString(db));
        int id = REQUEST_IDS.incrementAndGet();
        ByteBuffer msg = OpMsg.encode(id, 0, 0, cmd, sequences);
        if (msg.remaining() > maxMessageSize) {
            throw new PyMongoError("message of " + msg.remaining() + " bytes exceeds the server's maxMessageSizeBytes "
                    + maxMessageSize);
        }
        Future<OpMsg.Message> f = loop.createFuture();
        pending.put(id, f);
        TimerHandle timer = null;
        if (timeout != null) {
            timer = loop.callLater(timeout, () -> {
                if (!f.isDone()) {
                    f.setException(new NetworkTimeout("no reply from " + address + " within " + timeout));
                    abort(new NetworkTimeout("socket timeout"));
                }
            });
        }
        transport.write(msg);
        try {
            OpMsg.Message reply = f.await();
            lastUsedNanos = System.nanoTime();
            return reply.body();
        } catch (CancelledError e) {
            pending.remove(id); // the reply, if it comes, is read and dropped
            throw e;
        } finally {
            if (timer != null) {
                timer.cancel();
            }
        }
    }

    boolean isClosed() {
        return closed;
    }

    int inFlight() {
        return pending.size();
    }

    void close() {
        if (!closed && transport != null) {
            transport.close();
        }
        markClosed(null);
    }

    private void abort(Throwable cause) {
        if (transport != null) {
            transport.abort();
        }
        markClosed(cause);
    }

    private void markClosed(Throwable cause) {
        if (closed) {
            return;
        }
        closed = true;
        closedCause = cause;
        List<Future<OpMsg.Message>> waiting = new ArrayList<>(pending.values());
        pending.clear();
        for (Future<OpMsg.Message> f : waiting) {
            if (!f.isDone()) {
                f.setException(new ConnectionFailure("connection to " + address + " closed"
                        + (cause == null ? "" : ": " + cause), cause));
            }
        }
    }

    // ------------------------------------------------------------------ Protocol (loop thread)

    @Override
    public void connectionMade(Transport transport) {
        this.transport = transport;
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (acc.remaining() < data.remaining()) {
            int need = acc.position() + data.remaining();
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(need, acc.capacity() * 2)).order(ByteOrder.LITTLE_ENDIAN);
            acc.flip();
            bigger.put(acc);
            acc = bigger;
        }
        acc.put(data);
        acc.flip();
        try {
            while (acc.remaining() >= 4) {
                int len = acc.getInt(acc.position());
                if (len < OpMsg.HEADER || len > 64 * 1024 * 1024) {
                    throw new ConnectionFailure("bad message length " + len + " from " + address);
                }
                if (acc.remaining() < len) {
                    break;
                }
                ByteBuffer frame = acc.slice(acc.position(), len);
                acc.position(acc.position() + len);
                OpMsg.Message m = OpMsg.decode(frame);
                Future<OpMsg.Message> f = pending.remove(m.responseTo());
                if (f != null && !f.isDone()) {
                    f.setResult(m);
                }
            }
        } catch (RuntimeException e) {
            acc.clear();
            abort(e);
            return;
        }
        acc.compact();
    }

    @Override
    public boolean eofReceived() {
        return false;
    }

    @Override
    public void connectionLost(Throwable exc) {
        markClosed(exc == null ? new IOException("server closed the connection") : exc);
    }

    @Override
    public String toString() {
        return "MongoConnection[" + address + (closed ? ", closed" : "") + "]";
    }

    static void logDebug(String msg) {
        LOG.log(System.Logger.Level.DEBUG, msg);
    }
}
