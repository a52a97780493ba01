package io.subito.container;

import io.subito.container.compress.GzipEncoderPool;
import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import io.subito.container.guard.Guard;
import java.util.function.Consumer;
import org.jctools.queues.MpscUnboundedArrayQueue;

/**
 * One selector thread and the connections it owns for their whole life. Other threads talk to
 * it only through its lock-free task queue; a wake-up is sent only when the loop may be asleep.
 */
final class SelectorLoop extends EventLoop implements Runnable {
    private static final System.Logger LOG = System.getLogger(SelectorLoop.class.getName());
    private static final long REAP_INTERVAL_MILLIS = 1000;
    /** Connections a loop serves at once under load (peer-bench's pipelined test: 256 a loop). */
    private static final int BUSY_CONNECTIONS = 256;
    /** A batch on a worker holds an input and an output buffer. */
    private static final int POOLED_BUFFERS = 2 * BUSY_CONNECTIONS;
    private static final int POOLED_EXCHANGES = 512;
    /** Deflaters kept per loop (some 256 KiB of native memory each); more are made while busy. */
    private static final int POOLED_GZIP_ENCODERS = 8;
    private static final String TASK = "a selector loop's task";
    private static final String ACCEPTOR = "the acceptor";
    private static final String CONNECTION = "a selector loop serving a connection";

    private final HttpServer server;
    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new MpscUnboundedArrayQueue<>(256);
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final ArrayList<Connection> connections = new ArrayList<>();
    private final BufferPool buffers;
    private TlsBuffers tlsBuffers;
    private final ExchangePool exchanges;
    private final GzipEncoderPool gzipEncoders;
    private final Consumer<SelectionKey> onKey = this::onKey;
    private final LoopStats stats;
    private final Consumer<Connection> reapOne = this::reapOne;
    private final Consumer<Connection> flushOne = c -> c.flushIfStalled(this.now);
    private volatile boolean running = true;
    private long now = System.currentTimeMillis();
    private long lastReap = now;
    private long lastStallScan = now;
    private final long stallScanMillis;
    private Selector blockingSelector;
    private Connection inlineBatch;
    /** The listeners this loop accepts for (none, one or both). */
    private Acceptor[] acceptors = new Acceptor[0];

    SelectorLoop(HttpServer server, int index) throws IOException {
        this.server = server;
        this.selector = Selector.open();
        // a batch on a worker holds an input and an output buffer; enough for 256 busy connections a
        // loop (peer-bench's pipelined load), and what an idle server keeps is bounded
        this.buffers = new BufferPool(server.config().bufferSize(), POOLED_BUFFERS);
        this.gzipEncoders = new GzipEncoderPool(POOLED_GZIP_ENCODERS, server.config().responseBufferSize());
        int stall = server.config().stallFlushMillis();
        // inline batches run on this thread: nothing to watch for from here
        this.stallScanMillis = stall <= 0 || server.config().mode() == ExecutionMode.INLINE ? 0 : Math.max(1, stall / 2);
        this.thread = new Thread(this, "subito-loop-" + index);
        thread.setDaemon(false);
        this.stats = new LoopStats(thread);
        this.exchanges = new ExchangePool(server.config(), POOLED_EXCHANGES, stats);
    }

    void start() {
        thread.start();
    }

    long now() {
        return now;
    }

    BufferPool buffers() {
        return buffers;
    }

    /** Packet buffers of this loop's TLS connections, made with the first one. */
    private TlsBuffers tlsBuffers() {
        if (tlsBuffers == null) {
            tlsBuffers = new TlsBuffers(server.tls().packetBufferSize(), POOLED_BUFFERS);
        }
        return tlsBuffers;
    }

    LoopStats stats() {
        return stats;
    }

    ExchangePool exchanges() {
        return exchanges;
    }

    GzipEncoderPool gzipEncoders() {
        return gzipEncoders;
    }

    boolean isLoopThread() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the loop thread, soon. */
    void execute(Runnable task) {
        tasks.offer(task);
        if (!isLoopThread() && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** Gives this loop a connection another loop accepted: it is registered on this loop's thread, soon. */
    void register(SocketChannel channel, long id, boolean secure) {
        execute(() -> adopt(channel, id, secure));
    }

    /**
     * Loop side: makes {@code channel} one of this loop's connections. It owns the channel and its
     * count from here on: if this fails, both are given up here.
     */
    void adopt(SocketChannel channel, long id, boolean secure) {
        boolean registered = false;
        try {
            PlainTransport plain = new PlainTransport(channel, this);
            Transport transport = secure ? new TlsTransport(plain, server.tls().newEngine(), tlsBuffers(), this,
                    server.tlsTasks(), server.tlsTaskCost(), server.tls().settings().handshakeTimeoutMillis()) : plain;
            Connection c = new Connection(id, this, transport, server);
            plain.register(selector, c);
            c.index = connections.size();
            connections.add(c);
            registered = true;
            stats.countAccepted();
        } catch (IOException e) {
            // the client is gone already
        } finally {
            if (!registered) {
                // also when an Error ends this task (reported by runTasks): no descriptor or count may leak
                closeQuietly(channel);
                server.connectionClosed();
            }
        }
    }

    /** Loop side: accepts the connections of {@code acceptor}'s listener on this loop from now on. */
    void watch(Acceptor acceptor) {
        Acceptor[] more = java.util.Arrays.copyOf(acceptors, acceptors.length + 1);
        more[acceptors.length] = acceptor;
        acceptors = more;
        acceptor.register(selector);
    }

    /**
     * Loop side: lets the selector drop its cancelled keys now, which closes the socket of a
     * channel closed while registered (a listener being closed). Ready keys are served as usual.
     */
    void dropCancelledKeys() throws IOException {
        selector.selectNow(onKey);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to do: the socket is gone either way
        }
    }

    void removed(Connection c) {
        int i = c.index;
        if (i < 0) {
            return;
        }
        Connection last = connections.remove(connections.size() - 1);
        if (last != c) {
            connections.set(i, last);
            last.index = i;
        }
        c.index = -1;
        stats.countClosed();
        server.connectionClosed();
    }

    @Override
    public void run() {
        while (running) {
            try {
                wakeupPending.set(false);
                server.faultPoint("loop");
                runTasks();
                long timeout = Math.max(1, REAP_INTERVAL_MILLIS - (System.currentTimeMillis() - lastReap));
                if (stallScanMillis > 0) {
                    timeout = Math.min(timeout, Math.max(1, stallScanMillis - (System.currentTimeMillis() - lastStallScan)));
                }
                for (Acceptor a : acceptors) {
                    if (a.resumeAt() != 0) {
                        timeout = Math.min(timeout, Math.max(1, a.resumeAt() - System.currentTimeMillis()));
                    }
                }
                if (tasks.isEmpty()) {
                    selector.select(onKey, timeout);
                } else {
                    selector.selectNow(onKey);
                }
                now = System.currentTimeMillis();
                if (now - lastReap >= REAP_INTERVAL_MILLIS) {
                    reap();
                }
                if (stallScanMillis > 0 && now - lastStallScan >= stallScanMillis) {
                    flushStalledBatches();
                }
                for (Acceptor a : acceptors) {
                    a.resumeIfDue(now);
                }
            } catch (Throwable t) {
                // the loop owns its connections for life: it must outlive anything one of them throws
                Guard.report(thread.getName(), t);
            }
        }
        closeAll();
    }

    private void runTasks() {
        Runnable t;
        while ((t = tasks.poll()) != null) {
            Guard.run(TASK, t);
        }
    }

    private void onKey(SelectionKey key) {
        // keys are handled inside select(): the clock read after the previous select may be a
        // whole timeout old, and response Date lines and activity times come from it
        now = System.currentTimeMillis();
        Object attachment = key.attachment();
        if (attachment instanceof Acceptor) {
            Acceptor a = (Acceptor) attachment;
            if (!Guard.run(ACCEPTOR, a.onReady)) {
                a.pause(now); // what failed (memory, typically) may fail again at once: do not spin
            }
            return;
        }
        Connection c = (Connection) attachment;
        try {
            int ready = key.readyOps();
            if ((ready & SelectionKey.OP_WRITE) != 0) {
                c.onWritable();
            }
            if ((ready & SelectionKey.OP_READ) != 0 && key.isValid()) {
                c.onReadable();
            }
        } catch (IOException | CancelledKeyException e) {
            c.close();
        } catch (Throwable t) {
            // only this connection is in doubt: end it, and go on with the others
            Guard.report(CONNECTION, "connection " + c.id, t);
            c.close();
        }
    }

    private void reap() {
        lastReap = now;
        eachConnection(reapOne);
    }

    private void reapOne(Connection c) {
        server.faultPoint("reap");
        c.reap(now);
    }

    /** Sends the finished responses of batches whose current handler has run longer than stallFlushMillis. */
    private void flushStalledBatches() {
        lastStallScan = now;
        eachConnection(flushOne);
    }

    /**
     * Applies {@code action} to every connection (it may close them). One that throws is closed
     * and reported, and the others still get their turn: a connection that failed the same way
     * every second would otherwise keep the ones after it from ever being reaped.
     */
    private void eachConnection(Consumer<Connection> action) {
        for (int i = connections.size() - 1; i >= 0; i--) {
            if (i < connections.size()) {
                Connection c = connections.get(i);
                if (!Guard.run(CONNECTION, action, c)) {
                    c.close();
                }
            }
        }
    }

    /** Closes idle connections now; busy ones close when their batch ends (the server is stopping). */
    void closeIdle() {
        execute(() -> {
            for (int i = connections.size() - 1; i >= 0; i--) {
                if (i < connections.size()) {
                    Connection c = connections.get(i);
                    if (c.isIdle()) {
                        c.close();
                    } else {
                        c.stopping();
                    }
                }
            }
        });
    }

    void shutdown() {
        running = false;
        selector.wakeup();
    }

    void join(long millis) throws InterruptedException {
        thread.join(millis);
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    /**
     * Runs a batch on this loop (execution=inline), remembering the connection so that a stop the
     * batch outlasts can name its request. A plain field: it is read only by the stopping thread,
     * seconds later, and a stale value would only cost that log line its detail.
     */
    void runInline(Connection c) {
        inlineBatch = c;
        try {
            c.run();
        } finally {
            inlineBatch = null;
        }
    }

    /** The request of the inline batch now running on this loop, for the stop's log; null if none. */
    String describeInlineBatch() {
        Connection c = inlineBatch;
        return c == null ? null : c.describeRunning(System.currentTimeMillis());
    }

    private void closeAll() {
        long at = System.currentTimeMillis();
        for (int i = connections.size() - 1; i >= 0; i--) {
            Connection c = connections.get(i);
            String running = c.describeRunning(at);
            if (running != null) {
                LOG.log(System.Logger.Level.WARNING, "stop cut " + running + ": still running when shutdownGraceMillis ("
                        + server.config().shutdownGraceMillis() + " ms) ended");
            }
            c.close();
        }
        gzipEncoders.close();
        try {
            selector.close();
            if (blockingSelector != null) {
                blockingSelector.close();
            }
        } catch (IOException ignored) {
            // closing at shutdown; nothing more to do
        }
    }

    /**
     * For inline execution only: the loop itself must wait for one socket (a handler blocked on
     * a body or a full socket). Uses a private selector so the main one keeps its keys.
     */
    void awaitBlocking(SocketChannel channel, int op, long timeoutMillis) throws IOException {
        if (blockingSelector == null) {
            blockingSelector = Selector.open();
        }
        SelectionKey k = channel.register(blockingSelector, op);
        try {
            int ready = blockingSelector.select(timeoutMillis);
            now = System.currentTimeMillis();
            if (ready == 0) {
                throw new java.net.SocketTimeoutException("socket not ready within " + timeoutMillis + " ms");
            }
        } finally {
            k.cancel();
            blockingSelector.selectNow();
        }
    }
}
