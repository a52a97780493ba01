package io.subito.container;

import java.io.IOException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * The records of one TLS connection on their way to the socket, in one buffer of the loop's
 * {@link TlsBuffers} held only while some are not written yet. Application data is wrapped one
 * record of up to 16 KiB at a time ({@code SSLEngine.wrap} gathers across buffers), back to back,
 * and leaves in one socket write: the pipelined batch the plain path sends in one gathering write
 * leaves as one write of as few records as its size allows. Handshake records, alerts and
 * {@code close_notify} go through the same buffer.
 *
 * <p><b>Held records.</b> The records the engine makes as the handshake ends (TLS 1.3: the
 * session ticket, after the client's Finished) can wait for the response when the client's first
 * request came in the same read ({@link #holdForResponse}): they then leave in the response's
 * write (or in front of {@code close_notify}), one socket write instead of two, as Netty sends them.
 */
final class TlsRecordsOut {
    /** Refusals are logged under the transport's name, where users configure TLS logging. */
    private static final System.Logger LOG = System.getLogger(TlsTransport.class.getName());
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private final Transport net;
    private final SSLEngine engine;
    private final TlsBuffers buffers;
    private final TlsHandshake handshake;
    private final ByteBuffer[] one = new ByteBuffer[1];
    /** Records not written yet (read mode); null when there are none. */
    private ByteBuffer netOut;
    /** {@link #netOut} holds handshake records (the read side sends them). */
    private boolean handshakeRecords;
    /** {@link #netOut} holds records waiting for the response (none of them written yet). */
    private boolean held;
    /** The next write ends the connection's output: close_notify follows its records. */
    private boolean endWithWrite;
    private boolean closeNotifyWrapped;

    TlsRecordsOut(Transport net, SSLEngine engine, TlsBuffers buffers, TlsHandshake handshake) {
        this.net = net;
        this.engine = engine;
        this.buffers = buffers;
        this.handshake = handshake;
    }

    /** Wraps and writes what the socket takes now; the plaintext bytes consumed. */
    long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long consumed = 0;
        while (true) {
            ByteBuffer o = behindHeld(hasRemaining(srcs, offset, length));
            if (o == null) {
                if (!flush() || !hasRemaining(srcs, offset, length)) {
                    return consumed;
                }
                o = buffers.acquireOut();
            }
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
                if (endWithWrite && !hasRemaining(srcs, offset, length) && o.remaining() >= buffers.inSize) {
                    endWithWrite = false;
                    engine.closeOutbound();
                    closeNotifyWrapped = engine.wrap(EMPTY, o).bytesProduced() > 0;
                }
            } finally {
                o.flip();
                netOut = o;
            }
        }
    }

    /** The held records' buffer, to write more records behind them; null when none are held or nothing follows. */
    private ByteBuffer behindHeld(boolean more) {
        if (!held) {
            return null;
        }
        held = false;
        if (!more) {
            return null; // flush sends them alone
        }
        handshakeRecords = false; // from here on they are the writer's
        ByteBuffer o = netOut.compact();
        netOut = null;
        return o;
    }

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
    boolean flush() throws IOException {
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
        handshakeRecords = false;
        held = false;
        buffers.releaseOut(o);
        return true;
    }

    boolean hasPending() {
        return netOut != null;
    }

    /** Whether what waits are the handshake's own records (a read sends those, never a writer's). */
    boolean holdsHandshakeRecords() {
        return handshakeRecords;
    }

    /** The connection's last write comes next: close_notify goes behind its records ({@link #closeNotifyWrapped}). */
    void endWithNextWrite() {
        endWithWrite = true;
    }

    /** close_notify went into a write's records: the close sends none of its own. */
    boolean closeNotifyWrapped() {
        return closeNotifyWrapped;
    }

    /**
     * The handshake records just wrapped wait for the response to the request received behind
     * them (the caller knows records follow in the same read); {@link #releaseHeld} if none comes.
     */
    void holdForResponse() {
        if (netOut != null && handshakeRecords && netOut.position() == 0) {
            held = true;
            handshakeRecords = false; // the read side's flush leaves them
        }
    }

    /**
     * When records are held and no response follows after all: they are the read side's again,
     * and written now. False when the socket did not take them all.
     */
    boolean releaseHeld() throws IOException {
        if (!held) {
            return true;
        }
        held = false;
        handshakeRecords = true;
        return flush();
    }

    /** The handshake's next records into the outgoing buffer, as many as the engine has now. */
    void wrapHandshake() throws IOException {
        ByteBuffer o = netOut == null ? buffers.acquireOut() : netOut.compact();
        try {
            while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP && o.remaining() >= buffers.inSize) {
                SSLEngineResult r = engine.wrap(EMPTY, o);
                handshake.afterStep(r.getHandshakeStatus(), net.remoteAddress());
                if (r.getStatus() != SSLEngineResult.Status.OK) {
                    break;
                }
            }
        } finally {
            o.flip();
            netOut = o;
            handshakeRecords = true;
        }
    }

    /** An alert (after a failure, or close_notify after closeOutbound), if the socket takes it now. */
    void sendControlRecord() throws IOException {
        ByteBuffer o = behindHeld(true);
        if (o != null || flush()) {
            o = o != null ? o : buffers.acquireOut();
            engine.wrap(EMPTY, o);
            o.flip();
            netOut = o;
            flush();
        }
    }

    /**
     * A handshake or record the engine refused (or a renegotiation): its alert goes out if the
     * socket takes it now. A failure the engine holds from a delegated task is thrown by the first
     * wrap, and the alert comes with the second.
     */
    void refuse(SSLException e) {
        LOG.log(System.Logger.Level.INFO, "TLS refused for " + net.remoteAddress() + ": " + e.getMessage());
        if (handshake.isDone()) {
            engine.closeOutbound(); // the alert the engine holds, else close_notify: never a renegotiation's records
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                sendControlRecord();
                return;
            } catch (SSLException held) {
                // the held failure: the alert follows
            } catch (IOException gone) {
                return; // the connection closes either way
            }
        }
    }

    /**
     * A delegated task failed (a client certificate the trust store refuses, say): the engine
     * closed its inbound side and holds the failure until the next wrap, which throws it; the
     * wrap after that gives the alert.
     */
    void sendFailedTasksAlert() {
        try {
            sendControlRecord();
        } catch (SSLException e) {
            refuse(e);
        } catch (IOException e) {
            // the connection closes either way
        }
    }

    @Override
    public String toString() {
        return netOut != null ? " out " + netOut.remaining() : "";
    }
}
