package io.subito.deploy;

import io.subito.container.HttpExchange;
import io.subito.container.HttpHandler;
import io.subito.container.http.RequestHead;
import io.subito.container.guard.Guard;
import java.io.IOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An access log in the combined format that log analysers expect:
 * {@code host - user [time] "request line" status bytes "referer" "user-agent"}. It wraps the
 * servlet host's handler, so a line is formatted right after the request ran; lines go to a
 * queue drained by one writer thread, so a slow disk never holds up a request (when the queue
 * is full, lines are counted as dropped instead). For a request that went async, the status
 * and bytes are those when its first dispatch returned, and the bytes are "-": the engine has
 * no completion hook yet.
 */
public final class AccessLog implements AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
    /** Queued by close(); compared by identity, so no log line can be mistaken for it. */
    private static final String POISON = new String("close");

    private static final String WRITER = "the access-log writer";
    private static final String RECORDING = "the access log";

    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(65_536);
    private final AtomicLong dropped = new AtomicLong();
    private final Writer out;
    private final Thread writer;
    private final List<String> batch = new ArrayList<>();
    private final Runnable drainOnce = this::drainOnce;
    private final Consumer<HttpExchange> record = this::record;
    /** Writer thread only: set by the close marker (or an interrupt). */
    private boolean stopped;
    private volatile long cachedSecond = -1;
    private volatile String cachedTime;

    public AccessLog(Path file) throws IOException {
        this(open(file));
    }

    /** Lines go to {@code out}; for tests that need a writer that fails. */
    AccessLog(Writer out) {
        this.out = out;
        writer = new Thread(this::drain, "subito-access-log");
        writer.setDaemon(true);
        writer.setUncaughtExceptionHandler(Guard.uncaughtHandler());
        writer.start();
    }

    private static Writer open(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** A handler that runs {@code next}, then logs the exchange. */
    public HttpHandler around(HttpHandler next) {
        return ex -> {
            try {
                next.handle(ex);
            } finally {
                // guarded: a line that cannot be made must neither fail the request nor hide the handler's own exception
                Guard.run(RECORDING, record, ex);
            }
        };
    }

    void record(HttpExchange ex) {
        if (!queue.offer(format(ex))) {
            dropped.incrementAndGet();
        }
    }

    String format(HttpExchange ex) {
        RequestHead r = ex.request();
        StringBuilder b = new StringBuilder(160);
        InetSocketAddress remote = ex.remoteAddress();
        b.append(remote == null ? "-" : remote.getAddress().getHostAddress());
        b.append(" - ").append(user(r.header("Authorization"))).append(" [").append(now()).append("] \"");
        b.append(r.method()).append(' ').append(r.target()).append(' ').append(r.protocol()).append("\" ");
        b.append(ex.response().status()).append(' ');
        long bytes = ex.response().bytesWritten();
        b.append(ex.isAsyncStarted() || bytes <= 0 ? "-" : Long.toString(bytes));
        b.append(" \"").append(quoted(r.header("Referer"))).append("\" \"").append(quoted(r.header("User-Agent"))).append('"');
        return b.toString();
    }

    /** The user name of HTTP Basic credentials, which is what servers log as the remote user. */
    static String user(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return "-";
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon > 0 ? quoted(decoded.substring(0, colon)).replace(' ', '_') : "-";
        } catch (IllegalArgumentException e) {
            return "-";
        }
    }

    /** Escapes what would break the line's quoting: quotes, backslashes, control characters. */
    static String quoted(String v) {
        if (v == null || v.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private String now() {
        long second = System.currentTimeMillis() / 1000;
        if (second != cachedSecond) {
            cachedTime = TIME.format(ZonedDateTime.now());
            cachedSecond = second;
        }
        return cachedTime;
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
