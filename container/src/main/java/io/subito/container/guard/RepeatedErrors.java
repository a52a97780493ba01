package io.subito.container.guard;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs the first error of a kind at SEVERE with its stack trace, then only counts: the repeats are
 * summed up in one line when the next one comes at least a period after the last line. Meant for
 * errors that come in floods (when memory runs out, every request may fail the same way), where a
 * line and a stack trace each would fill the disk and cost the memory that is short.
 */
final class RepeatedErrors {
    private final System.Logger log;
    private final long periodMillis;
    private final ConcurrentHashMap<String, Seen> seen = new ConcurrentHashMap<>();

    /** One kind: how many came since the last line, and when that line was written. */
    private static final class Seen {
        long unreported;
        long loggedAt;
        String lastDetail;
    }

    RepeatedErrors(System.Logger log, long periodMillis) {
        this.log = log;
        this.periodMillis = periodMillis;
    }

    void report(String what, String detail, Throwable t) {
        String kind = t.getClass().getName() + " in " + what;
        long now = System.currentTimeMillis();
        Seen s = seen.get(kind);
        if (s == null) {
            Seen mine = new Seen();
            s = seen.putIfAbsent(kind, mine);
            if (s == null) {
                mine.loggedAt = now;
                log.log(System.Logger.Level.ERROR, what + (detail == null ? "" : " (" + detail + ")") + " failed: " + t
                        + "; the thread carries on. Further " + t.getClass().getSimpleName() + "s in " + what
                        + " are counted, and summed up at most once a minute", t);
                return;
            }
        }
        long count;
        String last;
        synchronized (s) {
            s.unreported++;
            s.lastDetail = detail;
            if (now - s.loggedAt < periodMillis) {
                return;
            }
            count = s.unreported;
            last = s.lastDetail;
            s.unreported = 0;
            s.loggedAt = now;
        }
        log.log(System.Logger.Level.ERROR, count + " more " + t.getClass().getSimpleName() + "s in " + what
                + " since the last report" + (last == null ? "" : "; the latest: " + last) + " (" + t + ")");
    }
}
