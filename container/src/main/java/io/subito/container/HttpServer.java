package io.subito.container;

import io.subito.container.guard.Guard;
import io.subito.container.tls.CertificateReloader;
import io.subito.container.tls.ServerTls;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine: N selector loops (one of them accepts for each listener) and an executor for
 * batches. Knows nothing of servlets; everything above it is an {@link HttpHandler}.
 */
public final class HttpServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HttpServer.class.getName());
    /** At stop, how long each selector loop gets to close its connections and end, after the grace period. */
    private static final long LOOP_JOIN_MILLIS = 2000;
    /** At stop, how often the open connections are counted while they drain. */
    private static final long DRAIN_POLL_MILLIS = 20;
    /** At stop, how long the workers get to finish before they are interrupted. */
    private static final long WORKERS_END_MILLIS = 1000;

    private final ServerConfig config;
    private final HttpHandler handler;
    private final AtomicInteger connections = new AtomicInteger();
    /** Malformed forwarding headers from trusted proxies: at most a line a minute. */
    private final io.subito.container.proxy.RateLimitedLog forwardingLog =
            new io.subito.container.proxy.RateLimitedLog(System.getLogger(RequestOrigin.class.getName()), 60_000);
    /** Connections closed for want of a valid PROXY protocol header: at most a line a minute. */
    private final io.subito.container.proxy.RateLimitedLog proxyProtocolLog = new io.subito.container.proxy.RateLimitedLog(
            System.getLogger(io.subito.container.proxy.ProxyProtocolDecoder.class.getName()), 60_000);
    /** The plain listener; null with port=-1 (HTTPS only). */
    private ServerSocketChannel listener;
    private boolean started;
    private SelectorLoop[] loops;
    private Acceptor acceptor;
    private ExecutorService executor;
    /** The executor when it is the worker pool: batches go to it as reusable tasks, without a wrapper each. */
    private ForkJoinPool pool;
    private ExecutionMode mode;
    private volatile boolean stopping;
    /**
     * Tests only (null otherwise): called at named points of the server's own threads ("accept",
     * "loop", "reap") so a test can make them throw there. Read once per accepted connection,
     * loop turn and reaped connection, never per request.
     */
    volatile java.util.function.Consumer<String> faultPoint;
    private int port;
    private ServerSocketChannel httpsListener;
    private Acceptor httpsAcceptor;
    private ServerTls tls;
    private TlsTaskCost tlsTaskCost;
    private java.util.concurrent.ScheduledExecutorService reload;
    private int httpsPort = -1;
    private volatile ServerStats stats;
    private volatile RefusalListener refusalListener;

    public HttpServer(ServerConfig config, HttpHandler handler) {
        this.config = config.validate();
        this.handler = new CountingHandler(handler);
    }

    /** Who hears of the requests the engine refuses itself (the access log); set before {@link #start()}. */
    public HttpServer onRefusal(RefusalListener listener) {
        refusalListener = listener;
        return this;
    }

    /** The engine's counters; null before {@link #start()}. */
    public ServerStats stats() {
        return stats;
    }

    /** Binds and starts serving. Fails with a message naming the address when it is in use. */
    public synchronized void start() throws IOException {
        if (started) {
            throw new IllegalStateException("already started");
        }
        if (config.httpsPort() >= 0) {
            // certificates and keys are checked before anything listens
            tls = config.serverTls();
            // with client certificates the tasks include the trust manager's checks, which may block: never on a loop
            tlsTaskCost = new TlsTaskCost(tls.settings().clientAuth() == io.subito.container.tls.TlsSettings.ClientAuth.NONE
                    ? tls.settings().inlineTaskMicros() : 0);
        }
        // port=-1: HTTPS only, no plain listener
        ServerSocketChannel ch = config.port() >= 0 ? bind(config.port()) : null;
        if (config.httpsPort() >= 0) {
            try {
                httpsListener = bind(config.httpsPort());
            } catch (IOException e) {
                if (ch != null) {
                    ch.close();
                }
                throw e;
            }
            httpsPort = ((InetSocketAddress) httpsListener.getLocalAddress()).getPort();
        }
        listener = ch;
        port = ch == null ? -1 : ((InetSocketAddress) ch.getLocalAddress()).getPort();
        started = true;
        executor = createExecutor();
        loops = new SelectorLoop[config.loops()];
        LoopStats[] loopStats = new LoopStats[loops.length];
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new SelectorLoop(this, i);
            loopStats[i] = loops[i].stats();
        }
        stats = new ServerStats(java.util.List.of(loopStats), connections, pool);
        for (SelectorLoop loop : loops) {
            loop.start();
        }
        // each listener accepts on a loop of its own where there are two: plain on the first, HTTPS on the second
        if (ch != null) {
            acceptor = new Acceptor(this, ch, loops, loops[0], false);
            acceptor.start();
        }
        if (httpsListener != null) {
            httpsAcceptor = new Acceptor(this, httpsListener, loops, loops[1 % loops.length], true);
            httpsAcceptor.start();
            startCertificateReload();
        }
    }

    /** Checks the certificate files now and then, on a daemon thread of their own (file I/O never runs on a loop). */
    private void startCertificateReload() {
        long every = config.tls().reloadCheckMillis();
        if (every <= 0) {
            return;
        }
        CertificateReloader reloader = new CertificateReloader(tls);
        reload = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "subito-tls-reload");
            t.setDaemon(true);
            return t;
        });
        reload.scheduleWithFixedDelay(() -> Guard.run("the certificate reload", reloader::check), every, every, TimeUnit.MILLISECONDS);
    }

    private ServerSocketChannel bind(int p) throws IOException {
        ServerSocketChannel ch = ServerSocketChannel.open();
        ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        try {
            ch.bind(new InetSocketAddress(config.host(), p), 1024);
        } catch (BindException e) {
            ch.close();
            throw new BindException("cannot listen on " + config.host() + ":" + p + ": " + e.getMessage());
        }
        return ch;
    }

    /** The HTTPS listener's port once started; -1 when there is none. */
    public int httpsPort() {
        return httpsPort;
    }

    /**
     * Where TLS handshakes' delegated tasks run, off the loops: the worker executor (the JDK's
     * common pool when batches run inline on the loops).
     */
    java.util.concurrent.Executor tlsTasks() {
        return executor != null ? executor : ForkJoinPool.commonPool();
    }

    /** Where the ClientHello's delegated tasks run: on the loop while cheap. */
    TlsTaskCost tlsTaskCost() {
        return tlsTaskCost;
    }

    /** The HTTPS listener's TLS (its engines); null without one. */
    ServerTls tls() {
        return tls;
    }

    private ExecutorService createExecutor() {
        mode = config.mode();
        if (mode == ExecutionMode.VIRTUAL) {
            ExecutorService virtual = VirtualThreads.newExecutor();
            if (virtual != null) {
                return virtual;
            }
            LOG.log(System.Logger.Level.WARNING, "execution=virtual needs Java 21+; using the worker pool");
            mode = ExecutionMode.POOL;
        }
        if (mode == ExecutionMode.INLINE) {
            return null;
        }
        AtomicInteger n = new AtomicInteger();
        return pool = new ForkJoinPool(config.workerThreads(), pool -> {
            var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("subito-worker-" + n.incrementAndGet());
            return t;
        }, Guard.uncaughtHandler(), true);
    }

    /** The plain listener's port once started; -1 when there is none (HTTPS only). */
    public int port() {
        return port;
    }

    public ServerConfig config() {
        return config;
    }

    io.subito.container.proxy.RateLimitedLog forwardingLog() {
        return forwardingLog;
    }

    io.subito.container.proxy.RateLimitedLog proxyProtocolLog() {
        return proxyProtocolLog;
    }

    public ExecutionMode mode() {
        return mode;
    }

    HttpHandler handler() {
        return handler;
    }

    public boolean isStopping() {
        return stopping;
    }

    public int openConnections() {
        return connections.get();
    }

    /** Whether batches run on the loop thread itself. */
    boolean runsInline() {
        return executor == null;
    }

    void dispatch(Connection c) {
        boolean onLoop = c.onLoopThread();
        if (onLoop) {
            c.loop.stats().countBatch(); // a batch from a read (an async request resumed elsewhere is not one)
        }
        if (executor == null) {
            if (onLoop) {
                c.runInline();
            } else {
                // an async completion on a foreign thread: continue on the connection's loop
                c.handBackToLoop();
            }
        } else if (pool != null) {
            pool.execute((java.util.concurrent.ForkJoinTask<?>) c.batchTask);
        } else {
            executor.execute(c);
        }
    }

    /**
     * Runs an HTTP/2 stream's request: on the workers (or a virtual thread); with execution=inline
     * on the loop once its body is all there, else on the common pool, as a handler reading a
     * body that is still arriving must not hold the loop that receives it.
     */
    void executeStream(Runnable task, EventLoop loop, boolean bodyComplete) {
        if (executor != null) {
            executor.execute(task);
        } else if (bodyComplete) {
            loop.execute(task);
        } else {
            ForkJoinPool.commonPool().execute(task);
        }
    }

    /** Runs a batch of HTTP/2 streams on the workers (a reusable task for the worker pool) or a virtual thread. */
    void executeBatch(StreamBatch b) {
        if (pool != null) {
            pool.execute((java.util.concurrent.ForkJoinTask<?>) b);
        } else {
            executor.execute(b);
        }
    }

    void faultPoint(String where) {
        java.util.function.Consumer<String> f = faultPoint;
        if (f != null) {
            f.accept(where);
        }
    }

    /**
     * Counts a connection the acceptor took, or refuses it: past maxConnections, or once stopping
     * (one accepted as the listener closed). A refusal while stopping does not touch the count:
     * the stop waits for it to reach zero, and a count one short would end the grace period of a
     * request still in flight.
     */
    boolean connectionOpened() {
        if (stopping) {
            return refused();
        }
        if (connections.incrementAndGet() > config.maxConnections()) {
            connections.decrementAndGet();
            return refused();
        }
        return true;
    }

    private boolean refused() {
        ServerStats s = stats;
        if (s != null) {
            s.refusedConnections.increment();
        }
        return false;
    }

    /**
     * The one call the protocol makes when it refuses a request itself: counts it and tells the
     * {@link RefusalListener}. {@code in[from, to)} holds what had arrived of the refused head.
     */
    void refused(HttpExchange ex, byte[] in, int from, int to, int status, String reason, int bodyBytes) {
        ex.stats.served(status, 0, bodyBytes);
        ServerStats s = stats;
        if (s != null) {
            s.refusedRequests.increment();
        }
        RefusalListener l = refusalListener;
        if (l == null) {
            return;
        }
        try {
            l.refused(new RefusedRequest(ex.remoteAddress(), RefusedRequest.firstLine(in, from, to), status, reason,
                    bodyBytes, ex.connectionId()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "refusal listener failed", e);
        }
    }

    void connectionClosed() {
        connections.decrementAndGet();
    }

    /**
     * Graceful stop: no new connections, idle ones closed, in-flight requests may finish within
     * the configured grace period; then everything is closed.
     */
    public synchronized void stop() {
        if (!started || stopping) {
            return;
        }
        stopping = true;
        if (reload != null) {
            reload.shutdownNow();
        }
        try {
            if (listener != null) {
                acceptor.close(1000);
            }
            if (httpsListener != null) {
                httpsAcceptor.close(1000);
            }
        } catch (IOException | InterruptedException e) {
            LOG.log(System.Logger.Level.WARNING, "while closing the listener: " + e);
        }
        long deadline = System.currentTimeMillis() + config.shutdownGraceMillis();
        while (connections.get() > 0 && System.currentTimeMillis() < deadline) {
            for (SelectorLoop loop : loops) {
                loop.closeIdle();
            }
            sleep(DRAIN_POLL_MILLIS);
        }
        for (SelectorLoop loop : loops) {
            loop.shutdown();
        }
        for (SelectorLoop loop : loops) {
            try {
                loop.join(LOOP_JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String stuck = loop.isAlive() ? loop.describeInlineBatch() : null;
            if (stuck != null) {
                LOG.log(System.Logger.Level.WARNING, "stop could not cut " + stuck + ": it runs on a selector loop"
                        + " itself (execution=inline), which ends when the handler returns");
            }
        }
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(WORKERS_END_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor.shutdownNow();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
