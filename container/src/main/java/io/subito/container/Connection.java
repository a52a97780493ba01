package io.subito.container;

import io.subito.container.guard.Guard;
import io.subito.container.http.HttpParseException;
import io.subito.container.http.InputSource;
import io.subito.container.http.MalformedBodyException;
import io.subito.container.http.RequestHead;
import io.subito.container.http.RequestParser;
import io.subito.container.proxy.ProxyHeader;
import io.subito.container.proxy.ProxyProtocolDecoder;
import io.subito.container.proxy.ProxyProtocolException;
import io.subito.container.proxy.TrustedProxies;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;

/**
 * One client connection, owned for life by one {@link SelectorLoop}. The loop reads; once a
 * complete head is buffered, every complete request in the buffer runs as one batch (inline, on
 * a worker or on a virtual thread) and their responses leave in one gathering write. While a
 * batch runs the loop does not read, which is the back-pressure on pipelining clients.
 */
final class Connection implements InputSource, Runnable {
    private static final System.Logger LOG = System.getLogger(Connection.class.getName());
    private static final VarHandle STATE;
    private static final VarHandle OUTPUT_GATE;
    private static final VarHandle REQUEST_STARTED;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Connection.class, "state", int.class);
            OUTPUT_GATE = MethodHandles.lookup().findVarHandle(Connection.class, "outputGate", int.class);
            REQUEST_STARTED = MethodHandles.lookup().findVarHandle(Connection.class, "requestStartedAt", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static final int READING = 0;
    static final int RUNNING = 1;
    static final int WAIT_READ = 2;
    static final int WAIT_WRITE = 3;
    static final int ASYNC = 4;
    static final int FLUSHING = 5;
    static final int CLOSING = 6;
    static final int CLOSED = 7;
    /** Handed over to another protocol after a 101 response; the loop only reports readiness. */
    static final int UPGRADED = 8;

    final long id;
    private final SelectorLoop loop;
    private final SocketChannel channel;
    private final HttpServer server;
    private final ServerConfig config;
    /** The exchange's parser, while the connection holds one. */
    private RequestParser parser;
    /** Taken from the loop's pool with the input buffer, given back with it; null while idle. */
    private HttpExchange exchange;
    private RequestHead head;
    final byte[] oneByte = new byte[1];
    private byte[] scratch;
    SelectionKey key;
    int index = -1;

    private byte[] in;
    private ByteBuffer inView;
    private int pos;
    private int lim;
    private int headEnd;
    private final OutputBuffer out;
    final ReadinessCallbacks readiness = new ReadinessCallbacks(this);
    final BatchTask batchTask = new BatchTask(this);
    /** Set by an exchange with a write listener: response writes never wait for the client. */
    boolean nonBlockingOutput;
    private volatile Runnable onClosed;
    /**
     * Who may touch {@link #out} while a handler runs on a worker: GATE_OWNER (the batch thread),
     * GATE_LENT (the loop may take it to send finished responses of a stalled batch) or
     * GATE_LOOP (the loop is writing). See {@link #lendOutput()}.
     */
    @SuppressWarnings("unused") // accessed through OUTPUT_GATE
    private volatile int outputGate;
    static final int GATE_OWNER = 0;
    static final int GATE_LENT = 1;
    static final int GATE_LOOP = 2;
    /** Batch side: whether the output is lent; a plain field, so the hot path checks it for free. */
    private boolean outputLent;
    private final Runnable reclaim = this::reclaimOutput;
    private long handlerStartedAt;
    /**
     * When the request in hand started, by the loop's clock; stored with release semantics (a
     * plain store on x86) after its head was parsed, so the stopping thread that reads it with
     * acquire also sees that head ({@link #describeRunning}).
     */
    @SuppressWarnings("unused") // accessed through REQUEST_STARTED
    private long requestStartedAt;
    private volatile int state = READING;
    private volatile Thread waiter;
    private int stateBeforeWait;
    private long requests;
    private boolean closeAfter;
    private boolean bodyAllowed = true;
    private boolean resumeAfterAsync;
    long lastActive;
    long headStartedAt;
    private long closingSince;
    private InetSocketAddress remote;
    private InetSocketAddress local;
    /** Whether the peer is in trustedProxies: 0 not yet asked, 1 yes, -1 no. Asked once per connection. */
    private byte peerTrust;
    /** A PROXY protocol header said the client's connection to the proxy used TLS. */
    private boolean proxiedTls;
    /** proxyProtocol is on and the connection's PROXY header has not been read yet. */
    private boolean proxyHeaderPending;
    private final Runnable armRead = () -> arm(WAIT_READ, SelectionKey.OP_READ);
    private final Runnable armWrite = () -> arm(WAIT_WRITE, SelectionKey.OP_WRITE);
    private final Runnable resumeWritten = () -> resumeOnLoop(true);
    private final Runnable resumeUnwritten = () -> resumeOnLoop(false);

    Connection(long id, SelectorLoop loop, SocketChannel channel, HttpServer server) {
        this.id = id;
        this.loop = loop;
        this.channel = channel;
        this.server = server;
        this.config = server.config();
        this.out = new OutputBuffer();
        this.lastActive = loop.now();
        this.proxyHeaderPending = config.proxyProtocol();
        this.headStartedAt = lastActive; // with proxyProtocol, the header's time starts at accept
    }

    // ---------------------------------------------------------------- loop side

    void onReadable() throws IOException {
        switch (state) {
            case READING -> readAndDispatch();
            case WAIT_READ -> wake();
            case CLOSING -> discardUntilEof();
            case ASYNC, RUNNING, UPGRADED -> readiness.fire(SelectionKey.OP_READ);
            default -> key.interestOps(0);
        }
    }

    void onWritable() throws IOException {
        switch (state) {
            case WAIT_WRITE -> wake();
            case FLUSHING -> {
                if (writeOutput(null, false)) {
                    resumeOnLoop(true);
                }
            }
            case ASYNC, RUNNING, UPGRADED -> readiness.fire(SelectionKey.OP_WRITE);
            default -> key.interestOps(0);
        }
    }

    private void readAndDispatch() throws IOException {
        if (in == null) {
            inView = loop.buffers().acquire();
            in = inView.array();
            pos = 0;
            lim = 0;
            takeExchange();
            parser.begin(0);
        } else if (lim == in.length) {
            compact();
        }
        boolean wasEmpty = pos == lim;
        int n = channel.read(inView.limit(in.length).position(lim));
        if (n < 0) {
            close();
            return;
        }
        if (n == 0) {
            return;
        }
        lim += n;
        lastActive = loop.now();
        if (wasEmpty && !proxyHeaderPending) {
            headStartedAt = lastActive;
        }
        if (proxyHeaderPending && !takeProxyHeader()) {
            return;
        }
        try {
            headEnd = parser.parse(in, lim, head);
        } catch (HttpParseException e) {
            state = RUNNING;
            key.interestOps(0);
            attachOutput();
            refuse(e.status(), e.getMessage());
            return;
        }
        if (headEnd >= 0) {
            state = RUNNING;
            attachOutput();
            if (!server.runsInline()) {
                // a batch run inline finishes before the loop selects again: no need to stop reading
                key.interestOps(0);
            }
            server.dispatch(this);
        }
    }

    /**
     * With proxyProtocol: the PROXY header that must open the connection is cut from the front of
     * the input, and its source and destination become the connection's addresses (so trust in
     * forwarding headers is then decided for the source). False while more bytes are needed,
     * when nothing follows the header yet, or when the connection was closed: a peer outside a
     * non-empty trustedProxies, or bytes that are not a valid header.
     */
    private boolean takeProxyHeader() {
        ProxyHeader h;
        InetSocketAddress peer = remoteAddress();
        try {
            TrustedProxies trusted = config.trustedProxies();
            if (!trusted.isEmpty() && (peer == null || !trusted.contains(peer.getAddress()))) {
                throw new ProxyProtocolException("the peer is not in trustedProxies");
            }
            h = ProxyProtocolDecoder.decode(in, 0, lim, in.length);
        } catch (ProxyProtocolException e) {
            server.proxyProtocolLog().warn("closed a connection from " + peer + ": " + e.getMessage());
            close();
            return false;
        }
        if (h == null) {
            return false;
        }
        proxyHeaderPending = false;
        lim -= h.length();
        System.arraycopy(in, h.length(), in, 0, lim);
        if (h.source() != null) {
            remote = h.source();
            local = h.destination();
            peerTrust = 0;
        }
        proxiedTls = h.clientTls();
        if (lim == 0) {
            releaseInput(); // an idle connection holds no buffer, header read or not
            return false;
        }
        return true;
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
        loop.buffers().release(inView);
        in = null;
        inView = null;
        exchange.head.recycle();
        exchange.bind(null);
        loop.exchanges().release(exchange);
        exchange = null;
        head = null;
        parser = null;
    }

    /** Moves a partial head to the front of the buffer; it is parsed again from the start. */
    private void compact() {
        System.arraycopy(in, pos, in, 0, lim - pos);
        lim -= pos;
        pos = 0;
        head.recycle();
        parser.begin(0);
    }

    private void wake() {
        key.interestOps(0);
        state = stateBeforeWait;
        LockSupport.unpark(waiter);
    }

    private void arm(int waitState, int ops) {
        if (state == waitState && key.isValid()) {
            key.interestOps(ops);
        }
    }

    /** After a batch: go back to reading, or finish writing first. Runs on the loop. */
    private void resumeOnLoop(boolean written) {
        if (state == CLOSED) {
            return;
        }
        if (!written) {
            state = FLUSHING;
            key.interestOps(SelectionKey.OP_WRITE);
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
        state = READING;
        loop.buffers().release(out.detach());
        if (pos == lim) {
            releaseInput();
        } else {
            headStartedAt = loop.now();
        }
        key.interestOps(SelectionKey.OP_READ);
    }

    private void discardUntilEof() {
        ByteBuffer sink = ByteBuffer.wrap(scratch());
        try {
            if (channel.read(sink) < 0) {
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
                if (proxyHeaderPending) {
                    if (now - headStartedAt > config.headTimeoutMillis()) {
                        server.proxyProtocolLog().warn("closed a connection from " + remoteAddress()
                                + ": no PROXY protocol header within headTimeoutMillis (" + config.headTimeoutMillis() + " ms)");
                        close();
                    }
                } else if (in != null && pos < lim) {
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
        int was = state;
        if (was == CLOSED) {
            return;
        }
        state = CLOSED;
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to do: the socket is gone either way
        }
        if (in != null && (was == READING || was == FLUSHING || was == CLOSING)) {
            // only a buffer no request thread can still be reading goes back to the pool
            releaseInput();
            loop.buffers().release(out.detach());
        }
        loop.removed(this);
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
        readiness.fireAll();
        Runnable closed = onClosed;
        if (closed != null) {
            onClosed = null;
            closed.run();
        }
    }

    /** Loop side: the interest a readiness callback needs, unless the connection moved on meanwhile. */
    void setInterestIfNonBlocking(int ops) {
        int s = state;
        if (key != null && key.isValid() && (s == ASYNC || s == RUNNING || s == UPGRADED)) {
            key.interestOps(ops);
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
        return state == READING && (in == null || pos == lim);
    }

    /**
     * For the log line of a graceful stop that cuts this connection: "GET /x (app /a), running for
     * N ms", or null when no request is running on it. Any thread: it reads only what
     * {@link #REQUEST_STARTED} published.
     */
    String describeRunning(long now) {
        int s = state;
        if (s != RUNNING && s != WAIT_READ && s != WAIT_WRITE && s != ASYNC) {
            return null;
        }
        long since = (long) REQUEST_STARTED.getAcquire(this);
        HttpExchange ex = exchange;
        RequestHead h = head;
        if (ex == null || h == null || since == 0) {
            return null;
        }
        String label = ex.attachment() instanceof ExchangeLabel l ? l.label() : null;
        return h.describe() + (label == null ? "" : " (" + label + ")") + ", running for " + (now - since) + " ms";
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
                    writeOutput(null, true);
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
        parser.begin(pos);
        headEnd = parser.parse(in, lim, head);
        return headEnd >= 0;
    }

    /** Runs the handler for the parsed head; false when the exchange went async. */
    private boolean serve() throws IOException {
        nonBlockingOutput = false;
        REQUEST_STARTED.setRelease(this, loop.now());
        exchange.begin(++requests);
        pos = headEnd;
        bodyAllowed = !head.isHead();
        exchange.body.begin(head.contentLength(), head.isChunked(), head.expectsContinue());
        if (!exchange.body.fullyBuffered()) {
            makeRoomForBody();
        }
        lendOutput();
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
        if (r.containsHeader("Upgrade") && !r.containsHeader("Connection")) {
            r.addHeader("Connection", "Upgrade"); // Upgrade is a connection option (RFC 9110 section 7.8)
        }
        if (!exchange.body.drain(config.maxBodyDrainBytes())) {
            closeAfter = true;
        }
        r.body().finish();
        r.recycle();
        if (closeAfter) {
            finishClose();
            return;
        }
        writeOutput(null, true);
        state = UPGRADED;
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
        int s = state;
        return s != CLOSED && s != CLOSING;
    }

    /** Closes from any thread, after pending output is written (or offered once, when non-blocking). */
    void closeFromAnyThread() {
        try {
            writeOutput(null, true);
        } catch (IOException ignored) {
            // closing anyway
        }
        handBack(this::close);
    }

    /**
     * Responses finished earlier in this batch wait in {@link #out} for the batch's one write.
     * While the next handler runs on a worker, the loop may send them if it runs longer than
     * {@code stallFlushMillis} ({@link #flushIfStalled}); any use of the output by this thread
     * takes it back first ({@link #reclaimOutput}). Inline batches run on the loop itself.
     */
    private void lendOutput() {
        if (out.isEmpty() || server.runsInline() || config.stallFlushMillis() <= 0) {
            return;
        }
        handlerStartedAt = loop.now(); // published by the release store below
        if (outputLent) {
            out.publish();
            return;
        }
        outputLent = true;
        out.lend(reclaim);
        OUTPUT_GATE.setRelease(this, GATE_LENT);
    }

    /**
     * Batch side, before writing or moving {@link #out} (appending needs nothing): waits out a
     * loop write in progress, which does not block. One CAS per batch, at its end, in the common case.
     */
    private void reclaimOutput() {
        if (outputLent) {
            outputLent = false;
            while (!OUTPUT_GATE.compareAndSet(this, GATE_LENT, GATE_OWNER)) {
                Thread.onSpinWait();
            }
            out.endLend();
        }
    }

    /** Loop side, from the stall scan: sends what a long-running handler's batch has finished so far. */
    void flushIfStalled(long now) {
        if ((int) OUTPUT_GATE.getAcquire(this) != GATE_LENT || now - handlerStartedAt < config.stallFlushMillis()
                || !OUTPUT_GATE.compareAndSet(this, GATE_LENT, GATE_LOOP)) {
            return;
        }
        try {
            out.writeSealed(channel);
            lastActive = now;
        } catch (IOException e) {
            // the handler's own next write reports the broken connection
        } finally {
            OUTPUT_GATE.setRelease(this, GATE_LENT);
        }
    }

    /**
     * ASYNC only if still RUNNING, and before the suspend CAS: another thread may already wait
     * on the socket for this async request (WAIT_READ) or, once suspended, resume the
     * connection; overwriting its state would lose its wake-up. Only requests that started
     * async pay for these atomics.
     */
    private boolean suspendForAsync() {
        boolean marked = STATE.compareAndSet(this, RUNNING, ASYNC);
        if (exchange.suspendIfAsync()) {
            return true;
        }
        if (marked) {
            STATE.compareAndSet(this, ASYNC, RUNNING);
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
        // through the guard: when memory runs out every request may fail, and one line must do
        Guard.report("a request handler", head.method() + " " + head.rawPath(), t);
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
            writeOutput(null, true);
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
        if (start == 0 || in.length - lim >= 4096) {
            return;
        }
        System.arraycopy(in, start, in, 0, lim - start);
        head.shift(-start);
        pos -= start;
        lim -= start;
        headEnd -= start;
        parser.begin(0);
    }

    void resumeAfterAsync() {
        readiness.clear();
        resumeAfterAsync = true;
        state = RUNNING;
        server.dispatch(this);
    }

    private void endBatch() throws IOException {
        handBack(writeOutput(null, false) ? resumeWritten : resumeUnwritten);
    }

    /** The last response leaves (the loop finishes it if the client is slow), then the half-close. */
    private void finishClose() {
        boolean written;
        try {
            written = writeOutput(null, false);
        } catch (IOException e) {
            handBack(this::close);
            return;
        }
        handBack(written ? this::shutdownAndLinger : resumeUnwritten);
    }

    private void shutdownAndLinger() {
        try {
            channel.shutdownOutput();
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
        state = CLOSING;
        closingSince = loop.now();
        key.interestOps(SelectionKey.OP_READ);
    }

    private void abort(Throwable t) {
        if (!(t instanceof IOException) && !(t instanceof AbortException)) {
            Guard.report("a connection's batch", "connection " + id, t);
        }
        handBack(this::close);
    }

    private void refuse(int status, String reason) {
        LOG.log(System.Logger.Level.DEBUG, "refused request on connection {0}: {1} {2}", id, status, reason);
        server.refused(exchange, in, parser.headStart(), lim, status, reason, ErrorResponse.write(out, status, reason));
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

    /** Encodes the head; decides framing and whether the connection stays open. */
    void commitHead(HttpResponse r, boolean complete, long total) {
        r.runBeforeCommit();
        r.committed = true;
        int st = r.status;
        boolean bodyless = st < 200 || st == 204 || st == 304;
        ResponseEncoder.Framing framing;
        long length = -1;
        if (bodyless) {
            framing = ResponseEncoder.Framing.NONE;
        } else if (r.contentLength >= 0) {
            framing = ResponseEncoder.Framing.LENGTH;
            length = r.contentLength;
        } else if (complete && (r.trailers == null || head.minorVersion() == 0)) {
            framing = ResponseEncoder.Framing.LENGTH;
            length = total;
        } else if (head.minorVersion() == 1) {
            // streamed, or complete with trailers, which only chunked framing can carry
            framing = ResponseEncoder.Framing.CHUNKED;
        } else {
            framing = ResponseEncoder.Framing.UNTIL_CLOSE;
        }
        bodyAllowed &= !bodyless;
        r.chunked = framing == ResponseEncoder.Framing.CHUNKED && bodyAllowed;
        boolean close = closeAfter || r.closeConnection || !head.keepAliveRequested() || server.isStopping()
                || (framing == ResponseEncoder.Framing.UNTIL_CLOSE && bodyAllowed)
                || !exchange.body.worthDraining(config.maxBodyDrainBytes());
        closeAfter |= close;
        ResponseEncoder.encode(r, out, exchange.headCache, exchange.headerLines, framing, length, close, !close && head.minorVersion() == 0,
                clockForDate());
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
        reclaimOutput();
        if (!exchange.response.committed) {
            out.put(ErrorResponse.CONTINUE);
            writeOutput(null, true);
        }
    }

    /**
     * A request going async must not hold back the responses before it in its batch. Called by
     * the handler's own thread in startAsync, before the exchange can be completed elsewhere.
     */
    void writeEarlierResponses() {
        try {
            writeOutput(null, false);
        } catch (IOException e) {
            // the connection is broken; the exchange's own write fails and ends it
        }
    }

    void writeOutputIfFull() throws IOException {
        if (out.size() >= config.writeHighWater()) {
            writeOutput(null, true);
        }
    }

    /**
     * One gathering write of everything pending, plus {@code extra}. When blocking, waits for the
     * socket until all is written; otherwise returns false with bytes left.
     */
    boolean writeOutput(ByteBuffer extra, boolean block) throws IOException {
        if (outputLent && !loop.isLoopThread()) {
            reclaimOutput();
        }
        block &= !nonBlockingOutput;
        while (true) {
            if (out.isEmpty() && (extra == null || !extra.hasRemaining())) {
                return true;
            }
            ByteBuffer[] g = out.gather(extra);
            long n = channel.write(g, 0, extra == null ? 1 : 2);
            out.consumed();
            if (n > 0) {
                lastActive = loop.now();
            }
            if (out.isEmpty() && (extra == null || !extra.hasRemaining())) {
                return true;
            }
            if (!block) {
                keepUnwritten(extra);
                return false;
            }
            if (n == 0) {
                awaitIO(SelectionKey.OP_WRITE);
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

    // ---------------------------------------------------------------- input for bodies

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
        if (pos >= lim) {
            pos = headEnd;
            lim = headEnd;
        }
        while (true) {
            if (lim == in.length) {
                throw new IOException("no room in the input buffer");
            }
            int n = channel.read(inView.limit(in.length).position(lim));
            if (n > 0) {
                lim += n;
                lastActive = loop.now();
                return true;
            }
            if (n < 0) {
                return false;
            }
            // the client may wait for earlier responses of the batch before it sends more
            writeOutput(null, true);
            awaitIO(SelectionKey.OP_READ);
        }
    }

    /** One read that does not wait: the bytes read, 0 if none were there, -1 at the end of the stream. */
    int fillNow() throws IOException {
        if (pos >= lim) {
            pos = headEnd;
            lim = headEnd;
        }
        if (lim == in.length) {
            return 0;
        }
        int n = channel.read(inView.limit(in.length).position(lim));
        if (n > 0) {
            lim += n;
            lastActive = loop.now();
        }
        return n;
    }

    /** No room for more input: a read must consume what is buffered first (or fail). */
    boolean inputFull() {
        return lim == in.length;
    }

    byte[] scratch() {
        if (scratch == null) {
            scratch = new byte[8192];
        }
        return scratch;
    }

    /** Waits until the socket is ready for {@code op}, without holding the loop (unless we are the loop). */
    private void awaitIO(int op) throws IOException {
        if (onLoopThread()) {
            loop.awaitBlocking(channel, op, config.ioTimeoutMillis());
            return;
        }
        int waitState = op == SelectionKey.OP_READ ? WAIT_READ : WAIT_WRITE;
        stateBeforeWait = state;
        waiter = Thread.currentThread();
        state = waitState;
        loop.execute(op == SelectionKey.OP_READ ? armRead : armWrite);
        long deadline = System.nanoTime() + config.ioTimeoutMillis() * 1_000_000L;
        while (state == waitState) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                if (STATE.compareAndSet(this, waitState, stateBeforeWait)) {
                    waiter = null;
                    throw new SocketTimeoutException("client did not " + (op == SelectionKey.OP_READ ? "send" : "read")
                            + " for " + config.ioTimeoutMillis() + " ms");
                }
            }
            LockSupport.parkNanos(this, Math.max(left, 1));
        }
        waiter = null;
        if (state == CLOSED) {
            throw new IOException("connection closed");
        }
    }

    boolean onLoopThread() {
        return loop.isLoopThread();
    }

    SelectorLoop loop() {
        return loop;
    }

    /** Runs the batch here, on the loop (execution=inline). */
    void runInline() {
        loop.runInline(this);
    }

    InetSocketAddress remoteAddress() {
        if (remote == null) {
            try {
                remote = (InetSocketAddress) channel.getRemoteAddress();
            } catch (IOException e) {
                return null;
            }
        }
        return remote;
    }

    InetSocketAddress localAddress() {
        if (local == null) {
            try {
                local = (InetSocketAddress) channel.getLocalAddress();
            } catch (IOException e) {
                return null;
            }
        }
        return local;
    }

    /** Whether the peer (the PROXY protocol header's source, when there is one) is a trusted proxy. */
    boolean peerTrusted() {
        if (peerTrust == 0) {
            InetSocketAddress a = remoteAddress();
            peerTrust = a != null && config.trustedProxies().contains(a.getAddress()) ? (byte) 1 : (byte) -1;
        }
        return peerTrust > 0;
    }

    boolean proxiedTls() {
        return proxiedTls;
    }

    HttpServer server() {
        return server;
    }
}
