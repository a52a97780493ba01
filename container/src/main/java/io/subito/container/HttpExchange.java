package io.subito.container;

import io.subito.container.http.RequestHead;
import io.subito.container.http.RequestParser;
import io.subito.container.http2.ExchangeStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One request and its response on a connection. Pooled per loop, not per connection: a connection
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
    /**
     * Where an async request is.
     * <pre>
     *   NONE --startAsync()--&gt; STARTED --handler returns--&gt; SUSPENDED --complete()--&gt; COMPLETED (the batch goes on)
     *                            |
     *                            +--complete() before the handler returned--&gt; COMPLETED (its thread goes on)
     * </pre>
     * Held as the ordinal in an atomic int, changed only by {@link #asyncMove}: the request path
     * stores a plain int per request, never a reference.
     */
    enum AsyncPhase { NONE, STARTED, COMPLETED, SUSPENDED }

    private static final AsyncPhase[] PHASES = AsyncPhase.values();
    /** A static final int, which the JIT folds: the per-request reset and check cost what they did as int constants. */
    private static final int NONE = AsyncPhase.NONE.ordinal();
    private final java.util.concurrent.atomic.AtomicInteger async = new java.util.concurrent.atomic.AtomicInteger();
    private long requestNumber;
    /** The counters of the loop this exchange is pooled by. */
    final LoopStats stats;
    private Consumer<UpgradedConnection> upgrade;
    /** The HTTP/2 stream this exchange is on; null for HTTP/1.1, whose framing is the connection's. */
    private ExchangeStream stream;

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
        stream = null;
        body.bind(c, null);
        response.bind(c, null, null);
    }

    /** Gives this exchange to a stream of {@code c}: its body comes from and its response goes to {@code s}. */
    void bind(Connection c, ExchangeStream s) {
        connection = c;
        stream = s;
        body.bind(c, s);
        response.bind(c, s, head);
    }

    /** The HTTP/2 stream this exchange is on, or null. */
    ExchangeStream stream() {
        return stream;
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
        return connection.transport.remoteAddress();
    }

    /** The peer's address as text ({@code getRemoteAddr}'s answer without a trusted proxy), made once per connection. */
    public String remoteAddressText() {
        return connection.transport.remoteAddressText();
    }

    public InetSocketAddress localAddress() {
        return connection.transport.localAddress();
    }

    /** Whether the request came over TLS (the HTTPS listener). */
    public boolean isSecure() {
        return connection.transport.isSecure();
    }

    /** The TLS session of the connection (cipher suite, session id, client certificates); null over plain TCP. */
    public javax.net.ssl.SSLSession tlsSession() {
        return connection.transport instanceof TlsTransport t ? t.session() : null;
    }

    /** The HTTPS listener's port, where requests that need TLS are sent; -1 when the server has none. */
    public int httpsPort() {
        return connection.server.httpsPort();
    }

    /**
     * The client's address, scheme, host and port as trusted proxies forwarded them (the
     * connection's own when the peer is not trusted); see {@code trustedProxies}.
     */
    public RequestOrigin origin() {
        return origin;
    }

    boolean peerTrusted() {
        return connection.transport.peerTrusted(connection.config.trustedProxies());
    }

    boolean proxiedTls() {
        return connection.transport.proxiedTls();
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
        if (!asyncMove(AsyncPhase.NONE, AsyncPhase.STARTED)) {
            throw new IllegalStateException("async already started");
        }
        if (stream == null) {
            connection.runner.writeEarlierResponses();
        }
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
        AsyncPhase s = asyncPhase();
        return s == AsyncPhase.STARTED || s == AsyncPhase.SUSPENDED;
    }

    /** Finishes an async request: the response is completed and the connection moves on. */
    public void complete() {
        // an async response is counted here, never by the handler's return (CountingHandler),
        // whichever of the two comes first
        if (asyncMove(AsyncPhase.STARTED, AsyncPhase.COMPLETED)) {
            countServed();
            return; // the handler has not returned yet: its thread finishes the exchange
        }
        if (asyncMove(AsyncPhase.SUSPENDED, AsyncPhase.COMPLETED)) {
            countServed();
            if (stream != null) {
                stream.asyncCompleted();
            } else {
                connection.runner.resumeAfterAsync();
            }
        }
    }

    /** Whether startAsync was called during this request (a started async never goes back to NONE). */
    boolean asyncTouched() {
        return async.get() != NONE;
    }

    /** Called when the handler returns: true if the exchange now waits for {@link #complete()}. */
    boolean suspendIfAsync() {
        return asyncMove(AsyncPhase.STARTED, AsyncPhase.SUSPENDED);
    }

    /** The one place the async phase changes (besides the reset to NONE per request, in {@link #begin}). */
    private boolean asyncMove(AsyncPhase from, AsyncPhase to) {
        return async.compareAndSet(from.ordinal(), to.ordinal());
    }

    AsyncPhase asyncPhase() {
        return PHASES[async.get()];
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
        if (stream != null) {
            stream.whenBodyReadable(r);
            return;
        }
        connection.readiness.whenReadable(r);
    }

    /** From now on this response's writes never wait for the client; what the socket does not take stays buffered. */
    public void nonBlockingOutput() {
        if (stream != null) {
            stream.nonBlockingOutput();
            return;
        }
        connection.io.nonBlockingOutput = true;
    }

    /** Offers pending output to the socket; true when nothing is left waiting. */
    public boolean outputReadyNow() throws IOException {
        if (stream != null) {
            return stream.outputReadyNow();
        }
        return connection.io.writeOutput(null, false);
    }

    /** {@code r} runs once on the selector loop when the socket is writable or closed; it must hand work off. */
    public void whenWritable(Runnable r) {
        if (stream != null) {
            stream.whenWritable(r);
            return;
        }
        connection.readiness.whenWritable(r);
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
        if (stream != null) {
            throw new IllegalStateException("HTTP/2 streams cannot switch protocols (RFC 9113 section 8.6)");
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

    /** For logs and debugging, e.g. {@code exchange 3 of connection 7, async SUSPENDED}. */
    @Override
    public String toString() {
        Connection c = connection;
        return (stream != null ? "HTTP/2 " : "") + "exchange " + requestNumber + (c == null ? " (pooled)" : " of connection " + c.id) + ", async " + asyncPhase();
    }
}
