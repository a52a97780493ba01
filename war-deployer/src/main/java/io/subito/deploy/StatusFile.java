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
 * apps change (looked at as often as {@code webapps/} is scanned), and deletes when the JVM
 * exits. The script checks that the pid is alive, so a file left by a killed server reads as
 * not running.
 */
final class StatusFile {
    private static final Logger LOG = Logger.getLogger(StatusFile.class.getName());

    private final Server server;
    private final Path file;
    private String written;
    private boolean stopping;

    private StatusFile(Server server, Path file) {
        this.server = server;
        this.file = file.toAbsolutePath();
    }

    /** Writes {@code file} now and keeps it current; does nothing when {@code file} is null. */
    static void start(Server server, Path file, long intervalMillis) {
        if (file == null) {
            return;
        }
        StatusFile s = new StatusFile(server, file);
        Runtime.getRuntime().addShutdownHook(new Thread(s::remove, "subito-status-file-remove"));
        s.refresh();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "subito-status-file");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(s::refresh, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
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

    /** At JVM exit: the server is stopping; no further writes. */
    private synchronized void remove() {
        stopping = true;
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stale file names a pid that is gone: bin/start.sh status still says not running
        }
    }

    private synchronized void refresh() {
        if (stopping) {
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
