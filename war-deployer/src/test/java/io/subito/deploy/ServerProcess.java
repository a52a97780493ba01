package io.subito.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The real server main ({@code Server.main}) in a JVM of its own, as bin/start.sh runs it, on a
 * free port of 127.0.0.1, with its output collected line by line.
 */
public final class ServerProcess implements AutoCloseable {
    public final Path home;
    public final int port;
    public final Process process;
    final List<String> output = new CopyOnWriteArrayList<>();
    /** When the "Subito serving" line was read, by System.nanoTime; 0 until then. */
    volatile long bannerAt;

    /** Writes {@code conf/server.properties} (port and bind set here, plus {@code extraConf}) and starts. */
    public ServerProcess(Path home, String extraConf) throws IOException {
        this(home, freePort(), extraConf);
    }

    /** As above on a given port (a restart on the port a load balancer knows). */
    public ServerProcess(Path home, int port, String extraConf) throws IOException {
        this.home = home;
        this.port = port;
        Files.createDirectories(home.resolve("conf"));
        Files.createDirectories(home.resolve("webapps"));
        Files.writeString(home.resolve("conf/server.properties"), "bind=127.0.0.1\nport=" + port + "\n" + extraConf);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Server.class.getName(),
                "--home", home.toString()).redirectErrorStream(true).start();
        Thread reader = new Thread(this::collect, "server-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void collect() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("Subito serving") && bannerAt == 0) {
                    bannerAt = System.nanoTime();
                }
                output.add(line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Waits for the "Subito serving" line and returns it; fails if the process ends first. */
    public String awaitBanner() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            for (String line : output) {
                if (line.startsWith("Subito serving")) {
                    return line;
                }
            }
            if (!process.isAlive() && process.waitFor(1, TimeUnit.SECONDS)) {
                Thread.sleep(200); // the last lines
                throw new AssertionError("the server exited with " + process.exitValue() + " before serving:\n" + text());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no 'Subito serving' line within 120 s:\n" + text());
    }

    /** Waits for the process to end on its own and returns its exit code. */
    public int awaitExit() throws InterruptedException {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            throw new AssertionError("the server did not exit:\n" + text());
        }
        return process.exitValue();
    }

    /** SIGTERM, the graceful stop bin/stop.sh asks for; returns the exit code. */
    public int stop() throws InterruptedException {
        // through the handle: Process.destroy() would also close our end of its output, losing what the stop prints
        process.toHandle().destroy();
        return awaitExit();
    }

    /** Waits until a line of the output contains {@code part} (output is read by another thread). */
    boolean awaitOutput(String part) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (text().contains(part)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    public String text() {
        return String.join("\n", output);
    }

    /** The server log ({@code logs/subito.0.log}, from conf/logging.properties when the test copied it). */
    String serverLog() throws IOException {
        Path log = home.resolve("logs/subito.0.log");
        return Files.isRegularFile(log) ? Files.readString(log) : "";
    }

    /** Stops the server if it still runs (SIGTERM, then SIGKILL after 30 s or when interrupted). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
