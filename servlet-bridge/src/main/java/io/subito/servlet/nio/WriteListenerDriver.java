package io.subito.servlet.nio;

import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Drives a {@link WriteListener} from the selector: writes never wait for the client (what the
 * socket does not take stays buffered), {@code isReady()} answers whether everything has left,
 * and when it answered false the loop's wake-up calls {@code onWritePossible} again.
 */
public final class WriteListenerDriver {
    private final WriteListener listener;
    private final Readiness readiness;
    private final ListenerRunner runner;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final Runnable onWritable = this::onWritable;
    private volatile boolean notReady;
    private boolean failed;

    public WriteListenerDriver(WriteListener listener, Readiness readiness, ListenerRunner runner) {
        this.listener = listener;
        this.readiness = readiness;
        this.runner = runner;
    }

    /** The container calls onWritePossible once at the start (Servlet 6.1 section 5.5). */
    public void start() {
        runner.run(this::deliver);
    }

    /** The stream's isReady() while this listener is set. */
    public boolean isReady() {
        boolean ready;
        try {
            ready = readiness.readyNow();
        } catch (IOException e) {
            fail(e);
            return false;
        }
        notReady = !ready;
        if (!ready && armed.compareAndSet(false, true)) {
            readiness.whenReady(onWritable);
        }
        return ready;
    }

    /** A write after isReady() answered false is the application's error (as in Tomcat). */
    public void checkWritable() {
        if (notReady) {
            throw new IllegalStateException("isReady() returned false: write only after onWritePossible()");
        }
    }

    private void onWritable() {
        armed.set(false);
        runner.run(this::deliver);
    }

    private void deliver() {
        if (failed) {
            return;
        }
        if (!isReady()) {
            return;
        }
        try {
            listener.onWritePossible();
        } catch (Throwable t) {
            fail(t);
        }
    }

    private void fail(Throwable t) {
        if (!failed) {
            failed = true;
            runner.run(() -> listener.onError(t));
        }
    }
}
