package io.subito.container;

import io.subito.container.http.InputSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

/**
 * A connection's input: the unread bytes {@code [pos, lim)} of an array borrowed from the loop's
 * {@link BufferPool} while the connection has a request in hand (an idle connection holds none).
 * The parser marks heads in place in this array and bodies are read out of it, so a head's bytes
 * must stay where they are while its request is served: an emptied window restarts just past the
 * head ({@link #startBody}), and only {@link #compact} and {@link #moveToFront}, which the protocol
 * handler calls between heads, move bytes.
 *
 * <p>The loop fills it without waiting ({@link #readNow}); a handler reading a body fills it with
 * {@link #fill}, which waits for the socket (first sending the responses before it in its batch:
 * the client may wait for them before it sends more).
 */
final class InputWindow implements InputSource {
    private final Connection connection;
    private final Transport transport;
    private final EventLoop loop;
    private byte[] in;
    private ByteBuffer view;
    private int pos;
    private int lim;
    /** Where an emptied window restarts: just past the head whose body is being read. */
    private int keep;

    InputWindow(Connection connection, Transport transport, EventLoop loop) {
        this.connection = connection;
        this.transport = transport;
        this.loop = loop;
    }

    /** Whether an array is borrowed (a request is in hand or arriving). */
    boolean isHeld() {
        return in != null;
    }

    /** Loop side: borrows {@code pooled}'s array, empty. */
    void take(ByteBuffer pooled) {
        view = pooled;
        in = pooled.array();
        pos = 0;
        lim = 0;
        keep = 0;
    }

    /** Loop side: lets go of the array; returns the pool's buffer to give back. */
    ByteBuffer giveBack() {
        ByteBuffer b = view;
        in = null;
        view = null;
        pos = 0;
        lim = 0;
        keep = 0;
        return b;
    }

    boolean hasUnread() {
        return pos < lim;
    }

    /** No room for more input: a read must consume what is buffered first (or fail). */
    boolean isFull() {
        return lim == in.length;
    }

    /** Room left behind the unread bytes. */
    int room() {
        return in.length - lim;
    }

    /** Moves the unread bytes (a partial head) to the front of the array. */
    void compact() {
        System.arraycopy(in, pos, in, 0, lim - pos);
        lim -= pos;
        pos = 0;
        keep = 0;
    }

    /** Moves the bytes from {@code start} on to the front: a head and the start of its body, to make room for the rest. */
    void moveToFront(int start) {
        System.arraycopy(in, start, in, 0, lim - start);
        pos -= start;
        lim -= start;
        keep -= start;
    }

    /** Cuts the first {@code n} bytes (a PROXY protocol header) off a window nothing was read from yet. */
    void dropFront(int n) {
        lim -= n;
        System.arraycopy(in, n, in, 0, lim);
    }

    /** The body of the head ending at {@code headEnd} starts there; the head's bytes stay put until the next head. */
    void startBody(int headEnd) {
        pos = headEnd;
        keep = headEnd;
    }

    /** One read that does not wait, behind the bytes already here: the bytes read, 0 if none, -1 at the end of the stream. */
    int readNow() throws IOException {
        int n = transport.read(view.limit(in.length).position(lim));
        if (n > 0) {
            lim += n;
            connection.lastActive = loop.now();
        }
        return n;
    }

    /** Like {@link #readNow}, after restarting an emptied window; 0 also when it is full. */
    int fillNow() throws IOException {
        restartIfEmpty();
        if (lim == in.length) {
            return 0;
        }
        return readNow();
    }

    private void restartIfEmpty() {
        if (pos >= lim) {
            pos = keep;
            lim = keep;
        }
    }

    // ---------------------------------------------------------------- InputSource: bodies

    @Override
    public byte[] buffer() {
        return in;
    }

    @Override
    public int position() {
        return pos;
    }

    @Override
    public int limit() {
        return lim;
    }

    @Override
    public void advance(int n) {
        pos += n;
    }

    @Override
    public boolean fill() throws IOException {
        restartIfEmpty();
        while (true) {
            if (lim == in.length) {
                throw new IOException("no room in the input buffer");
            }
            int n = readNow();
            if (n > 0) {
                return true;
            }
            if (n < 0) {
                return false;
            }
            // the client may wait for earlier responses of the batch before it sends more
            connection.io.writeOutput(null, true);
            connection.io.await(SelectionKey.OP_READ);
        }
    }
}
