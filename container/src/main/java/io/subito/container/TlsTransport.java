package io.subito.container;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * TLS over another transport (the socket; memory in tests), with the JDK's {@link SSLEngine}.
 * Everything above sees plaintext: {@link #read} unwraps records into the caller's buffer (the
 * connection's input window), {@link #write} wraps the batch's gathered output.
 *
 * <p><b>Batching.</b> {@link #write} wraps all the buffers it is given into as few records as
 * their size allows, sent with one socket write ({@link TlsRecordsOut}): a pipelined batch of 16
 * small responses leaves as one record.
 *
 * <p><b>Handshake.</b> Driven by {@link #read} on whichever thread reads (the loop, for a new
 * connection): handshake records in, handshake records out (when the socket does not take them
 * all at once, the loop watches for OP_WRITE and {@link #onWritableWhileReading} sends the rest).
 * The engine's delegated tasks (key exchange, signature, certificate checks) run on the loop
 * while cheap, else on the worker executor ({@link TlsTaskCost}); the deadline and the refusal of renegotiation are {@link TlsHandshake}'s. With
 * proxyProtocol, the PROXY header before the ClientHello is cut from the received bytes first
 * ({@link ProxyHeaderStep#decode}).
 *
 * <p><b>Buffers.</b> Received records and outgoing records live in buffers of the loop's
 * {@link TlsBuffers}, held only while needed (a partial record, records the socket has not
 * taken): an idle connection holds none. Unwrapped bytes that do not fit the caller's buffer wait
 * in a third one; the loop is then told the connection is readable without the socket
 * ({@link #interest}).
 *
 * <p><b>Threads.</b> As for every transport, the loop or the thread running the batch calls it,
 * never both at once ({@link ConnectionState}).
 */
final class TlsTransport extends Transport {
    private static final System.Logger LOG = System.getLogger(TlsTransport.class.getName());
    private final Transport net;
    private final SSLEngine engine;
    private final TlsBuffers buffers;
    private final EventLoop loop;
    private final TlsHandshake handshake;
    private Connection connection;
    /** proxyProtocol is on and the PROXY header has not been read yet. */
    private boolean proxyHeaderPending;
    /** Received bytes not unwrapped yet (read mode: [position, limit)); null when there are none. */
    private ByteBuffer netIn;
    /** Records on their way out. */
    private final TlsRecordsOut out;
    /** Unwrapped bytes the caller's buffer had no room for (read mode); null when there are none. */
    private ByteBuffer plainIn;
    private boolean firstRecordSeen;
    private boolean outboundClosed;
    private boolean plaintextRefused;
    private int interestOps = SelectionKey.OP_READ;
    private boolean readAgainQueued;
    private final Runnable readAgain = this::readAgain;
    private final Runnable tasksDone = this::tasksDone;
    /** The one target of an unwrap: SSLEngine.unwrap(src, dst) would make this array for every record. */
    private final ByteBuffer[] unwrapTarget = new ByteBuffer[1];

    /**
     * @param tasks where the engine's delegated tasks run off the loop (null: where they come up)
     * @param cost decides whether the ClientHello's tasks run on the loop (null: never, with {@code tasks})
     * @param handshakeTimeoutMillis how long after now the handshake must be done
     */
    TlsTransport(Transport net, SSLEngine engine, TlsBuffers buffers, EventLoop loop, java.util.concurrent.Executor tasks,
            TlsTaskCost cost, long handshakeTimeoutMillis) {
        this.net = net;
        this.engine = engine;
        this.buffers = buffers;
        this.loop = loop;
        this.handshake = new TlsHandshake(engine, tasks, cost, loop.now(), handshakeTimeoutMillis);
        this.out = new TlsRecordsOut(net, engine, buffers, handshake);
    }

    @Override
    void attach(Connection c) {
        this.connection = c;
        this.proxyHeaderPending = c.config.proxyProtocol();
    }

    /** The negotiated session (cipher suite, protocol, peer certificates); during the handshake, the one being made. */
    SSLSession session() {
        return engine.getSession();
    }

    boolean isHandshakeDone() { return handshake.isDone(); }

    /** Reaper: the handshake was not done in time; logged at DEBUG (a port scan or a slow client is no error). */
    @Override
    boolean handshakeTimedOut(long now) {
        if (!handshake.expired(now)) {
            return false;
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "TLS handshake with " + net.remoteAddress() + " not done within "
                + handshake.timeoutMillis() + " ms (tls.handshakeTimeoutMillis): closed");
        return true;
    }

    @Override
    String applicationProtocol() {
        String p = engine.getApplicationProtocol();
        return p == null || p.isEmpty() ? null : p;
    }

    @Override
    boolean isSecure() { return true; }

    @Override
    boolean closesAtOnce() { return handshake.isDone() && !plaintextRefused; }

    @Override
    void endWithNextWrite() { out.endWithNextWrite(); }

    // ---------------------------------------------------------------- input

    @Override
    int read(ByteBuffer dst) throws IOException {
        int produced = drainPlain(dst);
        if (handshake.tasksRunning()) {
            return produced; // the engine is the executor's until the tasks are done
        }
        if (plainIn != null || engine.isInboundDone()) {
            if (plainIn == null && !handshake.isDone()) {
                out.sendFailedTasksAlert();
            }
            return produced > 0 || plainIn != null ? produced : -1;
        }
        try {
            int n = unwrapInto(dst, produced);
            if (n == 0 && !out.releaseHeld()) {
                wantWrite(); // no request came behind the handshake after all, and the socket took not all of its records
            }
            return n;
        } catch (SSLException e) {
            out.refuse(e);
            throw e;
        }
    }

    private int unwrapInto(ByteBuffer dst, int produced) throws IOException {
        boolean overflowed = false;
        boolean readOrSent = false;
        while (true) {
            // only the handshake's own records: others are the writing side's (a stalled batch's, say)
            if (out.holdsHandshakeRecords() && !out.flush()) {
                wantWrite(); // the handshake's records first; onWritableWhileReading goes on
                return produced;
            }
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                if (handshake.runTasks(loop, tasksDone, net.remoteAddress())) {
                    continue;
                }
                net.interest(0); // nothing is read until the tasks are done
                return produced;
            }
            if (hs == HandshakeStatus.NEED_WRAP) {
                out.wrapHandshake();
                readOrSent = true;
                if (handshake.isDone() && netIn != null && netIn.hasRemaining()) {
                    out.holdForResponse(); // the ticket leaves with the response to the request behind it
                }
                continue;
            }
            if (netIn == null || !netIn.hasRemaining()) {
                if (readOrSent) {
                    // one read per readiness (as plain), none behind our unanswered flight: the selector says when
                    return produced;
                }
                int n = fillNetIn();
                readOrSent = true;
                if (n < 0) {
                    return produced > 0 ? produced : endOfStream();
                }
                if (n == 0) {
                    return produced;
                }
                if (proxyHeaderPending && !takeProxyHeader()) {
                    return produced; // more of the header is needed
                }
                if (netIn == null) {
                    continue; // the header was all: the ClientHello follows
                }
                if (!firstRecordSeen && !checkFirstRecord()) {
                    return -1;
                }
            }
            ByteBuffer target = dst.hasRemaining() && !overflowed ? dst : staging();
            unwrapTarget[0] = target;
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, unwrapTarget, 0, 1);
            } finally {
                unwrapTarget[0] = null; // holds no caller's buffer between reads
            }
            if (target != dst) {
                plainIn.flip();
            }
            switch (r.getStatus()) {
                case OK -> {
                    handshake.afterStep(r.getHandshakeStatus(), net.remoteAddress());
                    if (target == dst) {
                        produced += r.bytesProduced();
                        if (produced > 0 && !netIn.hasRemaining() && handshake.isDone()) {
                            // all received records unwrapped: done after one read, as the plain
                            // transport is (reading on would find nothing, a system call per request)
                            releaseNetIn();
                            return produced;
                        }
                    } else {
                        produced += drainPlain(dst);
                        if (plainIn != null) {
                            return produced; // the caller's buffer is full
                        }
                    }
                }
                case BUFFER_UNDERFLOW -> {
                    if (plainIn != null && !plainIn.hasRemaining()) {
                        releasePlain();
                    }
                    int n = fillNetIn();
                    if (n < 0) {
                        return produced > 0 ? produced : endOfStream();
                    }
                    if (n == 0) {
                        return produced;
                    }
                }
                case BUFFER_OVERFLOW -> {
                    // the record does not fit behind what the caller has: unwrap into our own buffer
                    if (target != dst) {
                        throw new SSLException("record larger than the session's application buffer");
                    }
                    overflowed = true;
                }
                case CLOSED -> {
                    // the peer's close_notify: the end of its stream
                    return produced > 0 ? produced : -1;
                }
            }
        }
    }

    /** Copies unwrapped bytes kept from an earlier read; gives the buffer back once it is empty. */
    private int drainPlain(ByteBuffer dst) {
        ByteBuffer p = plainIn;
        if (p == null) {
            return 0;
        }
        int n = Math.min(p.remaining(), dst.remaining());
        if (n > 0) {
            int lim = p.limit();
            p.limit(p.position() + n);
            dst.put(p);
            p.limit(lim);
        }
        if (!p.hasRemaining()) {
            releasePlain();
        }
        return n;
    }

    private ByteBuffer staging() {
        if (plainIn == null) {
            plainIn = buffers.acquireIn();
        } else {
            plainIn.compact();
        }
        return plainIn;
    }

    private void releasePlain() {
        buffers.releaseIn(plainIn);
        plainIn = null;
    }

    private void releaseNetIn() {
        buffers.releaseIn(netIn);
        netIn = null;
    }

    /** One read from the socket behind what is kept; the buffer goes back when nothing is kept. */
    private int fillNetIn() throws IOException {
        if (netIn == null) {
            netIn = buffers.acquireIn();
        } else {
            netIn.compact();
        }
        int n;
        try {
            n = net.read(netIn);
        } finally {
            netIn.flip();
        }
        if (!netIn.hasRemaining()) {
            releaseNetIn();
        } else if (n > 0) {
            connection.lastActive = loop.now();
        }
        return n;
    }

    /**
     * With proxyProtocol: cuts the PROXY header from the front of the received bytes, before the
     * ClientHello. False while more of it is needed.
     *
     * @throws IOException when the header is refused (logged; the connection closes)
     */
    private boolean takeProxyHeader() throws IOException {
        byte[] head = new byte[netIn.remaining()];
        netIn.get(netIn.position(), head);
        io.subito.container.proxy.ProxyHeader h = ProxyHeaderStep.decode(connection, head, head.length, netIn.capacity());
        if (h == null) {
            return false;
        }
        proxyHeaderPending = false;
        netIn.position(netIn.position() + h.length());
        useProxyHeader(h);
        if (!netIn.hasRemaining()) {
            releaseNetIn();
        }
        return true;
    }

    /** On the loop, once the delegated tasks ran on the executor: the handshake goes on. */
    private void tasksDone() {
        if (!net.isRegistered()) {
            return; // closed meanwhile (the handshake's deadline, a stop)
        }
        net.interest(interestOps);
        try {
            connection.onReadable();
        } catch (IOException e) {
            connection.close();
        }
    }

    /** Plaintext HTTP on the TLS port: see {@link PlaintextOnTlsPort}. */
    private boolean checkFirstRecord() throws IOException {
        firstRecordSeen = true;
        if (!PlaintextOnTlsPort.looksLikeHttp(netIn)) {
            return true;
        }
        plaintextRefused = true;
        PlaintextOnTlsPort.refuse(net);
        releaseNetIn();
        return false;
    }

    private int endOfStream() {
        if (!handshake.isDone()) {
            LOG.log(System.Logger.Level.DEBUG, () -> "client " + net.remoteAddress() + " closed during the TLS handshake");
            return -1;
        }
        try {
            engine.closeInbound();
        } catch (SSLException e) {
            // a peer that closes without close_notify: common, and no attack on us (HTTP frames its messages)
            LOG.log(System.Logger.Level.DEBUG, () -> "client " + net.remoteAddress() + " closed without close_notify");
        }
        return -1;
    }

    @Override
    boolean hasBufferedInput() {
        // the peer's close_notify, already unwrapped, is input too: the end of the stream
        return plainIn != null || (netIn != null && netIn.hasRemaining() && handshake.isDone()) || engine.isInboundDone();
    }

    // ---------------------------------------------------------------- output

    @Override
    long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return out.write(srcs, offset, length);
    }

    @Override
    int write(ByteBuffer src) throws IOException {
        return out.write(src);
    }

    @Override
    boolean hasPendingOutput() {
        return out.hasPending();
    }

    private void wantWrite() {
        if (net.isRegistered()) {
            net.interest(interestOps | SelectionKey.OP_WRITE);
        }
    }

    /** Loop side: the socket takes more of the handshake's records; then reading goes on. */
    @Override
    void onWritableWhileReading() throws IOException {
        if (out.flush()) {
            interest(SelectionKey.OP_READ);
        }
    }

    // ---------------------------------------------------------------- readiness and the rest

    @Override
    void interest(int ops) {
        interestOps = ops;
        if (handshake.tasksRunning()) {
            return; // tasksDone sets it
        }
        net.interest(ops);
        if ((ops & SelectionKey.OP_READ) != 0 && hasBufferedInput() && !readAgainQueued) {
            // bytes already unwrapped (or records already received) wait here, not in the socket:
            // the selector would not report them
            readAgainQueued = true;
            loop.execute(readAgain);
        }
    }

    private void readAgain() {
        readAgainQueued = false;
        if ((interestOps & SelectionKey.OP_READ) == 0 || !net.isRegistered() || !hasBufferedInput()) {
            return;
        }
        try {
            connection.onReadable();
        } catch (IOException e) {
            connection.close();
        }
    }

    @Override
    void awaitOnLoop(int op, long timeoutMillis) throws IOException {
        if (op == SelectionKey.OP_READ && hasBufferedInput()) {
            return;
        }
        net.awaitOnLoop(op, timeoutMillis);
    }

    @Override
    boolean isRegistered() {
        return net.isRegistered();
    }

    /** Half-close: close_notify (if the socket takes it now), then the socket's half-close. */
    @Override
    void shutdownOutput() throws IOException {
        sendCloseNotify();
        net.shutdownOutput();
    }

    @Override
    void close() {
        sendCloseNotify();
        net.close();
    }

    private void sendCloseNotify() {
        if (outboundClosed || plaintextRefused || out.closeNotifyWrapped()) {
            return;
        }
        outboundClosed = true;
        engine.closeOutbound();
        if (!handshake.isDone()) {
            return;
        }
        try {
            out.sendControlRecord();
        } catch (IOException e) {
            // the peer is gone: nobody to tell
        }
    }

    @Override
    void proxiedAddresses(InetSocketAddress remote, InetSocketAddress local) {
        net.proxiedAddresses(remote, local);
    }

    @Override
    InetSocketAddress remoteAddress() {
        return net.remoteAddress();
    }

    @Override
    InetSocketAddress localAddress() {
        return net.localAddress();
    }

    @Override
    public String toString() {
        return "tls " + (handshake.isDone() ? engine.getSession().getProtocol() : "handshake " + handshake)
                + (netIn != null ? " in " + netIn.remaining() : "") + out
                + (plainIn != null ? " plain " + plainIn.remaining() : "");
    }
}
