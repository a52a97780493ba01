package io.subito.sessions.scaleout;

import io.subito.deploy.ServerProcess;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real HAProxy (Debian's {@code haproxy}) in front of the instances, on 127.0.0.1 and a free
 * port: round robin, no stickiness, a health check on a path that needs no session, and a
 * request that cannot reach an instance sent to the other. Stopped by {@link #close()}.
 */
final class Haproxy implements AutoCloseable {
    static final String INSTALL = "haproxy is not installed: apt-get install -y haproxy (Debian), or put haproxy on the PATH";

    final int port;
    private final Path dir;
    private final Process process;

    /**
     * @param checkPath a path every instance answers 200 once it serves (and 503 before: the
     *     start-up gate), without a session
     */
    Haproxy(Path dir, String checkPath, int... backends) throws Exception {
        this.dir = dir;
        this.port = ServerProcess.freePort();
        StringBuilder conf = new StringBuilder("""
                global
                    maxconn 2000
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 30s
                    timeout server 30s
                    # a request that finds an instance gone is tried once more, on another instance
                    retries 1
                    option redispatch
                    # a killed instance refuses the check at once; a live one on a loaded machine may
                    # take longer than the 200 ms interval to answer and must not be taken out for it
                    timeout check 5s
                frontend in
                    bind 127.0.0.1:%d
                    default_backend subito
                backend subito
                    balance roundrobin
                    option httpchk GET %s
                """.formatted(port, checkPath));
        for (int i = 0; i < backends.length; i++) {
            conf.append("    server s").append(i).append(" 127.0.0.1:").append(backends[i])
                    .append(" check inter 200 fall 1 rise 1\n");
        }
        Path cfg = Files.writeString(dir.resolve("haproxy.cfg"), conf);
        process = new ProcessBuilder(find().toString(), "-db", "-f", cfg.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!listening()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("haproxy did not start on port " + port + ":\n" + log());
            }
            Thread.sleep(20);
        }
    }

    String log() throws IOException {
        Path log = dir.resolve("haproxy.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private boolean listening() {
        try {
            new Socket("127.0.0.1", port).close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path find() {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin";
        for (String p : List.of(path.split(":"))) {
            if (!p.isEmpty() && Files.isExecutable(Path.of(p, "haproxy"))) {
                return Path.of(p, "haproxy");
            }
        }
        throw new IllegalStateException(INSTALL);
    }

    /** Stops the HAProxy we started, by its process handle. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
