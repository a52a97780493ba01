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

    TlsRecordsOut(Transport net, SSLEngine engine, TlsBuffers buffers, TlsHandshake handshake) {
        this.net = net;
        this.engine = engine;
        this.buffers = buffers;
        this.handshake = handshake;
    }

    /** Wraps and writes what the socket takes now; the plaintext bytes consumed. */
    long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long consumed = 0;
        while (flush()) {
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
        if (flush()) {
            ByteBuffer o = buffers.acquireOut();
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

    @Override
    public String toString() {
        return netOut != null ? " out " + netOut.remaining() : "";
    }
}
