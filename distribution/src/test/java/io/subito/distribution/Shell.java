package io.subito.distribution;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the scripts of an installation as an operator would: as processes, with an environment
 * cleared of the caller's {@code SUBITO_*} and {@code JAVA_OPTS}, and with a stand-in
 * {@code mvn} first on the PATH that records each call (so a test can tell whether a script
 * built anything) and exits with {@code FAKE_MVN_EXIT} (default 0).
 */
final class Shell {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    /** What a script did: its exit code and what it printed. */
    record Result(int code, String out, String err) {
        String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Path scratch;
    private final Path mvnCalls;
    private final Path fakeBin;

    Shell(Path scratch) throws IOException {
        this.scratch = Files.createDirectories(scratch);
        this.fakeBin = Files.createDirectories(scratch.resolve("fake-bin"));
        this.mvnCalls = scratch.resolve("mvn-calls.txt");
        Path mvn = fakeBin.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\necho \"$*\" >> '" + mvnCalls + "'\nexit ${FAKE_MVN_EXIT:-0}\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The argument lists the stand-in mvn was called with so far. */
    List<String> mvnCalls() throws IOException {
        return Files.exists(mvnCalls) ? Files.readAllLines(mvnCalls) : List.of();
    }

    /** Runs {@code script args...} with {@code env} added (a null value removes a variable). */
    Result run(Path script, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(scratch.toFile());
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("SUBITO_") || k.equals("JAVA_OPTS"));
        e.put("PATH", fakeBin + ":" + e.getOrDefault("PATH", "/usr/bin:/bin"));
        e.put("SUBITO_CDS", "off"); // no class-data archive written while tests measure nothing
        env.forEach((k, v) -> {
            if (v == null) {
                e.remove(k);
            } else {
                e.put(k, v);
            }
        });
        // output to files, not pipes: a server started in the background must not hold the test's pipe
        Path out = Files.createTempFile(scratch, "out", ".txt");
        Path err = Files.createTempFile(scratch, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not end within " + TIMEOUT + ":\n" + Files.readString(out) + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    static Map<String, String> env(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static boolean listening(int port) {
        try {
            new java.net.Socket("127.0.0.1", port).close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Kills the server an instance's pid file names, if it is still running (a failed test's leftovers). */
    static void killLeftover(Path base) throws IOException {
        Path pidFile = base.resolve("logs/subito.pid");
        if (Files.exists(pidFile)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                    .filter(h -> h.info().commandLine().orElse("").contains("io.subito.deploy.Server")).ifPresent(h -> {
                h.destroy();
                try {
                    h.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    h.destroyForcibly();
                }
            });
        }
    }

    static void assertContains(Result r, String... parts) {
        for (String part : parts) {
            assertTrue(r.all().contains(part), "expected \"" + part + "\" in:\n" + r);
        }
    }
}
