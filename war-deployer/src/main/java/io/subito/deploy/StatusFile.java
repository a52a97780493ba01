package io.subito.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * What {@code bin/start.sh status} reports about a running server: its pid, port, URL and apps,
 * in a small {@code key=value} file that the server writes once it serves, rewrites when its
 * apps change (looked at as often as {@code webapps/} is scanned), and deletes as the JVM exits.
 * The script also checks that the pid is alive and is a Subito server, so a file left behind by
 * a killed server reads as not running.
 */
final class StatusFile implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StatusFile.class.getName());

    private final Server server;
    private final Path file;
    private final ScheduledExecutorService timer;
    private String written;
    private boolean closed;

    private StatusFile(Server server, Path file) {
        this.server = server;
        this.file = file.toAbsolutePath();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "subito-status-file");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Writes {@code file} now, keeps it current until closed, and closes at JVM exit.
     *
     * @return the running status file, or null when {@code file} is null (nothing asked for)
     */
    static StatusFile start(Server server, Path file, long intervalMillis) {
        if (file == null) {
            return null;
        }
        StatusFile s = new StatusFile(server, file);
        Runtime.getRuntime().addShutdownHook(new Thread(s::close, "subito-status-file-remove"));
        s.refresh();
        s.timer.scheduleWithFixedDelay(s::refresh, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        return s;
    }

    /** The file's text: one {@code key=value} per line. */
    static String text(Server server) {
        String apps = server.deployer().deployments().stream().map(d -> Deployer.display(d.contextPath()))
                .sorted(Comparator.naturalOrder()).collect(Collectors.joining(", "));
        String failed = server.watcher().failures().keySet().stream().map(p -> p.getFileName().toString())
                .sorted().collect(Collectors.joining(", "));
        return "pid=" + ProcessHandle.current().pid() + "\n"
                + "port=" + server.port() + "\n"
                + "url=" + server.url() + "\n"
                + "apps=" + (apps.isEmpty() ? "none" : apps) + "\n"
                + "failed=" + failed + "\n";
    }

    /** Stops keeping the file and deletes it (the server is stopping). */
    @Override
    public synchronized void close() {
        closed = true;
        timer.shutdownNow();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stale file names a pid that is gone: bin/start.sh status still says not running
        }
    }

    private synchronized void refresh() {
        if (closed) {
            return;
        }
        try {
            String now = text(server);
            if (!now.equals(written)) {
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.createDirectories(file.getParent());
                Files.writeString(tmp, now, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                written = now;
            }
        } catch (IOException | RuntimeException e) {
            // the server serves on; only bin/start.sh status is the poorer for it
            LOG.log(Level.WARNING, "cannot write " + file + ": " + e, e);
        }
    }
}
