package io.subito.servlet.lifecycle;

import java.util.concurrent.atomic.LongAdder;

/**
 * One application's counters, for monitoring (the server's {@code App} MBeans read them).
 * Requests run on many threads at once: LongAdders, whose cells spread the writers.
 */
public final class AppStats {
    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder sessionsCreated = new LongAdder();
    private final LongAdder sessionsExpired = new LongAdder();

    public void requestStarted() {
        requests.increment();
    }

    /** A request ended with {@code status}; 4xx and 5xx count as errors (as Tomcat's errorCount). */
    public void requestEnded(int status) {
        if (status >= 400) {
            errors.increment();
        }
    }

    public void sessionCreated() {
        sessionsCreated.increment();
    }

    /** A session ended because it was idle too long (not by invalidate() or a stop). */
    public void sessionExpired() {
        sessionsExpired.increment();
    }

    public long requests() {
        return requests.sum();
    }

    public long errors() {
        return errors.sum();
    }

    public long sessionsCreated() {
        return sessionsCreated.sum();
    }

    public long sessionsExpired() {
        return sessionsExpired.sum();
    }
}
