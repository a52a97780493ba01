package io.subito.container;

import io.subito.container.compress.GzipEncoderPool;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The loop of a {@link LocalConnector}: whichever thread drives it at the moment is the loop
 * thread, so batches run inline on the test's own thread; tasks from other threads (an async
 * completion, a readiness callback being armed) wait in a queue until the driver runs them.
 */
final class LocalLoop extends EventLoop {
    private static final int POOLED = 16;
    /**
     * A connector has no end to free them at: the few pooled deflaters are freed by their
     * cleaners once the connector is unreachable.
     */
    private static final int POOLED_GZIP_ENCODERS = 2;

    private final BufferPool buffers;
    private final ExchangePool exchanges;
    private final GzipEncoderPool gzipEncoders;
    /** The driver changes, so no thread is the loop's: responses are counted as other threads' are. */
    private final LoopStats stats = new LoopStats(null);
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private volatile Thread driver;

    LocalLoop(ServerConfig config) {
        this.buffers = new BufferPool(config.bufferSize(), POOLED);
        this.exchanges = new ExchangePool(config, POOLED, stats);
        this.gzipEncoders = new GzipEncoderPool(POOLED_GZIP_ENCODERS, config.responseBufferSize());
    }

    /** The calling thread is the loop until {@link #leave}; one driver at a time. */
    synchronized void enter() {
        Thread t = Thread.currentThread();
        if (driver != null && driver != t) {
            throw new IllegalStateException("the local connector is driven by " + driver.getName());
        }
        driver = t;
    }

    synchronized void leave() {
        driver = null;
    }

    /** Runs the queued tasks; whether there were any. */
    boolean runTasks() {
        boolean ran = false;
        Runnable t;
        while ((t = tasks.poll()) != null) {
            t.run();
            ran = true;
        }
        return ran;
    }

    /** Waits up to {@code millis} for a task and runs it; false if none came. */
    boolean runNextTask(long millis) throws InterruptedException {
        Runnable t = tasks.poll(millis, TimeUnit.MILLISECONDS);
        if (t == null) {
            return false;
        }
        t.run();
        return true;
    }

    @Override
    long now() {
        return System.currentTimeMillis();
    }

    @Override
    BufferPool buffers() {
        return buffers;
    }

    @Override
    ExchangePool exchanges() {
        return exchanges;
    }

    @Override
    GzipEncoderPool gzipEncoders() {
        return gzipEncoders;
    }

    @Override
    LoopStats stats() {
        return stats;
    }

    @Override
    boolean isLoopThread() {
        return Thread.currentThread() == driver;
    }

    @Override
    void execute(Runnable task) {
        tasks.add(task);
    }

    @Override
    void runInline(Connection c) {
        c.run();
    }

    @Override
    void removed(Connection c) {
        // nothing is counted: a local connection holds no file descriptor
    }
}
