package io.subito.container;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Collects what the server logs under a logger name (System.Logger and java.util.logging both end
 * up in java.util.logging), so a test can check that a failure was logged, and how often.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    /** Starts collecting what is logged under {@code loggerName} ("io.subito" for everything of the server). */
    public LogCapture(String loggerName) {
        logger = Logger.getLogger(loggerName);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord r) {
        records.add(r);
    }

    /** The records whose message (or thrown throwable's text) contains every one of {@code parts}. */
    public List<LogRecord> matching(String... parts) {
        return records.stream().filter(r -> containsAll(text(r), parts)).collect(Collectors.toList());
    }

    /** Waits until some record contains every one of {@code parts}; fails naming what was logged. */
    public LogRecord await(String... parts) throws InterruptedException {
        return await(r -> containsAll(text(r), parts), String.join(" + ", parts));
    }

    public LogRecord await(Predicate<LogRecord> ok, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (LogRecord r : records) {
                if (ok.test(r)) {
                    return r;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("nothing logged with " + what + "; logged:\n" + dump());
    }

    public String dump() {
        return records.stream().map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + text(r)).collect(Collectors.joining("\n"));
    }

    /** The formatted message, followed by the thrown throwable, if any. */
    public static String text(LogRecord r) {
        String m = r.getMessage();
        Object[] p = r.getParameters();
        if (m != null && p != null && p.length > 0) {
            m = java.text.MessageFormat.format(m, p);
        }
        return m + (r.getThrown() == null ? "" : " | " + r.getThrown());
    }

    private static boolean containsAll(String text, String... parts) {
        for (String p : parts) {
            if (!text.contains(p)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
