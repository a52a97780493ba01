package io.subito.container;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

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
