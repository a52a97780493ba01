package io.subito.container;

import java.nio.channels.SelectionKey;

/**
 * The one-shot "tell me when the socket is ready" callbacks of a connection whose exchange uses
 * non-blocking I/O (an async request with a read or write listener, or an upgraded connection).
 * Callers arm from any thread; the loop owns the selection key, so the interest change is queued
 * to it. A callback runs once, on the loop thread, and must only hand work off.
 */
final class ReadinessCallbacks {
    private final Connection connection;
    private volatile Runnable onReadable;
    private volatile Runnable onWritable;
    private final Runnable applyInterest = this::applyInterest;

    ReadinessCallbacks(Connection connection) {
        this.connection = connection;
    }

    void whenReadable(Runnable r) {
        onReadable = r;
        connection.handBack(applyInterest);
    }

    void whenWritable(Runnable r) {
        onWritable = r;
        connection.handBack(applyInterest);
    }

    /** The exchange is over: a late readiness must not call into the next request's listeners. */
    void clear() {
        onReadable = null;
        onWritable = null;
    }

    /** Loop side: the key reported {@code readyOps}; runs the callbacks waiting for them. */
    void fire(int readyOps) {
        Runnable read = null;
        Runnable write = null;
        if ((readyOps & SelectionKey.OP_READ) != 0) {
            read = onReadable;
            onReadable = null;
        }
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            write = onWritable;
            onWritable = null;
        }
        applyInterest();
        if (read != null) {
            read.run();
        }
        if (write != null) {
            write.run();
        }
    }

    /** Loop side, at close: every waiting callback runs so its owner finds the connection gone. */
    void fireAll() {
        fire(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    }

    private void applyInterest() {
        int ops = (onReadable != null ? SelectionKey.OP_READ : 0) | (onWritable != null ? SelectionKey.OP_WRITE : 0);
        connection.setInterestIfNonBlocking(ops);
    }
}
