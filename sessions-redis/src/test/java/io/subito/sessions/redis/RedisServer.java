package io.subito.sessions.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} for a test class on 127.0.0.1 and a free port, with nothing
 * saved to disk, stopped afterwards. Without the binary the test fails saying what to install.
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback {
    static final String INSTALL = "redis-server is not installed: apt-get install -y redis-server (Debian), "
            + "or put redis-server on the PATH";

    private Path binary;
    private Path dir;
    private int port;
    private Process process;

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        binary = find();
        dir = Files.createTempDirectory("subito-redis");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
        if (dir != null) {
            Files.deleteIfExists(dir.resolve("redis.log"));
            Files.deleteIfExists(dir);
        }
    }

    public void start() throws Exception {
        process = new ProcessBuilder(List.of(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--logfile", dir.resolve("redis.log").toString()))
                .redirectErrorStream(true).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!ping()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not start on port " + port + ": "
                        + (Files.exists(dir.resolve("redis.log")) ? Files.readString(dir.resolve("redis.log")) : ""));
            }
            Thread.sleep(20);
        }
    }

    /** Stops the server we started, by its process handle. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }

    private boolean ping() {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes());
            out.flush();
            InputStream in = s.getInputStream();
            byte[] b = new byte[7];
            return in.readNBytes(b, 0, 7) == 7 && new String(b).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    private static Path find() {
        for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!p.isEmpty() && Files.isExecutable(Path.of(p, "redis-server"))) {
                return Path.of(p, "redis-server");
            }
        }
        throw new IllegalStateException(INSTALL);
    }
}
