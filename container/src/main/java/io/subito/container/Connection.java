package io.subito.container;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

import static io.subito.container.ConnectionState.CLOSED;
import static io.subito.container.ConnectionState.CLOSING;
import static io.subito.container.ConnectionState.FLUSHING;
import static io.subito.container.ConnectionState.READING;
import static io.subito.container.ConnectionState.RUNNING;

/**
 * One client connection, owned for life by one {@link EventLoop}, and its lifecycle: the
 * {@link ConnectionState} (changed only by {@link #moveTo} and {@link #moveIf}), what the loop does
 * when the socket is ready, the reaper's timeouts, going back to reading after a batch, the
 * half-close and the close. The jobs are in pieces it owns:
 * <ul>
 * <li>{@link Transport}: how the bytes travel (the socket, later TLS);
 * <li>{@link InputWindow}: the unread input, in an array of the loop's pool while a request is in hand;
 * <li>{@link BatchRunner}: what the bytes mean, HTTP/1.1; every complete request in the input runs
 *     as one batch (inline, on a worker or on a virtual thread) and their responses leave in one
 *     gathering write; an {@code Upgrade} hands the connection over to another protocol;
 * <li>{@link OutputBuffer} and {@link OutputLending}: the batch's output, which the loop may send
 *     early while a handler stalls;
 * <li>{@link BlockingIo}: writing the output, and a thread waiting for the socket;
 * <li>{@link ProxyHeaderStep}: with proxyProtocol, the PROXY header read before the first request.
 * </ul>
 * While a batch runs the loop does not read, which is the back-pressure on pipelining clients.
 */
final class Connection implements Runnable {
    private static final System.Logger LOG = System.getLogger(Connection.class.getName());
    private static final VarHandle STATE;
    /** Where skipped bytes go (an unread body, what a half-closed client still sends). */
    private static final int SCRATCH_BYTES = 8192;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Connection.class, "state", ConnectionState.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final long id;
    final EventLoop loop;
    /** How the bytes travel: the socket (or memory, for LocalConnector). */
    final Transport transport;
    final HttpServer server;
    final ServerConfig config;
    final byte[] oneByte = new byte[1];
    private byte[] scratch;
    int index = -1;

    /** The unread input, in an array of the loop's pool while a request is in hand. */
    final InputWindow input;
    final OutputBuffer out;
    final ReadinessCallbacks readiness = new ReadinessCallbacks(this);
    final BatchTask batchTask = new BatchTask(this);
    private volatile Runnable onClosed;
    /** An upgraded protocol's goodbye at a graceful stop; run once. */
    private volatile Runnable onServerStop;
    /** Lends {@link #out} to the loop while a handler runs on a worker, for stalled batches. */
    final OutputLending lending;
    /** Writes the output, blocking or not, and parks a thread that must wait for the socket. */
    final BlockingIo io;
    /** What the bytes mean: HTTP/1.1 requests served in batches. */
    final BatchRunner runner;
    /** How the connection ends after its last HTTP/1.1 response. */
    final ConnectionEnd end = new ConnectionEnd(this);
    /** The HTTP/2 protocol handler, once the connection speaks HTTP/2; null before. */
    private Http2Link h2;
    /** Changed only by {@link #moveTo} and {@link #moveIf}. */
    private volatile ConnectionState state = READING;
    long lastActive;
    long headStartedAt;
    /** proxyProtocol is on and the connection's PROXY header has not been read yet; else null. */
    private ProxyHeaderStep proxyHeader;

    Connection(long id, EventLoop loop, Transport transport, HttpServer server) {
        this.id = id;
        this.loop = loop;
        this.transport = transport;
        this.server = server;
        this.config = server.config();
        this.input = new InputWindow(this, transport, loop);
        this.out = new OutputBuffer();
        this.lending = new OutputLending(out, loop, !server.runsInline(), config.stallFlushMillis());
        this.io = new BlockingIo(this, out, lending, config);
        this.runner = new BatchRunner(this);
        this.lastActive = loop.now();
        transport.attach(this);
        // over TLS the header comes before the ClientHello: the transport reads it
        this.proxyHeader = config.proxyProtocol() && !transport.isSecure() ? new ProxyHeaderStep(this) : null;
        this.headStartedAt = lastActive; // with proxyProtocol, the header's time starts at accept
    }

    // ---------------------------------------------------------------- state

    /** The one place the state changes (with {@link #moveIf}); see {@link ConnectionState} for who moves it when. */
    void moveTo(ConnectionState next) {
        state = next;
    }

    /** Moves to {@code next} only from {@code expected}: where the loop and another thread may race. */
    boolean moveIf(ConnectionState expected, ConnectionState next) {
        return STATE.compareAndSet(this, expected, next);
    }

    ConnectionState state() {
        return state;
    }

    // ---------------------------------------------------------------- loop side

    void onReadable() throws IOException {
        switch (state) {
            case READING -> readAndDispatch();
            case WAIT_READ -> io.wake();
            case CLOSING -> end.onReadable();
            case ASYNC, RUNNING, UPGRADED -> readiness.fire(SelectionKey.OP_READ);
            case HTTP2 -> h2.onReadable();
            default -> transport.interest(0);
        }
    }

    void onWritable() throws IOException {
        switch (state) {
            case WAIT_WRITE -> io.wake();
            case FLUSHING -> {
                if (io.writeOutput(null, false)) {
                    resumeOnLoop(true);
                }
            }
            case ASYNC, RUNNING, UPGRADED -> readiness.fire(SelectionKey.OP_WRITE);
            case HTTP2 -> h2.onWritable();
            case READING -> transport.onWritableWhileReading();
            default -> transport.interest(0);
        }
    }

    private void readAndDispatch() throws IOException {
        if (!input.isHeld()) {
            input.take(loop.buffers().acquire());
            runner.takeExchange();
        } else if (input.isFull()) {
            input.compact();
            runner.restartHead();
        }
        boolean wasEmpty = !input.hasUnread();
        int n = input.readNow();
        if (n < 0) {
            close();
            return;
        }
        if (n == 0) {
            if (wasEmpty) {
                releaseInput(); // nothing arrived for the protocol (TLS: handshake records only)
            }
            return;
        }
        if (wasEmpty && proxyHeader == null) {
            headStartedAt = lastActive;
        }
        if (proxyHeader != null && !takeProxyHeader()) {
            return;
        }
        runner.onInput();
    }

    /**
     * With proxyProtocol: the PROXY header is cut from the front of the input (see
     * {@link ProxyHeaderStep}). False while more bytes are needed, when nothing follows the
     * header yet, or when the connection was closed.
     */
    private boolean takeProxyHeader() {
        if (!proxyHeader.take()) {
            return false;
        }
        proxyHeader = null;
        if (!input.hasUnread()) {
            releaseInput(); // an idle connection holds no buffer, header read or not
            return false;
        }
        return true;
    }

    /** Loop side: HTTP/2 from now on (the client's preface starts the input window, or ALPN chose h2). */
    void switchToHttp2() {
        if (input.isHeld()) {
            runner.releaseExchange();
        }
        becomeHttp2().start();
    }

    /**
     * Loop side: the first request may have h2c (see {@code H2cSwitch}): the 101, the server's
     * preface, then the request, body {@code input[bodyStart, bodyStart + bodyLength)}, on stream 1.
     */
    void switchToH2c(byte[] settings, byte[] streamHead, boolean headRequest, int bodyStart, int bodyLength) {
        runner.releaseExchange();
        becomeHttp2().startUpgraded(settings, streamHead, headRequest, bodyStart, bodyLength);
    }

    private Http2Link becomeHttp2() {
        moveTo(ConnectionState.HTTP2);
        return h2 = new Http2Link(this);
    }

    /** Loop side, graceful stop of a busy connection: HTTP/2 sends GOAWAY; an upgraded protocol its goodbye (WebSocket: 1001). */
    void stopping() {
        Runnable r = onServerStop;
        if (state == ConnectionState.HTTP2) {
            h2.stop();
        } else if (state == ConnectionState.UPGRADED && r != null) {
            onServerStop = null;
            r.run();
        }
    }

    /**
     * Loop side: the protocol handler has a batch to run (or a refusal to send). The connection is
     * the batch's until it is handed back; the output borrows a pooled array meanwhile. The loop
     * does not read while the batch runs, but it keeps watching the socket: a request per round
     * trip (the common case) brings nothing until its response is out, so turning the interest
     * off and on again would cost two {@code epoll_ctl} calls per request for nothing. Bytes that
     * do arrive meanwhile (a pipelining client, a body still coming) find the connection RUNNING
     * and turn the interest off then ({@link ReadinessCallbacks#fire}): the back-pressure on a
     * pipelining client, one readiness late.
     */
    void beginBatch() {
        moveTo(RUNNING);
        attachOutput();
    }

    /** Loop side, before a batch: the output borrows an array of the loop's pool until the batch has ended. */
    private void attachOutput() {
        if (out.detached()) {
            ByteBuffer b = loop.buffers().acquire();
            if (!out.attach(b)) {
                loop.buffers().release(b);
            }
        }
    }

    /** No request in hand: the input buffer and the exchange go back to the loop's pools. */
    private void releaseInput() {
        loop.buffers().release(input.giveBack());
        runner.releaseExchange();
    }

    /** After a batch: go back to reading, or finish writing first. Runs on the loop. */
    void resumeOnLoop(boolean written) {
        if (state == CLOSED) {
            return;
        }
        if (!written) {
            moveTo(FLUSHING);
            transport.interest(SelectionKey.OP_WRITE);
            return;
        }
        if (runner.closesAfterBatch()) {
            shutdownAndLinger();
            return;
        }
        if (server.isStopping()) {
            close();
            return;
        }
        moveTo(READING);
        loop.buffers().release(out.detach());
        if (!input.hasUnread()) {
            releaseInput();
        } else {
            headStartedAt = loop.now();
        }
        transport.interest(SelectionKey.OP_READ);
    }

    /** The last response is out: close at once or half-close and linger (see {@link ConnectionEnd}). */
    void shutdownAndLinger() {
        end.afterLastWrite();
    }

    /** Called once a second by the loop: idle, slow-head and lingering connections are closed here. */
    void reap(long now) {
        switch (state) {
            case READING -> {
                if (transport.handshakeTimedOut(now)) {
                    close();
                } else if (proxyHeader != null) {
                    proxyHeader.reap(now, headStartedAt, config.headTimeoutMillis());
                } else if (input.hasUnread()) {
                    if (now - headStartedAt > config.headTimeoutMillis()) {
                        LOG.log(System.Logger.Level.DEBUG, "closing connection {0}: request head too slow", id);
                        close();
                    }
                } else if (now - lastActive > config.keepAliveTimeoutMillis()) {
                    close();
                }
            }
            case CLOSING -> {
                if (end.lingeredTooLong(now)) {
                    close();
                }
            }
            case FLUSHING -> {
                if (now - lastActive > config.ioTimeoutMillis()) {
                    close();
                }
            }
            case HTTP2 -> h2.reap(now);
            default -> {
            }
        }
    }

    /** Closes the connection now, on the loop thread. */
    void close() {
        ConnectionState was = state;
        if (was == CLOSED) {
            return;
        }
        moveTo(CLOSED);
        transport.close();
        if (was == ConnectionState.HTTP2) {
            h2.closed();
        } else if (input.isHeld() && (was == READING || was == FLUSHING || was == CLOSING)) {
            // only a buffer no request thread can still be reading goes back to the pool
            releaseInput();
            loop.buffers().release(out.detach());
        }
        loop.removed(this);
        io.unparkOnClose();
        readiness.fireAll();
        Runnable closed = onClosed;
        if (closed != null) {
            onClosed = null;
            closed.run();
        }
    }

    /** Loop side, after an upgrade to direct I/O: the input and output arrays and the exchange go back to the pools. */
    void releaseAfterUpgrade() {
        if (state == CLOSED) {
            return; // a closed connection's buffers are left to the garbage collector: a thread may still hold them
        }
        if (input.isHeld()) {
            releaseInput();
        }
        loop.buffers().release(out.detach());
    }

    void onServerStop(Runnable r) {
        onServerStop = r;
    }

    /** Loop side: the interest a readiness callback needs, unless the connection moved on meanwhile. */
    void setInterestIfNonBlocking(int ops) {
        ConnectionState s = state;
        if (transport.isRegistered() && s.reportsReadiness()) {
            transport.interest(ops);
        }
    }

    /**
     * For the log line of a graceful stop that cuts this connection: "GET /x (app /a), running for
     * N ms", or null when no request is running on it. Any thread.
     */
    String describeRunning(long now) {
        ConnectionState s = state;
        if (s == ConnectionState.HTTP2) {
            return h2.describe();
        }
        if (s != RUNNING && s != ConnectionState.WAIT_READ && s != ConnectionState.WAIT_WRITE && s != ConnectionState.ASYNC) {
            return null;
        }
        return runner.describeRunning(now);
    }

    boolean isIdle() {
        return state == READING && !input.hasUnread();
    }

    // ---------------------------------------------------------------- batch side

    /** Loop side, from the stall scan: see {@link OutputLending}. */
    void flushIfStalled(long now) {
        if (h2 != null) {
            h2.splitStalled();
        }
        if (lending.flushIfStalled(now, transport)) {
            lastActive = now;
        }
    }

    void onClose(Runnable r) {
        onClosed = r;
    }

    boolean isOpen() {
        ConnectionState s = state;
        return s.isOpen();
    }

    /** Closes from any thread, after pending output is written (or offered once, when non-blocking). */
    void closeFromAnyThread() {
        try {
            io.writeOutput(null, true);
        } catch (IOException ignored) {
            // closing anyway
        }
        handBack(this::close);
    }

    /** Runs a batch (the executor's task): see {@link BatchRunner#run}. */
    @Override
    public void run() {
        runner.run();
    }

    void handBackToLoop() {
        loop.execute(this);
    }

    /** Runs {@code task} on the loop: now if this is the loop thread, else soon. */
    void handBack(Runnable task) {
        if (onLoopThread()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    /** For appending; a lent buffer stays lent (it takes itself back before its bytes move). */
    OutputBuffer output() {
        return out;
    }

    byte[] scratch() {
        if (scratch == null) {
            scratch = new byte[SCRATCH_BYTES];
        }
        return scratch;
    }

    /** Runs the batch here, on the loop (execution=inline). */
    void runInline() {
        loop.runInline(this);
    }

    boolean onLoopThread() {
        return loop.isLoopThread();
    }

    HttpServer server() {
        return server;
    }

    /** For logs and debugging: the state of every piece, e.g. {@code connection 7 RUNNING input 0..412 output 96 lent}. */
    @Override
    public String toString() {
        return "connection " + id + " " + state + (h2 != null ? " " + h2.describe() : "") + (input.isHeld() ? " input " + input.position() + ".." + input.limit() : " no input")
                + " " + lending + (transport.isSecure() ? " " + transport : "");
    }
}
