package io.subito.websocket.session;

import io.subito.container.guard.Guard;
import java.nio.ByteBuffer;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads WebSocket work runs on. A connection has a task here only while it has bytes to
 * read or write; an idle one has none (the selector loop watches its socket). The read buffer
 * belongs to the thread, not the connection, so an idle connection holds no buffer either.
 */
public final class WsThreads {
    /** Bytes one read takes from the socket: a whole 16 KiB message with its header fits. */
    static final int READ_BUFFER_BYTES = 16 * 1024 + 16;
    private static final AtomicInteger COUNT = new AtomicInteger();
    /**
     * Up to this many tasks run at once: handlers may block (a basic send to a slow client, a
     * streaming reader), so it is far more than the cores; idle workers park and time out.
     */
    private static final int MAX_WORKERS = Math.max(64, 8 * Runtime.getRuntime().availableProcessors());
    /** A fork-join pool in async (FIFO) mode, like the engine's workers: submitting is lock-free. */
    private static final ForkJoinPool WORKERS = new ForkJoinPool(MAX_WORKERS, pool -> {
        ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        t.setName("subito-ws-" + COUNT.incrementAndGet());
        t.setDaemon(true);
        return t;
    }, Guard.uncaughtHandler(), true);
    private static final ScheduledExecutorService TIMERS = newTimers();
    /**
     * Direct, so the kernel copies into it: a heap buffer would make the JDK read into a temporary
     * direct buffer and copy that into the heap one (a second pass over every byte received).
     */
    private static final ThreadLocal<ByteBuffer> READ_BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(READ_BUFFER_BYTES));

    private WsThreads() {
    }

    private static ScheduledExecutorService newTimers() {
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "subito-ws-timer");
            t.setDaemon(true);
            return t;
        });
        s.setRemoveOnCancelPolicy(true); // a cancelled idle timer does not wait in the queue until it would have fired
        return s;
    }

    public static void execute(Runnable task) {
        WORKERS.execute(task);
    }

    /** Idle and close timeouts: one thread that only hands work on. */
    public static ScheduledExecutorService timers() {
        return TIMERS;
    }

    /** This thread's read buffer, cleared. */
    static ByteBuffer readBuffer() {
        return READ_BUFFER.get().clear();
    }
}
