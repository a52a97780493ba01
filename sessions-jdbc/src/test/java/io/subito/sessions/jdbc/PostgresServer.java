package io.subito.sessions.jdbc;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL for a test class: {@code initdb} into a temporary directory and
 * {@code pg_ctl start} on 127.0.0.1 and a free port, stopped and deleted afterwards. PostgreSQL
 * refuses to run as root, so as root it runs as the {@code postgres} user the Debian package
 * makes. Without the binaries the test fails saying what to install.
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback {
    static final String INSTALL = "PostgreSQL is not installed: apt-get install -y postgresql (Debian), "
            + "or put initdb and pg_ctl on the PATH";

    private Path dir;
    private Path bin;
    private boolean asRoot;
    private int port;

    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String user() {
        return "subito";
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        bin = findBin();
        asRoot = "root".equals(System.getProperty("user.name"));
        dir = Files.createTempDirectory("subito-pg");
        if (asRoot) {
            run(List.of("chown", "postgres", dir.toString()), false);
        }
        port = freePort();
        run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "subito",
                "--auth=trust", "-E", "UTF8", "--no-sync"), true);
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("log").toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"), true);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (dir == null) {
            return;
        }
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate",
                    "-w", "stop"), true);
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Stops the server (to test a database that is down); {@link #start()} brings it back. */
    public void stop() throws Exception {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop"),
                true);
    }

    public void start() throws Exception {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("log").toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"), true);
    }

    private static Path findBin() throws IOException {
        for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!p.isEmpty() && Files.isExecutable(Path.of(p, "initdb")) && Files.isExecutable(Path.of(p, "pg_ctl"))) {
                return Path.of(p);
            }
        }
        Path lib = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> versions = Files.list(lib)) {
                Path found = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.naturalOrder()).orElse(null);
                if (found != null) {
                    return found;
                }
            }
        }
        throw new IllegalStateException(INSTALL);
    }

    private void run(List<String> cmd, boolean asPostgres) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres && asRoot) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(cmd);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", full) + " failed:\n" + out);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
