package io.subito.container;

import static io.subito.container.ConnectionState.ASYNC;
import static io.subito.container.ConnectionState.RUNNING;
import static io.subito.container.ConnectionState.UPGRADED;

import io.subito.container.guard.Guard;
import io.subito.container.http.HttpParseException;
import io.subito.container.http.MalformedBodyException;
import io.subito.container.http.RequestHead;
import io.subito.container.http.RequestParser;
import io.subito.container.http2.Preface;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The HTTP/1.1 protocol handler of a connection: the batch runner. The loop tells it when bytes
 * arrived ({@link #onInput}); once a complete head is in the connection's {@link InputWindow}, the
 * connection is dispatched and {@link #run} serves every complete request in the window, in order,
 * re-parsing in place after each, with the pooled {@link HttpExchange} the connection took with
 * its input buffer. Responses accumulate in the connection's {@link OutputBuffer} and leave in
 * one gathering write at the end of the batch ({@link BlockingIo#writeOutput}), earlier only
 * every {@code maxPipelined} requests, past {@code writeHighWater}, or when a handler flushes.
 * Requests the engine refuses and handlers that fail get their error reply here, and the
 * connection closes after it.
 *
 * <h2>Hand-over to another protocol</h2>
 * A connection speaks one protocol at a time; HTTP/1.1 is the first. An HTTP/1.1 {@code Upgrade}
 * hands it over like this ({@link #upgrade}): the handler accepts with
 * {@link HttpExchange#upgrade}; when it returns, the rest of the request body is skipped, the 101
 * head is written and flushed, the connection moves to {@link ConnectionState#UPGRADED}, and the
 * new protocol receives an {@link UpgradedConnection}. From then on the loop never calls this
 * handler again: the bytes already in the input window after the upgrade request are the new
 * protocol's first input, and it waits for more with the readiness callbacks. A protocol chosen
 * by ALPN (a TLS transport, later) is known before the first byte is handed up, so the connection
 * starts with that protocol's handler instead of this one.
 */
final class BatchRunner {
    private static final System.Logger LOG = System.getLogger(BatchRunner.class.getName());
    private static final VarHandle REQUEST_STARTED;

    static {
        try {
            REQUEST_STARTED = MethodHandles.lookup().findVarHandle(BatchRunner.class, "requestStartedAt", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A body not all buffered gets at least this much room behind its head, else the head moves to the front. */
    private static final int MIN_BODY_ROOM = 4096;

    private final Connection c;
    /** tls.hsts on an HTTPS connection: the Strict-Transport-Security value its responses carry; else null. */
    private final String hsts;
    private final HttpServer server;
    private final HttpHandler handler;
    private final InputWindow input;
    private final OutputBuffer out;
    private final OutputLending lending;
    /** Read once: inline batches never lend, and then never touch the lending object per request. */
    private final boolean lends;
    private final EventLoop loop;
    private final BlockingIo io;
    private final int maxPipelined;
    private final long maxBodyDrainBytes;
    /** Whether a connection may start with the HTTP/2 preface (http2=true). */
    private final boolean http2;
    /** The exchange's parser, while the connection holds one. */
    private RequestParser parser;
    /** Taken from the loop's pool with the input buffer, given back with it; null while idle. */
    private HttpExchange exchange;
    private RequestHead head;
    /** One past the current head in the input window; -1 while the head is incomplete. */
    private int headEnd;
    private long requests;
    /** The connection closes after the current response (an error, {@code Connection: close}, HTTP/1.0 ...). */
    private boolean closeAfter;
    /** The current response's body goes on the wire (not a HEAD request, not a bodyless status). */
    private boolean bodyAllowed = true;
    private boolean resumeAfterAsync;
    /**
     * When the request in hand started, by the loop's clock; stored with release semantics (a
     * plain store on x86) after its head was parsed, so the stopping thread that reads it with
     * acquire also sees that head ({@link #describeRunning}).
     */
    @SuppressWarnings("unused") // accessed through REQUEST_STARTED
    private long requestStartedAt;
    private final Runnable resumeWritten;
    private final Runnable resumeUnwritten;

    BatchRunner(Connection c) {
        this.c = c;
        this.server = c.server;
        this.handler = c.server.handler();
        this.input = c.input;
        this.out = c.out;
        this.lending = c.lending;
        this.lends = c.lending.isEnabled();
        this.loop = c.loop;
        this.io = c.io;
        this.maxPipelined = c.config.maxPipelined();
        this.maxBodyDrainBytes = c.config.maxBodyDrainBytes();
        this.hsts = c.transport.isSecure() && c.server.tls() != null ? c.server.tls().settings().hsts() : null;
        this.http2 = c.config.http2();
        this.resumeWritten = () -> c.resumeOnLoop(true);
        this.resumeUnwritten = () -> c.resumeOnLoop(false);
    }

    // ---------------------------------------------------------------- loop side

    /** Loop side, with the input buffer: an exchange from the loop's pool, to parse into. */
    void takeExchange() {
        exchange = loop.exchanges().acquire();
        exchange.bind(c);
        head = exchange.head;
        parser = exchange.parser;
        parser.begin(0);
    }

    /** Loop side, no request in hand: the exchange goes back to the loop's pool. */
    void releaseExchange() {
        exchange.head.recycle();
        exchange.bind(null);
        loop.exchanges().release(exchange);
        exchange = null;
        head = null;
        parser = null;
    }

    /** Loop side, after the window moved a partial head to its front: it is parsed again from the start. */
    void restartHead() {
        head.recycle();
        parser.begin(0);
    }

    /** Loop side: bytes arrived. A complete head starts a batch; a malformed one is refused. */
    void onInput() {
        if (requests == 0 && http2) {
            String alpn = c.transport.applicationProtocol();
            if ("h2".equals(alpn)) {
                c.switchToHttp2(); // ALPN chose h2 (RFC 9113 section 3.2): the client's preface comes first
                return;
            }
            if (alpn == null && Preface.startsWith(input.buffer(), 0, input.limit())) {
                // h2c with prior knowledge (RFC 9113 section 3.3): the connection speaks HTTP/2 from its first byte
                if (input.limit() >= Preface.LENGTH) {
                    c.switchToHttp2();
                }
                return;
            }
        }
        try {
            headEnd = parser.parse(input.buffer(), input.limit(), head);
        } catch (HttpParseException e) {
            c.beginBatch();
            refuse(e.status(), e.getMessage());
            return;
        }
        if (headEnd >= 0) {
            if (requests == 0 && http2 && !c.transport.isSecure() && head.indexOf("upgrade", 0) >= 0 && upgradeToH2c()) {
                return;
            }
            c.beginBatch();
            server.dispatch(c);
        }
    }

    /** Loop side: the first request asks for h2c; whether the connection took it (or was refused 400) — see {@link H2cSwitch}. */
    private boolean upgradeToH2c() {
        String refusal = H2cSwitch.tryUpgrade(c, head, input, headEnd);
        if (refusal != null && !refusal.isEmpty()) {
            c.beginBatch();
            refuse(400, refusal);
        }
        return refusal != null;
    }

    /**
     * For the log line of a graceful stop that cuts the connection (any thread; the connection
     * checked that a request is running): "GET /x (app /a), running for N ms", or null. It reads
     * only what {@link #REQUEST_STARTED} published.
     */
    String describeRunning(long now) {
        long since = (long) REQUEST_STARTED.getAcquire(this);
        HttpExchange ex = exchange;
        RequestHead h = head;
        if (ex == null || h == null || since == 0) {
            return null;
        }
        String label = ex.attachment() instanceof ExchangeLabel l ? l.label() : null;
        return h.describe() + (label == null ? "" : " (" + label + ")") + ", running for " + (now - since) + " ms";
    }

    /** Loop side, after the batch: whether the connection must close rather than read on. */
    boolean closesAfterBatch() {
        return closeAfter;
    }

    // ---------------------------------------------------------------- batch side

    /** Runs a batch: every complete request in the buffer, in order, then one write. */
    void run() {
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
                if (++served >= maxPipelined) {
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
        REQUEST_STARTED.setRelease(this, loop.now());
        exchange.begin(++requests);
        input.startBody(headEnd);
        bodyAllowed = !head.isHead();
        exchange.body.begin(head.contentLength(), head.isChunked(), head.expectsContinue());
        if (!exchange.body.fullyBuffered()) {
            makeRoomForBody();
        }
        if (lends) {
            lending.lend();
        }
        try {
            handler.handle(exchange);
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
     * The hand-over to another protocol (see the class comment): sends the 101 response, then
     * gives the connection to the new protocol. The bytes after this request are its first input,
     * never parsed as another HTTP request.
     */
    private void upgrade() throws IOException {
        java.util.function.Consumer<UpgradedConnection> target = exchange.takeUpgrade();
        HttpResponse r = exchange.response;
        if (r.containsHeader("Upgrade") && !r.containsHeader("Connection")) {
            r.addHeader("Connection", "Upgrade"); // Upgrade is a connection option (RFC 9110 section 7.8)
        }
        if (!exchange.body.drain(maxBodyDrainBytes)) {
            closeAfter = true;
        }
        r.body().finish();
        r.recycle();
        if (closeAfter) {
            finishClose();
            return;
        }
        io.writeOutput(null, true);
        c.moveTo(UPGRADED);
        try {
            target.accept(new UpgradedConnection(c));
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, "upgrade handler failed on connection " + c.id, t);
            c.handBack(c::close);
        }
    }

    /**
     * ASYNC only if still RUNNING, and before the suspend CAS: another thread may already wait
     * on the socket for this async request (WAIT_READ) or, once suspended, resume the
     * connection; overwriting its state would lose its wake-up. Only requests that started
     * async pay for these atomics.
     */
    private boolean suspendForAsync() {
        boolean marked = c.moveIf(RUNNING, ASYNC);
        if (exchange.suspendIfAsync()) {
            return true;
        }
        if (marked) {
            c.moveIf(ASYNC, RUNNING);
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
        c.end.requestEnded(head.keepAliveRequested(), exchange.body.isFinished());
        try {
            if (!closeAfter && !exchange.body.drain(maxBodyDrainBytes)) {
                closeAfter = true;
            }
        } catch (MalformedBodyException e) {
            closeAfter = true;
        }
        r.recycle();
        io.writeOutputIfFull();
        if (closeAfter) {
            finishClose();
            return false;
        }
        return true;
    }

    /** A body that is not all here yet needs room behind its head: move the head to the front. */
    private void makeRoomForBody() {
        int start = parser.headStart();
        if (start == 0 || input.room() >= MIN_BODY_ROOM) {
            return;
        }
        input.moveToFront(start);
        head.shift(-start);
        headEnd -= start;
        parser.begin(0);
    }

    /** The async exchange completed (any thread): the batch goes on with the requests behind it. */
    void resumeAfterAsync() {
        c.readiness.clear();
        resumeAfterAsync = true;
        c.moveTo(RUNNING);
        server.dispatch(c);
    }

    private void endBatch() throws IOException {
        c.handBack(io.writeOutput(null, false) ? resumeWritten : resumeUnwritten);
    }

    /** The last response leaves (the loop finishes it if the client is slow), then the half-close. */
    private void finishClose() {
        boolean written;
        c.end.beforeLastWrite();
        try {
            written = io.writeOutput(null, false);
        } catch (IOException e) {
            c.handBack(c::close);
            return;
        }
        c.handBack(written ? c::shutdownAndLinger : resumeUnwritten);
    }

    private void abort(Throwable t) {
        if (!(t instanceof IOException) && !(t instanceof AbortException)) {
            Guard.report("a connection's batch", "connection " + c.id, t);
        }
        c.handBack(c::close);
    }

    private void refuse(int status, String reason) {
        LOG.log(System.Logger.Level.DEBUG, "refused request on connection {0}: {1} {2}", c.id, status, reason);
        server.refused(exchange, input.buffer(), parser.headStart(), input.limit(), status, reason,
                ErrorResponse.write(out, status, reason));
        closeAfter = true;
        finishClose();
    }

    // ---------------------------------------------------------------- response output (through the exchange)

    /** tls.hsts on this HTTPS connection's responses, HTTP/1.1 or HTTP/2 streams alike, unless the application set its own. */
    void addHsts(HttpResponse r) {
        if (hsts != null && !r.containsHeader("Strict-Transport-Security")) {
            r.setHeader("Strict-Transport-Security", hsts);
        }
    }

    /**
     * Decides compression ({@link ResponseCompression}, one null check when the response may not
     * be), then encodes the head with the framing {@link ResponseFraming} decides, and whether the
     * connection stays open.
     */
    void commitHead(HttpResponse r, boolean complete, long total) {
        if (r.compression != null && bodyAllowed) {
            complete = ResponseCompression.apply(r, head, complete, total, loop.gzipEncoders());
        }
        addHsts(r);
        r.committed = true;
        int st = r.status;
        int minor = head.minorVersion();
        ResponseEncoder.Framing framing = ResponseFraming.decide(st, r.contentLength, complete, r.trailers != null, minor);
        long length = framing == ResponseEncoder.Framing.LENGTH ? ResponseFraming.length(r.contentLength, total) : -1;
        bodyAllowed &= !ResponseFraming.bodyless(st);
        r.chunked = framing == ResponseEncoder.Framing.CHUNKED && bodyAllowed;
        boolean close = ResponseFraming.closes(framing, bodyAllowed, closeAfter || r.closeConnection,
                head.keepAliveRequested(), server.isStopping(), exchange.body.worthDraining(maxBodyDrainBytes));
        closeAfter |= close;
        ResponseEncoder.encode(r, out, exchange.headCache, exchange.headerLines, framing, length, close,
                ResponseFraming.announcesKeepAlive(close, minor), loop.clockForThisThread());
    }

    boolean sendsBody() {
        return bodyAllowed;
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
}
