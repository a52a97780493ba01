package io.subito.servlet.nio;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Drives a {@link ReadListener} from the selector: {@code isReady()} answering false registers
 * for readability, and the loop's wake-up calls {@code onDataAvailable} on an application
 * thread. No thread waits for a slow client.
 */
public final class ReadListenerDriver {
    private final ReadListener listener;
    private final ServletInputStream input;
    private final Readiness readiness;
    private final ListenerRunner runner;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final Runnable onReadable = this::onReadable;
    private boolean allDataRead;
    private boolean failed;

    public ReadListenerDriver(ReadListener listener, ServletInputStream input, Readiness readiness, ListenerRunner runner) {
        this.listener = listener;
        this.input = input;
        this.readiness = readiness;
        this.runner = runner;
    }

    public void start() {
        runner.run(this::deliver);
    }

    /** The stream's isReady() while this listener is set. */
    public boolean isReady() {
        try {
            if (readiness.readyNow()) {
                return true;
            }
        } catch (IOException e) {
            return true; // the next read reports the failure
        }
        if (armed.compareAndSet(false, true)) {
            readiness.whenReady(onReadable);
        }
        return false;
    }

    private void onReadable() {
        armed.set(false);
        runner.run(this::deliver);
    }

    private void deliver() {
        if (failed || allDataRead) {
            return;
        }
        try {
            if (!input.isFinished() && isReady()) {
                listener.onDataAvailable();
            }
            if (input.isFinished()) {
                allDataRead = true;
                listener.onAllDataRead();
            }
        } catch (Throwable t) {
            failed = true;
            listener.onError(t);
        }
    }
}
