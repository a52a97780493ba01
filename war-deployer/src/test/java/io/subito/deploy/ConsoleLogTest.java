package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * logs/console.out of a server in the background holds what is printed, not a second copy of the
 * log: a real server process with the project's conf/logging.properties, its output captured as
 * bin/start.sh captures it; and bin/start.sh itself (with a stand-in java) passes the option and
 * keeps console.out small.
 */
class ConsoleLogTest {
    @TempDir
    Path home;

    @Test
    void withoutConsoleLogTheRecordsGoToTheLogFileOnly() throws Exception {
        String console = runServer("--no-console-log");
        assertTrue(console.contains("Subito serving"), "the banner is printed: " + console);
        assertFalse(console.contains("deployed app.war"), "no log records on the console: " + console);
        String log = Files.readString(home.resolve("logs/subito.0.log"));
        assertTrue(log.contains("deployed app.war"), log);
    }

    @Test
    void inTheForegroundTheRecordsAreOnTheConsoleToo() throws Exception {
        String console = runServer();
        assertTrue(console.contains("deployed app.war"), console);
    }

    /** Starts the server main in a JVM of its own, asks it for a page, stops it; returns its output. */
    private String runServer(String... options) throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.copy(Path.of("..", "conf", "logging.properties"), home.resolve("conf/logging.properties"));
        Files.writeString(home.resolve("conf/server.properties"), "bind=127.0.0.1\nport=0\n");
        TestWars.annotated().writeTo(Files.createDirectories(home.resolve("webapps")).resolve("app.war"));
        Path out = home.resolve("console.out");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Server.class.getName(), "--home", home.toString()));
        cmd.addAll(List.of(options));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            int port = awaitPort(out, p);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/app/hello")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
        } finally {
            p.destroy(); // SIGTERM: the graceful stop
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        }
        return Files.readString(out);
    }

    private static int awaitPort(Path out, Process p) throws Exception {
        Pattern serving = Pattern.compile("Subito serving http://[^:]+:(\\d+)/");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = serving.matcher(Files.readString(out));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!p.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server did not start: " + Files.readString(out));
    }

    @Test
    void startShInTheBackgroundTurnsTheConsoleLogOffAndSetsABigConsoleOutAside() throws Exception {
        Path install = home.resolve("install");
        Path bin = Files.createDirectories(install.resolve("bin"));
        for (String script : List.of("start.sh", "common.sh")) {
            Files.copy(Path.of("..", "bin", script), bin.resolve(script), StandardCopyOption.REPLACE_EXISTING);
        }
        Path lib = Files.createDirectories(install.resolve("war-deployer/target/lib"));
        Files.writeString(install.resolve("war-deployer/target/subito-war-deployer-0.jar"), "");
        Files.writeString(lib.resolve("subito-jsp-0.jar"), "");
        Files.writeString(lib.resolve("subito-websocket-0.jar"), "");
        Files.writeString(lib.resolve("jakarta.websocket-api-0.jar"), "");
        Path logs = Files.createDirectories(install.resolve("logs"));
        Files.write(logs.resolve("console.out"), new byte[6 * 1024 * 1024]);
        // a stand-in JVM: prints its arguments and the line start.sh waits for, and runs a while as a server would
        Path java = Files.createDirectories(install.resolve("jdk/bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"args: $*\"\necho \"Subito serving http://127.0.0.1:1/ (stand-in)\"\n"
                + "exec sleep 20\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = new ProcessBuilder("bash", bin.resolve("start.sh").toString()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", install.resolve("jdk").toString());
        pb.environment().put("SUBITO_CDS", "off");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        long pid = Long.parseLong(Files.readString(logs.resolve("subito.pid")).trim());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        String console = Files.readString(logs.resolve("console.out"));
        assertTrue(console.contains("--no-console-log"), console);
        assertTrue(Files.size(logs.resolve("console.out")) < 4096, "begun afresh");
        assertEquals(6 * 1024 * 1024, Files.size(logs.resolve("console.out.1")), "the big one set aside");
    }

    @Test
    void theCommandLineTakesTheOption() throws IOException {
        assertFalse(CommandLine.parse(new String[] {"--no-console-log"}).consoleLog());
        assertTrue(CommandLine.parse(new String[] {}).consoleLog());
    }
}
