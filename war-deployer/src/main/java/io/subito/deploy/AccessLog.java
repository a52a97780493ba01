package io.subito.deploy;

import io.subito.container.HttpExchange;
import io.subito.container.HttpHandler;
import io.subito.container.RefusedRequest;
import io.subito.container.guard.Guard;
import io.subito.deploy.accesslog.AccessLogPattern;
import io.subito.deploy.accesslog.ExchangeEntry;
import io.subito.deploy.accesslog.RefusalEntry;
import io.subito.deploy.accesslog.RollingFile;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The access log: a line per request in the {@code accessLog.pattern} format (combined by
 * default), including the requests the engine refuses itself before any application sees them.
 * The client is the one behind trusted proxies ({@code trustedProxies}), as the application sees
 * it. It wraps the servlet host's handler, so a line is formatted right after the request ran;
 * lines go to a queue drained by one writer thread, so a slow disk never holds up a request (when
 * the queue is full, lines are counted as dropped instead). The file rolls over daily and at a
 * size ({@link RollingFile}). For a request that went async, the status is the one when its first
 * dispatch returned and the bytes are "-".
 */
public final class AccessLog implements AutoCloseable {
    /** Queued by close(); compared by identity, so no log line can be mistaken for it. */
    private static final String POISON = new String("close");

    private static final String WRITER = "the access-log writer";
    private static final String RECORDING = "the access log";

    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(65_536);
    private final AtomicLong dropped = new AtomicLong();
    private final Writer out;
    private final AccessLogPattern pattern;
    private final Thread writer;
    private final List<String> batch = new ArrayList<>();
    private final Runnable drainOnce = this::drainOnce;
    private final Consumer<RefusedRequest> recordRefusal = this::recordRefusal;
    /** Writer thread only: set by the close marker (or an interrupt). */
    private boolean stopped;

    /** Combined format, rolled daily, every rolled file kept. */
    public AccessLog(Path file) throws IOException {
        this(file, AccessLogPattern.parse("combined"), new RollingFile.Policy(true, 0, 0));
    }

    public AccessLog(Path file, AccessLogPattern pattern, RollingFile.Policy rolling) throws IOException {
        this(new RollingFile(file, rolling), pattern);
    }

    /** Combined lines go to {@code out}; for tests that need a writer that fails. */
    AccessLog(Writer out) {
        this(out, AccessLogPattern.parse("combined"));
    }

    private AccessLog(Writer out, AccessLogPattern pattern) {
        this.out = out;
        this.pattern = pattern;
        writer = new Thread(this::drain, "subito-access-log");
        writer.setDaemon(true);
        writer.setUncaughtExceptionHandler(Guard.uncaughtHandler());
        writer.start();
    }

    /** A handler that runs {@code next}, then logs the exchange. */
    public HttpHandler around(HttpHandler next) {
        return ex -> {
            long t0 = System.nanoTime();
            try {
                next.handle(ex);
            } finally {
                long elapsed = System.nanoTime() - t0;
                try {
                    record(ex, elapsed);
                } catch (Throwable t) {
                    // guarded: a line that cannot be made must neither fail the request nor hide the handler's own exception
                    Guard.report(RECORDING, t);
                }
            }
        };
    }

    /** Logs a request the engine refused (register with {@code HttpServer.onRefusal}); never throws. */
    public void refused(RefusedRequest r) {
        Guard.run(RECORDING, recordRefusal, r);
    }

    private void recordRefusal(RefusedRequest r) {
        offer(pattern.format(new RefusalEntry(r, System.currentTimeMillis())));
    }

    void record(HttpExchange ex, long elapsedNanos) {
        offer(format(ex, elapsedNanos));
    }

    String format(HttpExchange ex, long elapsedNanos) {
        return pattern.format(new ExchangeEntry(ex, elapsedNanos, System.currentTimeMillis()));
    }

    private void offer(String line) {
        if (!queue.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    /** The writer thread: batch after batch until close(), outliving whatever one batch throws. */
    private void drain() {
        while (!stopped) {
            Guard.run(WRITER, drainOnce);
        }
    }

    /** Waits up to a second for lines and writes what came. A batch that fails is lost, the log goes on. */
    private void drainOnce() {
        try {
            String first = queue.poll(1, TimeUnit.SECONDS);
            if (first == null) {
                return;
            }
            batch.add(first);
            queue.drainTo(batch);
            write(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        } finally {
            for (String line : batch) {
                stopped |= line == POISON; // even when the batch failed: close() waits for this thread
            }
            batch.clear();
        }
    }

    /** Writes a batch (the close marker in it is skipped). */
    private void write(List<String> batch) {
        try {
            for (String line : batch) {
                if (line != POISON) {
                    out.write(line);
                    out.write('\n');
                }
            }
            long d = dropped.getAndSet(0);
            if (d > 0) {
                out.write("# " + d + " access log lines dropped: the log could not keep up\n");
            }
            out.flush();
        } catch (IOException e) {
            System.err.println("access log: " + e.getMessage());
        }
    }

    /** Writes what is queued, then closes the file. */
    @Override
    public void close() {
        try {
            queue.put(POISON);
            writer.join(5_000);
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            System.err.println("access log: " + e.getMessage());
        }
    }
}
