package io.subito.servlet.lifecycle;

import java.util.concurrent.atomic.LongAdder;

/**
 * One application's counters, for monitoring (the server's {@code App} MBeans read them).
 * Requests are counted per request, in {@link RequestCounters} (cells without an atomic
 * instruction); sessions, made and expired far more rarely, in LongAdders.
 */
public final class AppStats {
    private final RequestCounters requests = new RequestCounters();
    private final LongAdder sessionsCreated = new LongAdder();
    private final LongAdder sessionsExpired = new LongAdder();

    /** The counters requests are counted in (started, ended, errors); also the stop's drain reads them. */
    public RequestCounters requestCounters() {
        return requests;
    }

    public void sessionCreated() {
        sessionsCreated.increment();
    }

    /** A session ended because it was idle too long (not by invalidate() or a stop). */
    public void sessionExpired() {
        sessionsExpired.increment();
    }

    public long requests() {
        return requests.started();
    }

    public long errors() {
        return requests.errors();
    }

    public long sessionsCreated() {
        return sessionsCreated.sum();
    }

    public long sessionsExpired() {
        return sessionsExpired.sum();
    }
}
