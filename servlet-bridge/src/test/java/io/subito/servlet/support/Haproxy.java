package io.subito.servlet.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real HAProxy (Debian's {@code haproxy}) started by a test: it writes the configuration on
 * loopback, runs {@code haproxy -f cfg -db} in the foreground, waits until every frontend
 * accepts, and stops exactly that process by its PID.
 */
public final class Haproxy implements AutoCloseable {
    public static final String INSTALL = "apt-get update && apt-get install -y haproxy";

    private final Process process;
    private final Path dir;

    private Haproxy(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    /** The haproxy binary, or a failure naming the package to install. */
    public static String binary() {
        for (String candidate : List.of("/usr/sbin/haproxy", "/usr/local/sbin/haproxy", "/usr/bin/haproxy")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        fail("haproxy is not installed; these tests run behind a real HAProxy: " + INSTALL);
        return null;
    }

    /** A port that was free a moment ago on 127.0.0.1. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /**
     * Starts HAProxy with {@code sections} after a global/defaults header (HTTP mode, short
     * timeouts) and waits until each of {@code frontendPorts} accepts on 127.0.0.1.
     */
    public static Haproxy start(String sections, int... frontendPorts) throws IOException, InterruptedException {
        String bin = binary();
        Path dir = Files.createTempDirectory("haproxy-test");
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, """
                global
                    maxconn 256
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                """ + sections);
        Process p = new ProcessBuilder(bin, "-f", cfg.toString(), "-db")
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        Haproxy h = new Haproxy(p, dir);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (int port : frontendPorts) {
            while (!accepts(port)) {
                if (!p.isAlive()) {
                    String log = Files.readString(dir.resolve("haproxy.log"));
                    h.close();
                    fail("haproxy exited with " + p.exitValue() + ":\n" + log);
                }
                if (System.nanoTime() > deadline) {
                    h.close();
                    fail("haproxy did not listen on " + port + " within 30 s");
                }
                Thread.sleep(20);
            }
        }
        return h;
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** What HAProxy printed so far (for failure messages). */
    public String log() {
        try {
            return Files.readString(dir.resolve("haproxy.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM to the PID started above
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
