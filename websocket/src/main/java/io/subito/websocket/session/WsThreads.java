package io.subito.websocket.session;

import io.subito.container.guard.Guard;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "subito-ws-" + COUNT.incrementAndGet());
        t.setDaemon(true);
        t.setUncaughtExceptionHandler(Guard.uncaughtHandler());
        return t;
    });
    private static final ScheduledExecutorService TIMERS = newTimers();
    private static final ThreadLocal<ByteBuffer> READ_BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocate(READ_BUFFER_BYTES));

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
