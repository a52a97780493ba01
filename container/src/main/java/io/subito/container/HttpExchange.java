package io.subito.container;

import io.subito.container.http.RequestHead;
import io.subito.container.http.RequestParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One request and its response on a connection. Pooled by the connection's loop: a connection
 * takes one when request bytes arrive and gives it back when it has no request left in hand,
 * so the loop's busy connections share a few instances that stay in the CPU's cache, and an idle
 * connection holds none. Nothing may be kept past the response's completion.
 */
public final class HttpExchange {
    private Connection connection;
    final RequestHead head = new RequestHead();
    /** Parses into {@link #head}; a head that arrives in pieces keeps its progress here. */
    final RequestParser parser;
    /** The last response head encoded with this exchange, and the header lines it has encoded. */
    final ResponseHeadCache headCache = new ResponseHeadCache();
    final HeaderLineCache headerLines = new HeaderLineCache();
    final RequestBody body;
    final HttpResponse response;
    /** Where the request came from (forwarding headers of trusted proxies), decoded when asked. */
    final RequestOrigin origin;
    private Object attachment;
    /** NONE, then STARTED by the handler; COMPLETED if complete() came before the handler returned; SUSPENDED after. */
    private final java.util.concurrent.atomic.AtomicInteger async = new java.util.concurrent.atomic.AtomicInteger();
    static final int NONE = 0;
    static final int STARTED = 1;
    static final int COMPLETED = 2;
    static final int SUSPENDED = 3;
    private long requestNumber;
    /** The counters of the loop this exchange is pooled by. */
    final LoopStats stats;
    private Consumer<UpgradedConnection> upgrade;

    HttpExchange(ServerConfig config, LoopStats stats) {
        this.stats = stats;
        this.parser = new RequestParser(config.limits());
        this.body = new RequestBody(config.limits());
        this.response = new HttpResponse(config.responseBufferSize());
        this.origin = new RequestOrigin(this, config);
    }

    /** Gives this exchange to {@code c} (null: back to the pool; a late caller then fails instead of reaching another connection). */
    void bind(Connection c) {
        connection = c;
        body.bind(c);
        response.bind(c);
    }

    public RequestHead request() {
        return head;
    }

    /** The request body, decoded from Content-Length or chunked framing. */
    public InputStream requestBody() {
        return body;
    }

    /** Trailer fields of a chunked body, once it has been read to the end; empty otherwise. */
    public Map<String, String> trailers() {
        return body.trailers();
    }

    /** Whether the body has been read to its end (trailers are then final). */
    public boolean isBodyFinished() {
        return body.isFinished();
    }

    public HttpResponse response() {
        return response;
    }

    public InetSocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    public InetSocketAddress localAddress() {
        return connection.localAddress();
    }

    /**
     * The client's address, scheme, host and port as trusted proxies forwarded them (the
     * connection's own when the peer is not trusted); see {@code trustedProxies}.
     */
    public RequestOrigin origin() {
        return origin;
    }

    boolean peerTrusted() {
        return connection.peerTrusted();
    }

    boolean proxiedTls() {
        return connection.proxiedTls();
    }

    HttpServer server() {
        return connection.server();
    }

    /** Unique per connection for the server's life. */
    public long connectionId() {
        return connection.id;
    }

    /** 1 for the first request on the connection, then 2, 3, ... */
    public long requestNumber() {
        return requestNumber;
    }

    /** The request is not finished when the handler returns; call {@link #complete()} later, from any thread. */
    public void startAsync() {
        if (!async.compareAndSet(NONE, STARTED)) {
            throw new IllegalStateException("async already started");
        }
        connection.writeEarlierResponses();
    }

    /** Body bytes the handler has read so far. */
    public long requestBytesRead() {
        return body.bytesRead();
    }

    /** Counts the response in the loop's statistics: status as set now, body bytes both ways. */
    void countServed() {
        stats.served(response.status(), body.bytesRead(), response.bytesWritten());
    }

    public boolean isAsyncStarted() {
        int s = async.get();
        return s == STARTED || s == SUSPENDED;
    }

    /** Finishes an async request: the response is completed and the connection moves on. */
    public void complete() {
        if (async.compareAndSet(STARTED, COMPLETED)) {
            return; // the handler has not returned yet: its thread finishes the exchange
        }
        if (async.compareAndSet(SUSPENDED, COMPLETED)) {
            countServed(); // the handler returned before: it could not count this response
            connection.resumeAfterAsync();
        }
    }

    /** Called when the handler returns: true if the exchange now waits for {@link #complete()}. */
    /** Whether startAsync was called during this request (a started async never goes back to NONE). */
    boolean asyncTouched() {
        return async.get() != NONE;
    }

    boolean suspendIfAsync() {
        return async.compareAndSet(STARTED, SUSPENDED);
    }

    // ------------------------------------------------ non-blocking I/O (read and write listeners)

    /**
     * Whether a read of the body returns without waiting for the network: decoded bytes are
     * buffered, the end is known, or there is an error to report. Reads the socket once, without
     * waiting, when nothing is buffered (answering {@code 100-continue} first).
     */
    public boolean bodyReadyNow() throws IOException {
        return body.readyNow();
    }

    /** {@code r} runs once on the selector loop when the socket is readable or closed; it must hand work off. */
    public void whenReadable(Runnable r) {
        connection.readiness.whenReadable(r);
    }

    /** From now on this response's writes never wait for the client; what the socket does not take stays buffered. */
    public void nonBlockingOutput() {
        connection.nonBlockingOutput = true;
    }

    /** Offers pending output to the socket; true when nothing is left waiting. */
    public boolean outputReadyNow() throws IOException {
        return connection.writeOutput(null, false);
    }

    /** {@code r} runs once on the selector loop when the socket is writable or closed; it must hand work off. */
    public void whenWritable(Runnable r) {
        connection.readiness.whenWritable(r);
    }

    public boolean isConnectionOpen() {
        return connection.isOpen();
    }

    // ------------------------------------------------ upgrade

    /**
     * Switches protocols when the handler returns: the response goes out as 101 (with the
     * headers the handler set), then {@code then} receives the raw connection.
     */
    public void upgrade(Consumer<UpgradedConnection> then) {
        if (response.committed) {
            throw new IllegalStateException("response already committed");
        }
        response.status(101);
        upgrade = then;
    }

    boolean upgradeRequested() {
        return upgrade != null;
    }

    Consumer<UpgradedConnection> takeUpgrade() {
        Consumer<UpgradedConnection> u = upgrade;
        upgrade = null;
        return u;
    }

    /** Lets the layer above keep its own per-request objects with the exchange, reused with it. */
    public Object attachment() {
        return attachment;
    }

    public void attach(Object value) {
        attachment = value;
    }

    /** Whether the thread calling this may block (false on an inline selector loop). */
    public boolean mayBlock() {
        return !connection.onLoopThread();
    }

    void begin(long number) {
        requestNumber = number;
        upgrade = null;
        origin.recycle();
        response.begin();
        async.lazySet(NONE); // published to other threads by the hand-off that runs the handler
    }
}
