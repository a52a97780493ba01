package io.subito.container.proxy;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Warnings about bad input that anyone may send often (a misconfigured proxy, a scanner talking
 * to a PROXY protocol port): at most one line per interval, the next one saying how many were
 * left out. One CAS per event that is let through, no lock.
 */
public final class RateLimitedLog {
    private static final int MAX_TEXT = 160;

    private final System.Logger logger;
    private final long intervalNanos;
    private final AtomicLong nextAllowed;
    private final AtomicLong suppressed = new AtomicLong();
    private final LongSupplier clock;

    public RateLimitedLog(System.Logger logger, long intervalMillis) {
        this(logger, intervalMillis, System::nanoTime);
    }

    RateLimitedLog(System.Logger logger, long intervalMillis, LongSupplier nanoClock) {
        this.logger = logger;
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.clock = nanoClock;
        this.nextAllowed = new AtomicLong(nanoClock.getAsLong());
    }

    /** Logs {@code message} at WARNING unless a line went out less than an interval ago. */
    public void warn(String message) {
        long now = clock.getAsLong();
        long next = nextAllowed.get();
        if (now - next < 0 || !nextAllowed.compareAndSet(next, now + intervalNanos)) {
            suppressed.incrementAndGet();
            return;
        }
        long left = suppressed.getAndSet(0);
        logger.log(System.Logger.Level.WARNING, printable(message)
                + (left > 0 ? " (" + left + " more like this left out of the log)" : ""));
    }

    /** Clipped, with control characters shown as '?', so no input can forge or flood log lines. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_TEXT) + 3);
        for (int i = 0; i < s.length() && i < MAX_TEXT; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        if (s.length() > MAX_TEXT) {
            b.append("...");
        }
        return b.toString();
    }
}
