package io.subito.container;

import io.subito.container.http.HttpParseException;
import io.subito.container.http.MalformedBodyException;
import io.subito.container.http.RequestHead;
import io.subito.container.http.RequestParser;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

import static io.subito.container.ConnectionState.ASYNC;
import static io.subito.container.ConnectionState.CLOSED;
import static io.subito.container.ConnectionState.CLOSING;
import static io.subito.container.ConnectionState.FLUSHING;
import static io.subito.container.ConnectionState.READING;
import static io.subito.container.ConnectionState.RUNNING;
import static io.subito.container.ConnectionState.UPGRADED;

/**
 * One client connection, owned for life by one {@link SelectorLoop}. The loop reads; once a
 * complete head is buffered, every complete request in the buffer runs as one batch (inline, on
 * a worker or on a virtual thread) and their responses leave in one gathering write. While a
 * batch runs the loop does not read, which is the back-pressure on pipelining clients.
 */
final class Connection implements Runnable {
    private static final System.Logger LOG = System.getLogger(Connection.class.getName());
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Connection.class, "state", ConnectionState.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final long id;
    final SelectorLoop loop;
    /** How the bytes travel: the socket (or memory, for LocalConnector). */
    final Transport transport;
    private final HttpServer server;
    private final ServerConfig config;
    /** The exchange's parser, while the connection holds one. */
    private RequestParser parser;
    /** Taken from the loop's pool with the input buffer, given back with it; null while idle. */
    private HttpExchange exchange;
    private RequestHead head;
    final byte[] oneByte = new byte[1];
    private byte[] scratch;
    int index = -1;

    /** The unread input, in an array of the loop's pool while a request is in hand. */
    final InputWindow input = new InputWindow(this);
    private int headEnd;
    private final OutputBuffer out;
    final ReadinessCallbacks readiness = new ReadinessCallbacks(this);
    final BatchTask batchTask = new BatchTask(this);
    private volatile Runnable onClosed;
    /** Lends {@link #out} to the loop while a handler runs on a worker, for stalled batches. */
    private final OutputLending lending;
    /** Writes the output, blocking or not, and parks a thread that must wait for the socket. */
    final BlockingIo io;
    /** Changed only by {@link #moveTo} and {@link #moveIf}. */
    private volatile ConnectionState state = READING;
    private long requests;
    private boolean closeAfter;
    private boolean bodyAllowed = true;
    private boolean resumeAfterAsync;
    long lastActive;
    long headStartedAt;
    private long closingSince;
    private final Runnable resumeWritten = () -> resumeOnLoop(true);
    private final Runnable resumeUnwritten = () -> resumeOnLoop(false);

    Connection(long id, SelectorLoop loop, Transport transport, HttpServer server) {
        this.id = id;
        this.loop = loop;
        this.transport = transport;
        this.server = server;
        this.config = server.config();
        this.out = new OutputBuffer();
        this.lending = new OutputLending(out, loop, !server.runsInline(), config.stallFlushMillis());
        this.io = new BlockingIo(this, out, lending, config);
        this.lastActive = loop.now();
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
            case CLOSING -> discardUntilEof();
            case ASYNC, RUNNING, UPGRADED -> readiness.fire(SelectionKey.OP_READ);
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
            default -> transport.interest(0);
        }
    }

    private void readAndDispatch() throws IOException {
        if (!input.isHeld()) {
            input.take(loop.buffers().acquire());
            takeExchange();
            parser.begin(0);
        } else if (input.isFull()) {
            compact();
        }
        boolean wasEmpty = !input.hasUnread();
        int n = input.readNow();
        if (n < 0) {
            close();
            return;
        }
        if (n == 0) {
            return;
        }
        if (wasEmpty) {
            headStartedAt = lastActive;
        }
        try {
            headEnd = parser.parse(input.buffer(), input.limit(), head);
        } catch (HttpParseException e) {
            moveTo(RUNNING);
            transport.interest(0);
            attachOutput();
            refuse(e.status(), e.getMessage());
            return;
        }
        if (headEnd >= 0) {
            moveTo(RUNNING);
            attachOutput();
            if (!server.runsInline()) {
                // a batch run inline finishes before the loop selects again: no need to stop reading
                transport.interest(0);
            }
            server.dispatch(this);
        }
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

    private void takeExchange() {
        exchange = loop.exchanges().acquire();
        exchange.bind(this);
        head = exchange.head;
        parser = exchange.parser;
    }

    /** No request in hand: the input buffer and the exchange go back to the loop's pools. */
    private void releaseInput() {
        loop.buffers().release(input.giveBack());
        exchange.head.recycle();
        exchange.bind(null);
        loop.exchanges().release(exchange);
        exchange = null;
        head = null;
        parser = null;
    }

    /** Moves a partial head to the front of the buffer; it is parsed again from the start. */
    private void compact() {
        input.compact();
        head.recycle();
        parser.begin(0);
    }

    /** After a batch: go back to reading, or finish writing first. Runs on the loop. */
    private void resumeOnLoop(boolean written) {
        if (state == CLOSED) {
            return;
        }
        if (!written) {
            moveTo(FLUSHING);
            transport.interest(SelectionKey.OP_WRITE);
            return;
        }
        if (closeAfter) {
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

    private void discardUntilEof() {
        ByteBuffer sink = ByteBuffer.wrap(scratch());
        try {
            if (transport.read(sink) < 0) {
                close();
            }
        } catch (IOException e) {
            close();
        }
    }

    /** Called once a second by the loop: idle, slow-head and lingering connections are closed here. */
    void reap(long now) {
        switch (state) {
            case READING -> {
                if (input.hasUnread()) {
                    if (now - headStartedAt > config.headTimeoutMillis()) {
                        LOG.log(System.Logger.Level.DEBUG, "closing connection {0}: request head too slow", id);
                        close();
                    }
                } else if (now - lastActive > config.keepAliveTimeoutMillis()) {
                    close();
                }
            }
            case CLOSING -> {
                if (now - closingSince > 2000) {
                    close();
                }
            }
            case FLUSHING -> {
                if (now - lastActive > config.ioTimeoutMillis()) {
                    close();
                }
            }
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
        if (input.isHeld() && (was == READING || was == FLUSHING || was == CLOSING)) {
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

    /** Loop side: the interest a readiness callback needs, unless the connection moved on meanwhile. */
    void setInterestIfNonBlocking(int ops) {
        ConnectionState s = state;
        if (transport.isRegistered() && s.reportsReadiness()) {
            transport.interest(ops);
        }
    }

    void runOnLoop(Runnable task) {
        if (onLoopThread()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    boolean isIdle() {
        return state == READING && !input.hasUnread();
    }

    // ---------------------------------------------------------------- batch side

    /** Runs a batch: every complete request in the buffer, in order, then one write. */
    @Override
    public void run() {
        try {
            if (resumeAfterAsync) {
                resumeAfterAsync = false;
                if (!afterExchange()) {
                    return;
                }
                if (!parseNext()) {
                    endBatch();
                    return;
                }
            }
            int served = 0;
            do {
                if (!serve()) {
                    return;
                }
                if (closeAfter) {
                    finishClose();
                    return;
                }
                if (++served >= config.maxPipelined()) {
                    io.writeOutput(null, true);
                    served = 0;
                }
            } while (parseNext());
            endBatch();
        } catch (HttpParseException e) {
            refuse(e.status(), e.getMessage());
        } catch (Throwable t) {
            abort(t);
        }
    }

    private boolean parseNext() throws HttpParseException {
        head.recycle();
        parser.begin(input.position());
        headEnd = parser.parse(input.buffer(), input.limit(), head);
        return headEnd >= 0;
    }

    /** Runs the handler for the parsed head; false when the exchange went async. */
    private boolean serve() throws IOException {
        io.nonBlockingOutput = false;
        exchange.begin(++requests);
        input.startBody(headEnd);
        bodyAllowed = !head.isHead();
        exchange.body.begin(head.contentLength(), head.isChunked(), head.expectsContinue());
        if (!exchange.body.fullyBuffered()) {
            makeRoomForBody();
        }
        lending.lend();
        try {
            server.handler().handle(exchange);
        } catch (Throwable t) {
            handlerFailed(t);
        }
        if (exchange.asyncTouched() && suspendForAsync()) {
            return false;
        }
        if (exchange.upgradeRequested()) {
            upgrade();
            return false;
        }
        return afterExchange();
    }

    /**
     * Sends the 101 response, then gives the socket to the new protocol: the bytes after this
     * request are its first input, never parsed as another HTTP request.
     */
    private void upgrade() throws IOException {
        java.util.function.Consumer<UpgradedConnection> target = exchange.takeUpgrade();
        HttpResponse r = exchange.response;
        if (!exchange.body.drain(config.maxBodyDrainBytes())) {
            closeAfter = true;
        }
        r.body().finish();
        r.recycle();
        if (closeAfter) {
            finishClose();
            return;
        }
        io.writeOutput(null, true);
        moveTo(UPGRADED);
        try {
            target.accept(new UpgradedConnection(this));
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, "upgrade handler failed on connection " + id, t);
            handBack(this::close);
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

    /** Loop side, from the stall scan: see {@link OutputLending}. */
    void flushIfStalled(long now) {
        if (lending.flushIfStalled(now, transport)) {
            lastActive = now;
        }
    }

    /**
     * ASYNC only if still RUNNING, and before the suspend CAS: another thread may already wait
     * on the socket for this async request (WAIT_READ) or, once suspended, resume the
     * connection; overwriting its state would lose its wake-up. Only requests that started
     * async pay for these atomics.
     */
    private boolean suspendForAsync() {
        boolean marked = moveIf(RUNNING, ASYNC);
        if (exchange.suspendIfAsync()) {
            return true;
        }
        if (marked) {
            moveIf(ASYNC, RUNNING);
        }
        return false;
    }

    /** Ends the connection without completing a response that is already partly sent. */
    private static final class AbortException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AbortException(Throwable cause) {
            super(cause);
        }
    }

    private void handlerFailed(Throwable t) {
        if (t instanceof MalformedBodyException bad) {
            closeAfter = true;
            replaceResponse(bad.status(), bad.getMessage());
            return;
        }
        LOG.log(System.Logger.Level.ERROR, "handler failed for " + head.method() + " " + head.rawPath(), t);
        if (exchange.response.committed) {
            // part of the response is out: ending it normally would pass a broken body off as whole
            throw new AbortException(t);
        }
        replaceResponse(500, null);
    }

    private void replaceResponse(int status, String detail) {
        HttpResponse r = exchange.response;
        if (!r.committed) {
            r.reset();
            r.status(status);
            if (detail != null) {
                r.setHeader("Content-Type", "text/plain;charset=UTF-8");
                try {
                    r.output().write((status + " " + HttpStatus.reason(status) + ": " + detail + "\n")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // buffered write of a short text cannot fail before commit
                }
            }
        }
    }

    /** Completes the response and skips any unread body; false if the connection was closed. */
    private boolean afterExchange() throws IOException {
        HttpResponse r = exchange.response;
        r.body().finish();
        closeAfter |= r.body().shortOfDeclaredLength() || r.aborted;
        try {
            if (!closeAfter && !exchange.body.drain(config.maxBodyDrainBytes())) {
                closeAfter = true;
            }
        } catch (MalformedBodyException e) {
            closeAfter = true;
        }
        r.recycle();
        if (out.size() >= config.writeHighWater()) {
            io.writeOutput(null, true);
        }
        if (closeAfter) {
            finishClose();
            return false;
        }
        return true;
    }

    /** A body that is not all here yet needs room behind its head: move the head to the front. */
    private void makeRoomForBody() {
        int start = parser.headStart();
        if (start == 0 || input.room() >= 4096) {
            return;
        }
        input.moveToFront(start);
        head.shift(-start);
        headEnd -= start;
        parser.begin(0);
    }

    void resumeAfterAsync() {
        readiness.clear();
        resumeAfterAsync = true;
        moveTo(RUNNING);
        server.dispatch(this);
    }

    private void endBatch() throws IOException {
        handBack(io.writeOutput(null, false) ? resumeWritten : resumeUnwritten);
    }

    /** The last response leaves (the loop finishes it if the client is slow), then the half-close. */
    private void finishClose() {
        boolean written;
        try {
            written = io.writeOutput(null, false);
        } catch (IOException e) {
            handBack(this::close);
            return;
        }
        handBack(written ? this::shutdownAndLinger : resumeUnwritten);
    }

    private void shutdownAndLinger() {
        try {
            transport.shutdownOutput();
        } catch (IOException e) {
            close();
            return;
        }
        linger();
    }

    /** Half-closed: wait for the client's FIN so our last response is not reset by unread data. */
    private void linger() {
        if (state == CLOSED) {
            return;
        }
        moveTo(CLOSING);
        closingSince = loop.now();
        transport.interest(SelectionKey.OP_READ);
    }

    private void abort(Throwable t) {
        if (!(t instanceof IOException) && !(t instanceof AbortException)) {
            LOG.log(System.Logger.Level.ERROR, "connection " + id + " failed", t);
        }
        handBack(this::close);
    }

    private void refuse(int status, String reason) {
        LOG.log(System.Logger.Level.DEBUG, "refused request on connection {0}: {1} {2}", id, status, reason);
        ErrorResponse.write(out, status, reason);
        closeAfter = true;
        finishClose();
    }

    void handBackToLoop() {
        loop.execute(this);
    }

    private void handBack(Runnable task) {
        if (onLoopThread()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    // ---------------------------------------------------------------- response output

    /** Encodes the head with the framing {@link ResponseFraming} decides, and whether the connection stays open. */
    void commitHead(HttpResponse r, boolean complete, long total) {
        r.runBeforeCommit();
        r.committed = true;
        int st = r.status;
        int minor = head.minorVersion();
        ResponseEncoder.Framing framing = ResponseFraming.decide(st, r.contentLength, complete, r.trailers != null, minor);
        long length = framing == ResponseEncoder.Framing.LENGTH ? ResponseFraming.length(r.contentLength, total) : -1;
        bodyAllowed &= !ResponseFraming.bodyless(st);
        r.chunked = framing == ResponseEncoder.Framing.CHUNKED && bodyAllowed;
        boolean close = ResponseFraming.closes(framing, bodyAllowed, closeAfter || r.closeConnection,
                head.keepAliveRequested(), server.isStopping(), exchange.body.worthDraining(config.maxBodyDrainBytes()));
        closeAfter |= close;
        ResponseEncoder.encode(r, out, exchange.headCache, exchange.headerLines, framing, length, close,
                ResponseFraming.announcesKeepAlive(close, minor), clockForDate());
    }

    /**
     * On the loop, the time it read when it took this connection's key is fresh (inline handlers
     * do not block for long, and a wait for the socket refreshes it); a worker may have run for
     * any time, so it reads the clock.
     */
    private long clockForDate() {
        return loop.isLoopThread() ? loop.now() : System.currentTimeMillis();
    }

    boolean sendsBody() {
        return bodyAllowed;
    }

    /** For appending; a lent buffer stays lent (it takes itself back before its bytes move). */
    OutputBuffer output() {
        return out;
    }

    void sendContinue() throws IOException {
        lending.reclaim();
        if (!exchange.response.committed) {
            out.put(ErrorResponse.CONTINUE);
            io.writeOutput(null, true);
        }
    }

    /**
     * A request going async must not hold back the responses before it in its batch. Called by
     * the handler's own thread in startAsync, before the exchange can be completed elsewhere.
     */
    void writeEarlierResponses() {
        try {
            io.writeOutput(null, false);
        } catch (IOException e) {
            // the connection is broken; the exchange's own write fails and ends it
        }
    }

    byte[] scratch() {
        if (scratch == null) {
            scratch = new byte[8192];
        }
        return scratch;
    }

    boolean onLoopThread() {
        return loop.isLoopThread();
    }

    InetSocketAddress remoteAddress() {
        return transport.remoteAddress();
    }

    InetSocketAddress localAddress() {
        return transport.localAddress();
    }

    /** For logs and debugging: the state of every piece, e.g. {@code connection 7 RUNNING input 0..412 output 96 lent}. */
    @Override
    public String toString() {
        return "connection " + id + " " + state + (input.isHeld() ? " input " + input.position() + ".." + input.limit() : " no input")
                + " " + lending;
    }
}
