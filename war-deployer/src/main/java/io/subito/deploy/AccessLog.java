package io.subito.deploy;

import io.subito.container.HttpExchange;
import io.subito.container.HttpHandler;
import io.subito.container.RefusedRequest;
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

/**
 * The access log: a line per request in the {@code accessLog.pattern} format (combined by
 * default), including the requests the engine refuses itself before any application sees them.
 * It wraps the servlet host's handler, so a line is formatted right after the request ran; lines
 * go to a queue drained by one writer thread, so a slow disk never holds up a request (when the
 * queue is full, lines are counted as dropped instead). The file rolls over daily and at a size
 * ({@link RollingFile}). For a request that went async, the status is the one when its first
 * dispatch returned and the bytes are "-".
 */
public final class AccessLog implements AutoCloseable {
    /** Queued by close(); compared by identity, so no log line can be mistaken for it. */
    private static final String POISON = new String("close");

    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(65_536);
    private final AtomicLong dropped = new AtomicLong();
    private final Writer out;
    private final AccessLogPattern pattern;
    private final Thread writer;

    /** Combined format, rolled daily, every rolled file kept. */
    public AccessLog(Path file) throws IOException {
        this(file, AccessLogPattern.parse("combined"), new RollingFile.Policy(true, 0, 0));
    }

    public AccessLog(Path file, AccessLogPattern pattern, RollingFile.Policy rolling) throws IOException {
        this.out = new RollingFile(file, rolling);
        this.pattern = pattern;
        writer = new Thread(this::drain, "subito-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** A handler that runs {@code next}, then logs the exchange. */
    public HttpHandler around(HttpHandler next) {
        return ex -> {
            long t0 = System.nanoTime();
            try {
                next.handle(ex);
            } finally {
                record(ex, System.nanoTime() - t0);
            }
        };
    }

    /** Logs a request the engine refused (register with {@code HttpServer.onRefusal}). */
    public void refused(RefusedRequest r) {
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

    private void drain() {
        List<String> batch = new ArrayList<>();
        try {
            while (true) {
                String first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch);
                boolean stop = write(batch);
                batch.clear();
                if (stop) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes a batch; true when the close marker was in it. */
    private boolean write(List<String> batch) {
        boolean stop = false;
        try {
            for (String line : batch) {
                if (line == POISON) {
                    stop = true;
                } else {
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
        return stop;
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
