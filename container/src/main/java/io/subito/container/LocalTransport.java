package io.subito.container;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.util.Arrays;

/**
 * A transport in memory, for {@link LocalConnector}: the client's bytes wait in an array until the
 * connection reads them, and what the connection writes is collected for the client. Writes
 * always take everything. Calls may come from the driving thread and from application threads
 * (an async response), so the two byte stores are guarded by this object's monitor: this class
 * is for tests, never on a server's path.
 */
final class LocalTransport extends Transport {
    private static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 50_000);

    private InetSocketAddress remote = CLIENT;
    private InetSocketAddress local;
    private byte[] pending = new byte[256];
    private int pendingStart;
    private int pendingEnd;
    /** The client shut its output (FIN): reads answer -1 once {@link #pending} is consumed. */
    private boolean clientShut;
    private byte[] received = new byte[1024];
    private int receivedLength;
    private boolean outputShut;
    private boolean closed;
    private volatile int interest = SelectionKey.OP_READ;
    /** Reads the connection made, as many as a socket would have had system calls. */
    private int reads;
    /** Reads that found nothing (on a socket: a system call answered EAGAIN). */
    private int emptyReads;
    /** Writes the connection made, as many as a socket would have had system calls (a gathering write is one). */
    private int writes;

    LocalTransport(int localPort) {
        this.local = new InetSocketAddress(InetAddress.getLoopbackAddress(), localPort);
    }

    // ------------------------------------------------ client side (LocalConnector.Endpoint)

    synchronized void clientSends(byte[] bytes, int off, int len) {
        if (clientShut) {
            throw new IllegalStateException("the client already shut its output");
        }
        if (pendingStart > 0) {
            System.arraycopy(pending, pendingStart, pending, 0, pendingEnd - pendingStart);
            pendingEnd -= pendingStart;
            pendingStart = 0;
        }
        if (pendingEnd + len > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingEnd + len));
        }
        System.arraycopy(bytes, off, pending, pendingEnd, len);
        pendingEnd += len;
    }

    synchronized void clientShutsOutput() {
        clientShut = true;
    }

    /** Whether a read would return something (bytes, or the end of the stream). */
    synchronized boolean readable() {
        return pendingEnd > pendingStart || clientShut;
    }

    /** What the connection wrote since the last call. */
    synchronized byte[] takeReceived() {
        byte[] b = Arrays.copyOf(received, receivedLength);
        receivedLength = 0;
        return b;
    }

    synchronized boolean isOutputShut() {
        return outputShut || closed;
    }

    int interestOps() {
        return interest;
    }

    synchronized int reads() {
        return reads;
    }

    synchronized int emptyReads() {
        return emptyReads;
    }

    synchronized int writes() {
        return writes;
    }

    // ------------------------------------------------ connection side

    @Override
    synchronized int read(ByteBuffer dst) throws IOException {
        reads++;
        if (closed) {
            throw new ClosedChannelException();
        }
        int available = pendingEnd - pendingStart;
        if (available == 0) {
            emptyReads += clientShut ? 0 : 1;
            return clientShut ? -1 : 0;
        }
        int n = Math.min(available, dst.remaining());
        dst.put(pending, pendingStart, n);
        pendingStart += n;
        return n;
    }

    @Override
    synchronized long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long n = 0;
        for (int i = offset; i < offset + length; i++) {
            n += put(srcs[i]);
        }
        writes++;
        return n;
    }

    @Override
    synchronized int write(ByteBuffer src) throws IOException {
        writes++;
        return put(src);
    }

    private int put(ByteBuffer src) throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        if (outputShut) {
            throw new IOException("output already shut down");
        }
        int n = src.remaining();
        if (receivedLength + n > received.length) {
            received = Arrays.copyOf(received, Math.max(received.length * 2, receivedLength + n));
        }
        src.get(received, receivedLength, n);
        receivedLength += n;
        return n;
    }

    /** A handler on the driving thread waits for bytes that only this thread could send: it never gets them. */
    @Override
    void awaitOnLoop(int op, long timeoutMillis) throws IOException {
        if (op == SelectionKey.OP_READ && !readable()) {
            throw new SocketTimeoutException("the local client has sent no more bytes (send the whole request"
                    + " before the handler reads it)");
        }
    }

    @Override
    void interest(int ops) {
        interest = ops;
    }

    @Override
    synchronized boolean isRegistered() {
        return !closed;
    }

    @Override
    synchronized void shutdownOutput() {
        outputShut = true;
    }

    @Override
    synchronized void close() {
        closed = true;
    }

    @Override
    InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    InetSocketAddress localAddress() {
        return local;
    }

    @Override
    void proxiedAddresses(InetSocketAddress remote, InetSocketAddress local) {
        this.remote = remote;
        this.local = local;
    }
}
