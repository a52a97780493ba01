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
 * <p><b>Batching.</b> {@link #write} wraps all the buffers it is given, one record of up to 16 KiB
 * of plaintext at a time ({@code SSLEngine.wrap} gathers across buffers), back to back into one
 * outgoing buffer, and sends that with one socket write: the pipelined batch whose responses the
 * plain path sends in one gathering write leaves here as one write of as few records as its size
 * allows (a batch of 16 small responses: one record).
 *
 * <p><b>Handshake.</b> Driven by {@link #read} on whichever thread reads (the loop, for a new
 * connection): handshake records in, handshake records out (when the socket does not take them
 * all at once, the loop watches for OP_WRITE and {@link #onWritableWhileReading} sends the rest).
 * The engine's delegated tasks (certificate checks, key exchange and signature) run inline on the
 * loop: they take well under a millisecond with ECDHE and EC or 2048-bit RSA keys, a hand-off to
 * another thread and back would cost a good part of that, and the handshake's CPU is spent on
 * one of the machine's cores either way. A client can make one loop busy for the time of its
 * handshakes only, which the accept rate bounds.
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
    private static final ByteBuffer[] NONE = new ByteBuffer[0];
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private final Transport net;
    private final SSLEngine engine;
    private final TlsBuffers buffers;
    private final EventLoop loop;
    private Connection connection;
    /** Received bytes not unwrapped yet (read mode: [position, limit)); null when there are none. */
    private ByteBuffer netIn;
    /** Records not written yet (read mode); null when there are none. */
    private ByteBuffer netOut;
    /** Unwrapped bytes the caller's buffer had no room for (read mode); null when there are none. */
    private ByteBuffer plainIn;
    private final ByteBuffer[] one = new ByteBuffer[1];
    private boolean handshakeDone;
    /** {@link #netOut} holds handshake records (the read side sends them). */
    private boolean handshakeRecordsOut;
    private boolean firstRecordSeen;
    private boolean outboundClosed;
    private boolean plaintextRefused;
    private int interestOps = SelectionKey.OP_READ;
    private boolean readAgainQueued;
    private final Runnable readAgain = this::readAgain;

    TlsTransport(Transport net, SSLEngine engine, TlsBuffers buffers, EventLoop loop) {
        this.net = net;
        this.engine = engine;
        this.buffers = buffers;
        this.loop = loop;
    }

    @Override
    void attach(Connection c) {
        this.connection = c;
    }

    /** The negotiated session (cipher suite, protocol, peer certificates); during the handshake, the one being made. */
    SSLSession session() {
        return engine.getSession();
    }

    boolean isHandshakeDone() { return handshakeDone; }

    @Override
    String applicationProtocol() {
        String p = engine.getApplicationProtocol();
        return p == null || p.isEmpty() ? null : p;
    }

    @Override
    boolean isSecure() { return true; }

    // ---------------------------------------------------------------- input

    @Override
    int read(ByteBuffer dst) throws IOException {
        int produced = drainPlain(dst);
        if (plainIn != null || engine.isInboundDone()) {
            return produced > 0 || plainIn != null ? produced : -1;
        }
        try {
            return unwrapInto(dst, produced);
        } catch (SSLException e) {
            refuse(e);
            throw e;
        }
    }

    private int unwrapInto(ByteBuffer dst, int produced) throws IOException {
        boolean overflowed = false;
        while (true) {
            // only the handshake's own records: the others belong to the writing side (the loop
            // may be sending a stalled batch's responses while a handler reads its body)
            if (handshakeRecordsOut && !flushNetOut()) {
                wantWrite(); // the handshake's records first; onWritableWhileReading goes on
                return produced;
            }
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                runDelegatedTasks();
                continue;
            }
            if (hs == HandshakeStatus.NEED_WRAP) {
                wrapHandshake();
                continue;
            }
            if (netIn == null || !netIn.hasRemaining()) {
                int n = fillNetIn();
                if (n < 0) {
                    return produced > 0 ? produced : endOfStream();
                }
                if (n == 0) {
                    return produced;
                }
                if (!firstRecordSeen && !checkFirstRecord()) {
                    return -1;
                }
            }
            ByteBuffer target = dst.hasRemaining() && !overflowed ? dst : staging();
            SSLEngineResult r = engine.unwrap(netIn, target);
            if (target != dst) {
                plainIn.flip();
            }
            switch (r.getStatus()) {
                case OK -> {
                    afterHandshakeStep(r.getHandshakeStatus());
                    if (target == dst) {
                        produced += r.bytesProduced();
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

    /** Renegotiation (a new handshake once one is done) is refused on TLS 1.2; on 1.3 only key updates happen here. */
    private void afterHandshakeStep(HandshakeStatus hs) throws SSLException {
        if (hs == HandshakeStatus.FINISHED) {
            handshakeDone = true;
            LOG.log(System.Logger.Level.DEBUG, () -> "TLS handshake done with " + net.remoteAddress() + ": "
                    + engine.getSession().getProtocol() + " " + engine.getSession().getCipherSuite());
        } else if (handshakeDone && hs == HandshakeStatus.NEED_TASK && "TLSv1.2".equals(engine.getSession().getProtocol())) {
            throw new SSLException("TLS renegotiation refused");
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
            buffers.releaseIn(netIn);
            netIn = null;
        } else if (n > 0) {
            connection.lastActive = loop.now();
        }
        return n;
    }

    /** Plaintext HTTP on the TLS port: see {@link PlaintextOnTlsPort}. */
    private boolean checkFirstRecord() throws IOException {
        firstRecordSeen = true;
        if (!PlaintextOnTlsPort.looksLikeHttp(netIn)) {
            return true;
        }
        plaintextRefused = true;
        PlaintextOnTlsPort.refuse(net);
        buffers.releaseIn(netIn);
        netIn = null;
        return false;
    }

    private int endOfStream() {
        if (!handshakeDone) {
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

    /** A handshake or record the engine refused: its alert goes out if the socket takes it now. */
    private void refuse(SSLException e) {
        LOG.log(System.Logger.Level.INFO, "TLS refused for " + net.remoteAddress() + ": " + e.getMessage());
        try {
            sendControlRecord();
        } catch (IOException ignored) {
            // the connection closes either way
        }
    }

    private void runDelegatedTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** The handshake's next records into the outgoing buffer, as many as the engine has now. */
    private void wrapHandshake() throws IOException {
        ByteBuffer o = netOut == null ? buffers.acquireOut() : netOut.compact();
        try {
            while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP && o.remaining() >= buffers.inSize) {
                SSLEngineResult r = engine.wrap(EMPTY, o);
                afterHandshakeStep(r.getHandshakeStatus());
                if (r.getStatus() != SSLEngineResult.Status.OK) {
                    break;
                }
            }
        } finally {
            o.flip();
            netOut = o;
            handshakeRecordsOut = true;
        }
    }

    @Override
    boolean hasBufferedInput() {
        return plainIn != null || (netIn != null && netIn.hasRemaining() && handshakeDone);
    }

    // ---------------------------------------------------------------- output

    @Override
    long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long consumed = 0;
        while (flushNetOut()) {
            if (!hasRemaining(srcs, offset, length)) {
                return consumed;
            }
            ByteBuffer o = buffers.acquireOut();
            try {
                // one record per wrap, gathered across the buffers; as many as fit, then one write
                while (o.remaining() >= buffers.inSize) {
                    SSLEngineResult r = engine.wrap(srcs, offset, length, o);
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new IOException("TLS connection closed");
                    }
                    consumed += r.bytesConsumed();
                    if (r.bytesConsumed() == 0 || !hasRemaining(srcs, offset, length)) {
                        break;
                    }
                }
            } finally {
                o.flip();
                netOut = o;
            }
        }
        return consumed;
    }

    @Override
    int write(ByteBuffer src) throws IOException {
        one[0] = src;
        try {
            return (int) write(one, 0, 1);
        } finally {
            one[0] = null;
        }
    }

    private static boolean hasRemaining(ByteBuffer[] srcs, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (srcs[i] != null && srcs[i].hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    /** Writes the records not written yet; true when none are left (their buffer then goes back to the pool). */
    private boolean flushNetOut() throws IOException {
        ByteBuffer o = netOut;
        if (o == null) {
            return true;
        }
        if (o.hasRemaining()) {
            net.write(o);
            if (o.hasRemaining()) {
                return false;
            }
        }
        netOut = null;
        handshakeRecordsOut = false;
        buffers.releaseOut(o);
        return true;
    }

    @Override
    boolean hasPendingOutput() {
        return netOut != null;
    }

    private void wantWrite() {
        if (net.isRegistered()) {
            net.interest(interestOps | SelectionKey.OP_WRITE);
        }
    }

    /** Loop side: the socket takes more of the handshake's records; then reading goes on. */
    @Override
    void onWritableWhileReading() throws IOException {
        if (flushNetOut()) {
            interest(SelectionKey.OP_READ);
        }
    }

    // ---------------------------------------------------------------- readiness and the rest

    @Override
    void interest(int ops) {
        interestOps = ops;
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
        if (outboundClosed || plaintextRefused) {
            return;
        }
        outboundClosed = true;
        engine.closeOutbound();
        if (!handshakeDone) {
            return;
        }
        try {
            sendControlRecord();
        } catch (IOException e) {
            // the peer is gone: nobody to tell
        }
    }

    /** An alert (after a failure, or close_notify after closeOutbound), if the socket takes it now. */
    private void sendControlRecord() throws IOException {
        if (flushNetOut()) {
            ByteBuffer o = buffers.acquireOut();
            engine.wrap(EMPTY, o);
            o.flip();
            netOut = o;
            flushNetOut();
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
        return "tls " + (handshakeDone ? engine.getSession().getProtocol() : "handshaking")
                + (netIn != null ? " in " + netIn.remaining() : "") + (netOut != null ? " out " + netOut.remaining() : "")
                + (plainIn != null ? " plain " + plainIn.remaining() : "");
    }
}
