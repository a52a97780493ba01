package io.subito.container;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * A connection handed over to another protocol after a 101 response (HTTP upgrade). Its bytes
 * are raw both ways; the bytes the client sent after the upgrade request are its first input.
 * Reads and writes may block the calling thread, or be driven without blocking: ask
 * {@link #inputReadyNow()} / {@link #outputReadyNow()} and, when they answer false, register
 * a callback that the selector loop runs once the socket is ready.
 */
public final class UpgradedConnection {
    private final Connection connection;
    private final InputStream input = new RawInput();
    private final OutputStream output = new RawOutput();
    /** In direct mode: what the client sent after the upgrade request, not yet read; null once read. */
    private ByteBuffer leftover;
    private boolean direct;

    UpgradedConnection(Connection connection) {
        this.connection = connection;
    }

    public InputStream input() {
        return input;
    }

    public OutputStream output() {
        return output;
    }

    /** Whether a read returns without waiting (data, end of stream, or an error to report). */
    public boolean inputReadyNow() throws IOException {
        InputWindow in = connection.input;
        return in.hasUnread() || in.fillNow() != 0 || in.isFull();
    }

    /** {@code r} runs once on the selector loop when the socket is readable or closed; it must hand work off. */
    public void whenReadable(Runnable r) {
        connection.readiness.whenReadable(r);
    }

    /** From now on writes never wait for the client; pending bytes stay buffered. */
    public void nonBlockingOutput() {
        connection.io.nonBlockingOutput = true;
    }

    /** Offers pending output to the socket; true when nothing is left waiting. */
    public boolean outputReadyNow() throws IOException {
        return connection.io.writeOutput(null, false);
    }

    /** {@code r} runs once on the selector loop when the socket is writable or closed; it must hand work off. */
    public void whenWritable(Runnable r) {
        connection.readiness.whenWritable(r);
    }

    /** {@code r} runs once when the connection closes, whoever closes it. */
    public void onClose(Runnable r) {
        connection.onClose(r);
    }

    public boolean isOpen() {
        return connection.isOpen();
    }

    public void close() {
        connection.closeFromAnyThread();
    }

    // ---------------------------------------------------------------- direct mode

    /**
     * Switches to direct I/O for a protocol that keeps its own buffers (WebSocket): the pooled
     * input and output arrays and the HTTP exchange go back to the loop's pools, so an idle
     * connection holds none of them. From now on use {@link #read(ByteBuffer)} and
     * {@link #write(ByteBuffer[], int, int)}, never {@link #input()} or {@link #output()}. Call it
     * once, from the upgrade's consumer, before anything else is read or written.
     */
    public void directIo() {
        if (direct) {
            return;
        }
        direct = true;
        InputWindow in = connection.input;
        if (in.isHeld() && in.hasUnread()) {
            int n = in.limit() - in.position();
            leftover = ByteBuffer.allocate(n).put(in.buffer(), in.position(), n).flip();
            in.advance(n);
        }
        connection.handBack(connection::releaseAfterUpgrade);
    }

    /** Direct mode: reads what is there without waiting; the bytes read, 0 if none, -1 at the end of the stream. */
    public int read(ByteBuffer dst) throws IOException {
        ByteBuffer l = leftover;
        if (l != null) {
            int n = Math.min(l.remaining(), dst.remaining());
            dst.put(dst.position(), l, l.position(), n).position(dst.position() + n);
            l.position(l.position() + n);
            if (!l.hasRemaining()) {
                leftover = null;
            }
            return n;
        }
        int n = connection.transport.read(dst);
        if (n > 0) {
            connection.lastActive = connection.loop.now();
        }
        return n;
    }

    /** Direct mode: writes what the socket takes now, without waiting; the bytes taken. */
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return connection.transport.write(srcs, offset, length);
    }

    /** Direct mode: bytes the transport took but has not sent yet (TLS records); a write is complete only without them. */
    public boolean hasPendingOutput() {
        return connection.transport.hasPendingOutput();
    }

    /**
     * {@code r} runs once, on the selector loop, when the server begins a graceful stop: the
     * protocol may say goodbye (WebSocket: close code 1001) before the grace period ends and the
     * connection is cut. It must hand work off.
     */
    public void onServerStop(Runnable r) {
        connection.onServerStop(r);
    }

    private final class RawInput extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = connection.oneByte;
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] dst, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, dst.length);
            if (len == 0) {
                return 0;
            }
            InputWindow in = connection.input;
            if (!in.hasUnread() && !in.fill()) {
                return -1;
            }
            int n = Math.min(len, in.limit() - in.position());
            System.arraycopy(in.buffer(), in.position(), dst, off, n);
            in.advance(n);
            return n;
        }

        @Override
        public int available() {
            return connection.input.limit() - connection.input.position();
        }
    }

    private final class RawOutput extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            connection.output().put((byte) b);
            connection.io.writeOutputIfFull();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            connection.output().put(b, off, len);
            connection.io.writeOutputIfFull();
        }

        @Override
        public void flush() throws IOException {
            connection.io.writeOutput(null, true);
        }

        @Override
        public void close() {
            UpgradedConnection.this.close();
        }
    }
}
