package io.subito.container;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
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

    private final HttpServer server;
    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new MpscUnboundedArrayQueue<>(256);
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final ArrayList<Connection> connections = new ArrayList<>();
    private final BufferPool buffers;
    private final ExchangePool exchanges;
    private final Consumer<SelectionKey> onKey = this::onKey;
    private volatile boolean running = true;
    private long now = System.currentTimeMillis();
    private long lastReap = now;
    private long lastStallScan = now;
    private final long stallScanMillis;
    private Selector blockingSelector;

    SelectorLoop(HttpServer server, int index) throws IOException {
        this.server = server;
        this.selector = Selector.open();
        // a batch on a worker holds an input and an output buffer; enough for 256 busy connections a
        // loop (peer-bench's pipelined load), and what an idle server keeps is bounded
        this.buffers = new BufferPool(server.config().bufferSize(), POOLED_BUFFERS);
        this.exchanges = new ExchangePool(server.config(), POOLED_EXCHANGES);
        int stall = server.config().stallFlushMillis();
        // inline batches run on this thread: nothing to watch for from here
        this.stallScanMillis = stall <= 0 || server.config().mode() == ExecutionMode.INLINE ? 0 : Math.max(1, stall / 2);
        this.thread = new Thread(this, "subito-loop-" + index);
        thread.setDaemon(false);
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

    ExchangePool exchanges() {
        return exchanges;
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

    void register(SocketChannel channel, long id) {
        execute(() -> {
            PlainTransport transport = new PlainTransport(channel, this);
            Connection c = new Connection(id, this, transport, server);
            try {
                transport.register(selector, c);
            } catch (IOException e) {
                server.connectionClosed();
                return;
            }
            c.index = connections.size();
            connections.add(c);
        });
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
        server.connectionClosed();
    }

    @Override
    public void run() {
        while (running) {
            try {
                wakeupPending.set(false);
                runTasks();
                long timeout = Math.max(1, REAP_INTERVAL_MILLIS - (System.currentTimeMillis() - lastReap));
                if (stallScanMillis > 0) {
                    timeout = Math.min(timeout, Math.max(1, stallScanMillis - (System.currentTimeMillis() - lastStallScan)));
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
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.ERROR, "selector loop error", t);
            }
        }
        closeAll();
    }

    private void runTasks() {
        Runnable t;
        while ((t = tasks.poll()) != null) {
            try {
                t.run();
            } catch (Throwable e) {
                LOG.log(System.Logger.Level.ERROR, "loop task failed", e);
            }
        }
    }

    private void onKey(SelectionKey key) {
        // keys are handled inside select(): the clock read after the previous select may be a
        // whole timeout old, and response Date lines and activity times come from it
        now = System.currentTimeMillis();
        Connection c = (Connection) key.attachment();
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
        }
    }

    private void reap() {
        lastReap = now;
        for (int i = connections.size() - 1; i >= 0; i--) {
            if (i < connections.size()) {
                connections.get(i).reap(now);
            }
        }
    }

    /** Sends the finished responses of batches whose current handler has run longer than stallFlushMillis. */
    private void flushStalledBatches() {
        lastStallScan = now;
        for (int i = connections.size() - 1; i >= 0; i--) {
            connections.get(i).flushIfStalled(now);
        }
    }

    /** Closes idle connections now; busy ones close when their batch ends (the server is stopping). */
    void closeIdle() {
        execute(() -> {
            for (int i = connections.size() - 1; i >= 0; i--) {
                if (i < connections.size() && connections.get(i).isIdle()) {
                    connections.get(i).close();
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

    private void closeAll() {
        for (int i = connections.size() - 1; i >= 0; i--) {
            connections.get(i).close();
        }
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
