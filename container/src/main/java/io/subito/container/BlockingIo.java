package io.subito.container;

import static io.subito.container.ConnectionState.CLOSED;
import static io.subito.container.ConnectionState.WAIT_READ;
import static io.subito.container.ConnectionState.WAIT_WRITE;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.concurrent.locks.LockSupport;

/**
 * Waiting for the socket. A handler's thread that needs body bytes the client has not sent, or
 * room the socket does not have, parks; the connection moves to WAIT_READ / WAIT_WRITE, the loop
 * watches the socket for it and unparks it on readiness ({@link #wake}), on close, or the thread
 * gives up after {@code ioTimeoutMillis}. A batch run inline on the loop cannot park (it is the
 * thread that would unpark it): the transport waits on a private selector instead.
 *
 * <p>Output leaves here: {@link #writeOutput} is the batch's one gathering write of everything
 * pending, blocking until all is out or, for a non-blocking exchange, leaving the rest buffered.
 */
final class BlockingIo {
    private static final ByteBuffer[] NOTHING = new ByteBuffer[0];
    private final Connection c;
    private final OutputBuffer out;
    private final OutputLending lending;
    /** Read once: without lending, a write never looks at the lending object. */
    private final boolean lends;
    private final Transport transport;
    private final EventLoop loop;
    private final int writeHighWater;
    private final long ioTimeoutMillis;
    /** Set by an exchange with a write listener: response writes never wait for the client. */
    boolean nonBlockingOutput;
    private volatile Thread waiter;
    /** The state to go back to when the wait ends. */
    private ConnectionState stateBeforeWait;
    private final Runnable armRead = () -> arm(WAIT_READ, SelectionKey.OP_READ);
    private final Runnable armWrite = () -> arm(WAIT_WRITE, SelectionKey.OP_WRITE);

    BlockingIo(Connection c, OutputBuffer out, OutputLending lending, ServerConfig config) {
        this.c = c;
        this.out = out;
        this.lending = lending;
        this.lends = lending.isEnabled();
        this.transport = c.transport;
        this.loop = c.loop;
        this.writeHighWater = config.writeHighWater();
        this.ioTimeoutMillis = config.ioTimeoutMillis();
    }

    /** Writes (blocking) once the pending output passes {@code writeHighWater}. */
    void writeOutputIfFull() throws IOException {
        if (out.size() >= writeHighWater) {
            writeOutput(null, true);
        }
    }

    /**
     * One gathering write of everything pending, plus {@code extra}. When blocking, waits for the
     * socket until all is written; otherwise returns false with bytes left.
     */
    boolean writeOutput(ByteBuffer extra, boolean block) throws IOException {
        if (lends && lending.isLent() && !loop.isLoopThread()) {
            lending.reclaim();
        }
        block &= !nonBlockingOutput;
        while (true) {
            boolean drained = out.isEmpty() && (extra == null || !extra.hasRemaining());
            if (drained && !transport.hasPendingOutput()) {
                return true;
            }
            long n;
            if (drained) {
                n = transport.write(NOTHING, 0, 0); // only what the transport itself still holds (TLS records)
            } else {
                n = transport.write(out.gather(extra), 0, extra == null ? 1 : 2);
                out.consumed();
            }
            if (n > 0) {
                c.lastActive = loop.now();
            }
            boolean pending = transport.hasPendingOutput();
            if (!pending && out.isEmpty() && (extra == null || !extra.hasRemaining())) {
                return true;
            }
            if (!block) {
                keepUnwritten(extra);
                return false;
            }
            if (n == 0 || pending) {
                await(SelectionKey.OP_WRITE);
            }
        }
    }

    /** What the socket did not take of a caller's buffer is copied, as the caller reuses it. */
    private void keepUnwritten(ByteBuffer extra) {
        if (extra != null && extra.hasRemaining()) {
            out.put(extra.array(), extra.arrayOffset() + extra.position(), extra.remaining());
            extra.position(extra.limit());
        }
    }

    /** Waits until the socket is ready for {@code op}, without holding the loop (unless we are the loop). */
    void await(int op) throws IOException {
        if (loop.isLoopThread()) {
            transport.awaitOnLoop(op, ioTimeoutMillis);
            return;
        }
        ConnectionState waitState = op == SelectionKey.OP_READ ? WAIT_READ : WAIT_WRITE;
        stateBeforeWait = c.state();
        waiter = Thread.currentThread();
        c.moveTo(waitState);
        loop.execute(op == SelectionKey.OP_READ ? armRead : armWrite);
        long deadline = System.nanoTime() + ioTimeoutMillis * 1_000_000L;
        while (c.state() == waitState) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                if (c.moveIf(waitState, stateBeforeWait)) {
                    waiter = null;
                    throw new SocketTimeoutException("client did not " + (op == SelectionKey.OP_READ ? "send" : "read")
                            + " for " + ioTimeoutMillis + " ms");
                }
            }
            LockSupport.parkNanos(this, Math.max(left, 1));
        }
        waiter = null;
        if (c.state() == CLOSED) {
            throw new IOException("connection closed");
        }
    }

    /** Loop side: the socket is ready for the parked thread. */
    void wake() {
        transport.interest(0);
        c.moveTo(stateBeforeWait);
        LockSupport.unpark(waiter);
    }

    private void arm(ConnectionState waitState, int ops) {
        if (c.state() == waitState && transport.isRegistered()) {
            transport.interest(ops);
        }
    }

    /** Loop side, at close: a parked thread wakes and finds the connection closed. */
    void unparkOnClose() {
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }
}
